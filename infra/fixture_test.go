package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

const (
	testAccount        = "111111111111"
	testAPICertificate = "arn:aws:acm:eu-west-1:" + testAccount + ":certificate/11111111-2222-3333-4444-555555555555"
)

// assetDir holds placeholder zips: synthesis only hashes and copies them.
var assetDir string

// outdirs are the fixtures' cloud assemblies, removed after the run.
var outdirs []string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cfm-infra-assets-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	assetDir = dir
	for _, name := range lambdaZips {
		if err := writePlaceholderZip(filepath.Join(dir, name)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	code := m.Run()
	jsii.Close()
	_ = os.RemoveAll(dir)
	for _, d := range outdirs {
		_ = os.RemoveAll(d)
	}
	os.Exit(code)
}

func writePlaceholderZip(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("bootstrap")
	if err == nil {
		_, err = w.Write([]byte("placeholder, not a Lambda binary"))
	}
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// fixture is one synthesized app, with cdk-nag's AWS Solutions pack applied.
type fixture struct {
	cfg       Config
	stacks    *Stacks
	templates map[string]assertions.Template
	json      map[string]map[string]any
}

// template returns the assertions view of the named stack ("Data", "Compute", ...).
func (f *fixture) template(name string) assertions.Template { return f.templates[name] }

// resources returns the stack's resources of one type, by logical id.
func (f *fixture) resources(stack, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range f.json[stack]["Resources"].(map[string]any) {
		res := r.(map[string]any)
		if res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

var (
	mainOnce, altOnce  sync.Once
	mainFix, altFix    *fixture
	mainErr, altErr    error
	repoRoot, rootErr  = FindRoot(".")
	defaultContextKeys = []string{"homeRegion", "createTrail", "consoleOrigin", "kmsKeyArn", "allowedAliasDomains", "authDomainPrefix",
		"cliCallbackPort", "alarmEmail", "apiDomainName", "apiCertificateArn"}
)

// mainFixture: home region eu-west-1 (so the forwarder is a second region), a trail, CORS
// for a console origin and its Cognito hosted login, AWS managed table encryption, an alarm
// e-mail and a custom API domain.
func mainFixture(t *testing.T) *fixture {
	t.Helper()
	mainOnce.Do(func() {
		mainFix, mainErr = synthFixture(map[string]any{
			"homeRegion":            "eu-west-1",
			"createTrail":           true,
			"consoleOrigin":         "https://console.example.com",
			"consoleCertificateArn": "arn:aws:acm:us-east-1:" + testAccount + ":certificate/11111111-2222-3333-4444-555555555555",
			"allowedAliasDomains":   "example.com, cdn.example.org",
			"authDomainPrefix":      "cfm-test-login",
			"alarmEmail":            "ops@example.com",
			"apiDomainName":         "api.example.com",
			"apiCertificateArn":     testAPICertificate,
		})
	})
	if mainErr != nil {
		t.Fatal(mainErr)
	}
	return mainFix
}

// altFixture: home region us-east-1, no trail, no CORS, a customer managed table key, no alarm
// e-mail, no custom API domain.
func altFixture(t *testing.T) *fixture {
	t.Helper()
	altOnce.Do(func() {
		altFix, altErr = synthFixture(map[string]any{
			"homeRegion": "us-east-1",
			"kmsKeyArn":  "arn:aws:kms:us-east-1:" + testAccount + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
		})
	})
	if altErr != nil {
		t.Fatal(altErr)
	}
	return altFix
}

func synthFixture(context map[string]any) (*fixture, error) {
	if rootErr != nil {
		return nil, rootErr
	}
	ctx := map[string]any{"account": testAccount, "assetDir": assetDir}
	for _, k := range defaultContextKeys {
		ctx[k] = nil
	}
	for k, v := range context {
		ctx[k] = v
	}
	cfg, err := LoadConfig(func(k string) any { return ctx[k] }, repoRoot)
	if err != nil {
		return nil, err
	}
	outdir, err := os.MkdirTemp("", "cfm-infra-cdkout-")
	if err != nil {
		return nil, err
	}
	outdirs = append(outdirs, outdir)
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir)})
	stacks := NewStacks(app, cfg)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)

	f := &fixture{cfg: cfg, stacks: stacks, templates: map[string]assertions.Template{}, json: map[string]map[string]any{}}
	for _, st := range stacks.All() {
		name := strings.TrimPrefix(*st.StackName(), "Cfm-")
		tpl := assertions.Template_FromStack(st, nil)
		f.templates[name] = tpl
		raw, err := json.Marshal(tpl.ToJSON())
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		f.json[name] = m
	}
	return f, nil
}

// props is shorthand for a HasResourceProperties pattern.
func props(m map[string]any) *map[string]any { return &m }

func objectLike(m map[string]any) assertions.Matcher { return assertions.Match_ObjectLike(&m) }

func arrayWith(items ...any) assertions.Matcher { return assertions.Match_ArrayWith(&items) }

// statements returns the statements of an AWS::IAM::Policy resource.
func statements(policy map[string]any) []map[string]any {
	doc := policy["Properties"].(map[string]any)["PolicyDocument"].(map[string]any)
	var out []map[string]any
	for _, s := range doc["Statement"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

// actions returns a statement's actions as a list (IAM allows a string or a list).
func actions(st map[string]any) []string {
	switch a := st["Action"].(type) {
	case string:
		return []string{a}
	case []any:
		var out []string
		for _, s := range a {
			out = append(out, s.(string))
		}
		return out
	}
	return nil
}

// functionByDescription finds the compute stack's function whose description mentions name.
func functionByDescription(t *testing.T, f *fixture, name string) map[string]any {
	t.Helper()
	return f.resources("Compute", "AWS::Lambda::Function")[functionID(t, f, name)]
}

func functionID(t *testing.T, f *fixture, name string) string {
	t.Helper()
	for id, fn := range f.resources("Compute", "AWS::Lambda::Function") {
		if strings.Contains(fn["Properties"].(map[string]any)["Description"].(string), name) {
			return id
		}
	}
	t.Fatalf("no function described as %q", name)
	return ""
}

// policyOf returns the statements of the policy attached to the function's role.
func policyOf(t *testing.T, f *fixture, name string) []map[string]any {
	t.Helper()
	fn := functionByDescription(t, f, name)
	role := fn["Properties"].(map[string]any)["Role"].(map[string]any)["Fn::GetAtt"].([]any)[0]
	for _, p := range f.resources("Compute", "AWS::IAM::Policy") {
		for _, r := range p["Properties"].(map[string]any)["Roles"].([]any) {
			if r.(map[string]any)["Ref"] == role {
				return statements(p)
			}
		}
	}
	t.Fatalf("no policy for the role of %s", name)
	return nil
}

// failOnPanic turns a failed template assertion (jsii raises it as a panic) into a test
// failure, so the remaining tests still run. Use as `defer failOnPanic(t)`.
func failOnPanic(t *testing.T) {
	t.Helper()
	if r := recover(); r != nil {
		t.Fatalf("%v", r)
	}
}
