package intake

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Certificates reads the ACM certificates (us-east-1) a distribution can use.
type Certificates struct{ shared.Deps }

// certificateARN is an ACM certificate ARN in us-east-1, the only region CloudFront reads.
var certificateARN = regexp.MustCompile(`^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-zA-Z-]{1,128}$`)

// cloudFrontKeyAlgorithms are the certificate keys CloudFront serves viewers with (ACM writes
// them RSA_2048 in lists and RSA-2048 in some answers; both are accepted).
var cloudFrontKeyAlgorithms = []string{"RSA_1024", "RSA_2048", "RSA_3072", "EC_PRIME256V1"}

// usableByCloudFront: issued, in us-east-1, with a key CloudFront supports.
func usableByCloudFront(c domain.Certificate) bool {
	if c.Status != "ISSUED" || !certificateARN.MatchString(c.ARN) {
		return false
	}
	if c.KeyAlgorithm == "" {
		return true
	}
	alg := strings.ToUpper(strings.ReplaceAll(c.KeyAlgorithm, "-", "_"))
	for _, a := range cloudFrontKeyAlgorithms {
		if alg == a {
			return true
		}
	}
	return false
}

// List returns the issued certificates CloudFront can use.
func (a Certificates) List(ctx context.Context, p domain.Principal) ([]domain.Certificate, error) {
	if !p.CanRead() {
		return nil, fmt.Errorf("list certificates: %w", domain.ErrForbidden)
	}
	if a.Cloud.Certificates == nil {
		return []domain.Certificate{}, nil
	}
	all, err := a.Cloud.Certificates.ListCertificates(ctx)
	if err != nil {
		return nil, fmt.Errorf("list certificates: %w", err)
	}
	out := make([]domain.Certificate, 0, len(all))
	for _, c := range all {
		if usableByCloudFront(c) {
			out = append(out, withNames(c))
		}
	}
	return out, nil
}

// Get describes one certificate, whatever its status. The seed wrote ARNs with ":certificate:"
// where ACM has ":certificate/"; that spelling is accepted too.
func (a Certificates) Get(ctx context.Context, p domain.Principal, arn string) (domain.Certificate, error) {
	if !p.CanRead() {
		return domain.Certificate{}, fmt.Errorf("get certificate: %w", domain.ErrForbidden)
	}
	if i := strings.LastIndex(arn, ":certificate:"); i >= 0 {
		arn = arn[:i] + ":certificate/" + arn[i+len(":certificate:"):]
	}
	if !certificateARN.MatchString(arn) {
		return domain.Certificate{}, domain.Invalid("arn", "must be an ACM certificate ARN in us-east-1, such as arn:aws:acm:us-east-1:123456789012:certificate/<id>")
	}
	if a.Cloud.Certificates == nil {
		return domain.Certificate{}, fmt.Errorf("certificate %s: %w", arn, domain.ErrNotFound)
	}
	c, err := a.Cloud.Certificates.DescribeCertificate(ctx, arn)
	if err != nil {
		return domain.Certificate{}, fmt.Errorf("get certificate: %w", err)
	}
	return withNames(c), nil
}

// withNames makes an absent list of alternative names the empty list the API promises.
func withNames(c domain.Certificate) domain.Certificate {
	if c.SubjectAlternativeNames == nil {
		c.SubjectAlternativeNames = []string{}
	}
	return c
}

// checkCertificate verifies a planned config's certificate against ACM: with aliases, the
// certificate must exist, be issued, be usable by CloudFront and cover every alias (wildcards
// included). Violations are 422s naming the field. Distribution create and update call it
// after planning.
func checkCertificate(ctx context.Context, d shared.Deps, cfg domain.DistributionConfig) error {
	if cfg.Aliases == nil || len(cfg.Aliases.Items) == 0 {
		return nil
	}
	const field = "config.ViewerCertificate.ACMCertificateArn"
	if cfg.ViewerCertificate == nil || cfg.ViewerCertificate.ACMCertificateArn == "" {
		return domain.Invalid(field, "aliases need an ACM certificate in us-east-1")
	}
	arn := cfg.ViewerCertificate.ACMCertificateArn
	if d.Cloud.Certificates == nil {
		return &domain.PolicyViolation{Rule: "certificate", Field: field, Message: "no certificate service is configured to check " + arn}
	}
	c, err := d.Cloud.Certificates.DescribeCertificate(ctx, arn)
	if errors.Is(err, domain.ErrNotFound) {
		return &domain.PolicyViolation{Rule: "certificate", Field: field, Message: fmt.Sprintf("certificate %s does not exist in ACM us-east-1", arn)}
	}
	if err != nil {
		return fmt.Errorf("check certificate %s: %w", arn, err)
	}
	if c.Status != "ISSUED" {
		return &domain.PolicyViolation{Rule: "certificate", Field: field, Message: fmt.Sprintf("certificate %s is %s, not ISSUED", arn, c.Status)}
	}
	if !usableByCloudFront(c) {
		return &domain.PolicyViolation{Rule: "certificate", Field: field, Message: fmt.Sprintf("certificate %s uses key %s, which CloudFront does not support", arn, c.KeyAlgorithm)}
	}
	for i, alias := range cfg.Aliases.Items {
		if !c.Covers(alias) {
			return &domain.PolicyViolation{Rule: "certificate", Field: fmt.Sprintf("config.Aliases.Items[%d]", i),
				Message: fmt.Sprintf("%q is not covered by certificate %s (%s)", alias, arn, strings.Join(certNames(c), ", "))}
		}
	}
	return nil
}

func certNames(c domain.Certificate) []string {
	names := []string{c.DomainName}
	for _, n := range c.SubjectAlternativeNames {
		if n != c.DomainName {
			names = append(names, n)
		}
	}
	return names
}
