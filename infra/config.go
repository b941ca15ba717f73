package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Product-wide names. They are part of the contract with the worker (docs/aws-resources.md):
// resources it creates carry ResourcePrefix in their names, and distributions the tag
// ManagedBy=<ResourcePrefix> (app.ManagedByTag).
const (
	defaultResourcePrefix = "cfm"
	defaultBusName        = "cloudfront-manager"
	managedByTagKey       = "ManagedBy"
	defaultPolicyFile     = "infra/policy/default-policy.json"
	defaultAssetDir       = "dist"
	edgeRegion            = "us-east-1"
)

// lambdaZips are the four binaries `make build` writes to the asset directory.
var lambdaZips = []string{"api.zip", "worker.zip", "watch.zip", "sweeper.zip"}

// Config is everything the stacks take from CDK context, validated once.
type Config struct {
	Account             string
	HomeRegion          string
	AllowedAliasDomains []string
	// PolicyJSON is the guardrail policy delivered to the functions as CFM_POLICY (compact).
	PolicyJSON     string
	CreateTrail    bool
	KMSKeyARN      string
	ConsoleOrigin  string
	AssetDir       string // absolute
	ResourcePrefix string
	BusName        string
	// ConsoleCertificateARN (us-east-1) is the certificate of ConsoleOrigin's host, which the
	// console distribution then serves (consoleCertificateArn).
	ConsoleCertificateARN string
	// ConsoleDist is the built web console (console/dist), deployed to the console bucket.
	ConsoleDist string
	// AuthDomainPrefix, when set, gives the user pool a Cognito hosted domain.
	AuthDomainPrefix string
	// CLICallbackPort is the loopback port of `cfm login` registered as a callback (0: 53180).
	CLICallbackPort int
	// AlarmEmail, when set, is subscribed to the alarm topic at deploy time.
	AlarmEmail string
	// ApiDomain, when its name is set, is the API's custom domain (TLS 1.2 only).
	ApiDomain ApiDomain
}

// ApiDomain is a regional custom domain of the API and its ACM certificate (home region).
type ApiDomain struct {
	Name           string
	CertificateARN string
}

// ContextReader is the one method of constructs.Node the configuration needs.
type ContextReader func(key string) any

var (
	accountPattern = regexp.MustCompile(`^[0-9]{12}$`)
	regionPattern  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	domainPattern  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	originPattern  = regexp.MustCompile(`^https://[a-z0-9.-]+(:[0-9]{1,5})?$`)
	prefixPattern  = regexp.MustCompile(`^[a-z][a-z0-9-]{1,15}$`)
	domainPrefix   = regexp.MustCompile(`^[a-z0-9](-?[a-z0-9]){0,62}$`)
	kmsKeyPattern  = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$`)
	certPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+$`)
	emailPattern   = regexp.MustCompile(`^[^@\s,]+@([a-z0-9-]+\.)+[a-z]{2,63}$`)
)

// LoadConfig reads and validates the context. Relative paths resolve against root (the folder
// holding cdk.json), so `-c policyFile=...` means the same from the repo root and from infra/.
func LoadConfig(ctx ContextReader, root string) (Config, error) {
	c := Config{
		Account:               firstNonEmpty(contextString(ctx, "account"), os.Getenv("CDK_DEFAULT_ACCOUNT")),
		HomeRegion:            firstNonEmpty(contextString(ctx, "homeRegion"), os.Getenv("CDK_DEFAULT_REGION"), edgeRegion),
		KMSKeyARN:             contextString(ctx, "kmsKeyArn"),
		ConsoleOrigin:         strings.TrimSuffix(contextString(ctx, "consoleOrigin"), "/"),
		ResourcePrefix:        firstNonEmpty(contextString(ctx, "resourcePrefix"), defaultResourcePrefix),
		BusName:               defaultBusName,
		AuthDomainPrefix:      contextString(ctx, "authDomainPrefix"),
		ConsoleCertificateARN: contextString(ctx, "consoleCertificateArn"),
		AlarmEmail:            contextString(ctx, "alarmEmail"),
		ApiDomain: ApiDomain{
			Name:           strings.ToLower(strings.TrimSuffix(contextString(ctx, "apiDomainName"), ".")),
			CertificateARN: contextString(ctx, "apiCertificateArn"),
		},
	}
	var errs []error
	var err error
	if c.CreateTrail, err = contextBool(ctx, "createTrail"); err != nil {
		errs = append(errs, err)
	}
	if p := contextString(ctx, "cliCallbackPort"); p != "" {
		if c.CLICallbackPort, err = strconv.Atoi(p); err != nil || c.CLICallbackPort < 1024 || c.CLICallbackPort > 65535 {
			errs = append(errs, fmt.Errorf("cliCallbackPort %q: want a port number from 1024 to 65535", p))
		}
	}
	if !accountPattern.MatchString(c.Account) {
		errs = append(errs, fmt.Errorf("account %q: set -c account=<12 digits> or run through the CDK CLI with credentials", c.Account))
	}
	if !regionPattern.MatchString(c.HomeRegion) {
		errs = append(errs, fmt.Errorf("homeRegion %q is not a region name", c.HomeRegion))
	}
	if c.KMSKeyARN != "" && !kmsKeyPattern.MatchString(c.KMSKeyARN) {
		errs = append(errs, fmt.Errorf("kmsKeyArn %q is not a KMS key ARN", c.KMSKeyARN))
	}
	if c.ConsoleOrigin != "" && !originPattern.MatchString(c.ConsoleOrigin) {
		errs = append(errs, fmt.Errorf("consoleOrigin %q: want https://host[:port]", c.ConsoleOrigin))
	}
	if p := c.AuthDomainPrefix; p != "" && (!domainPrefix.MatchString(p) || strings.Contains(p, "aws") || strings.Contains(p, "amazon") || strings.Contains(p, "cognito")) {
		errs = append(errs, fmt.Errorf("authDomainPrefix %q: lower-case letters, digits and single hyphens, without aws, amazon or cognito", p))
	}
	if (c.ConsoleOrigin == "") != (c.ConsoleCertificateARN == "") {
		errs = append(errs, errors.New("consoleOrigin and consoleCertificateArn go together: the console distribution serves that name with that certificate (without both it is served on its *.cloudfront.net name)"))
	} else if m := certPattern.FindStringSubmatch(c.ConsoleCertificateARN); c.ConsoleCertificateARN != "" && (m == nil || m[1] != edgeRegion) {
		errs = append(errs, fmt.Errorf("consoleCertificateArn %q: want an ACM certificate ARN in us-east-1 (CloudFront reads certificates there)", c.ConsoleCertificateARN))
	}
	if c.AlarmEmail != "" && !emailPattern.MatchString(c.AlarmEmail) {
		errs = append(errs, fmt.Errorf("alarmEmail %q is not an e-mail address", c.AlarmEmail))
	}
	errs = append(errs, c.ApiDomain.validate(c.HomeRegion)...)
	if !prefixPattern.MatchString(c.ResourcePrefix) {
		errs = append(errs, fmt.Errorf("resourcePrefix %q: want 2-16 of [a-z0-9-], starting with a letter", c.ResourcePrefix))
	}
	for _, d := range splitList(contextString(ctx, "allowedAliasDomains")) {
		if !domainPattern.MatchString(d) {
			errs = append(errs, fmt.Errorf("allowedAliasDomains: %q is not a domain name", d))
		}
		c.AllowedAliasDomains = append(c.AllowedAliasDomains, d)
	}
	policyFile := resolve(root, firstNonEmpty(contextString(ctx, "policyFile"), defaultPolicyFile))
	if c.PolicyJSON, err = loadPolicy(policyFile, c.AllowedAliasDomains, c.ResourcePrefix); err != nil {
		errs = append(errs, err)
	}
	c.AssetDir = resolve(root, firstNonEmpty(contextString(ctx, "assetDir"), defaultAssetDir))
	c.ConsoleDist = resolve(root, "console/dist") // committed (make console rebuilds it)
	for _, z := range lambdaZips {
		if _, err := os.Stat(filepath.Join(c.AssetDir, z)); err != nil {
			errs = append(errs, fmt.Errorf("lambda asset %s missing (run `make build`, or -c assetDir=...): %w", z, err))
		}
	}
	return c, errors.Join(errs...)
}

// validate: both or neither of apiDomainName and apiCertificateArn, the certificate in the
// home region (a regional endpoint serves a certificate of its own region).
func (d ApiDomain) validate(homeRegion string) []error {
	switch {
	case d.Name == "" && d.CertificateARN == "":
		return nil
	case d.Name == "" || d.CertificateARN == "":
		return []error{errors.New("apiDomainName and apiCertificateArn go together: set both or neither")}
	}
	var errs []error
	if !domainPattern.MatchString(d.Name) {
		errs = append(errs, fmt.Errorf("apiDomainName %q is not a domain name", d.Name))
	}
	if m := certPattern.FindStringSubmatch(d.CertificateARN); m == nil {
		errs = append(errs, fmt.Errorf("apiCertificateArn %q is not an ACM certificate ARN", d.CertificateARN))
	} else if m[1] != homeRegion {
		errs = append(errs, fmt.Errorf("apiCertificateArn is in %s: the API's regional endpoint needs a certificate in homeRegion %s", m[1], homeRegion))
	}
	return errs
}

// contextString returns a context value as a string ("" when unset).
func contextString(ctx ContextReader, key string) string {
	switch v := ctx(key).(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case *string:
		if v == nil {
			return ""
		}
		return strings.TrimSpace(*v)
	default:
		return strings.TrimSpace(fmt.Sprint(v))
	}
}

// contextBool accepts a JSON bool (cdk.json) or a string (`-c createTrail=true`).
func contextBool(ctx ContextReader, key string) (bool, error) {
	if b, ok := ctx(key).(bool); ok {
		return b, nil
	}
	s := contextString(ctx, key)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%s %q: want true or false", key, s)
	}
	return b, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func resolve(root, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

// FindRoot walks up from dir to the folder holding cdk.json (the CLI runs the app from infra/).
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find cdk.json: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "cdk.json")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no cdk.json in %s or above", dir)
		}
	}
}
