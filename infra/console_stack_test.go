package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// distributionConfig returns the console distribution's DistributionConfig.
func distributionConfig(t *testing.T, f *fixture) map[string]any {
	t.Helper()
	ds := f.resources("Console", "AWS::CloudFront::Distribution")
	require.Len(t, ds, 1)
	for _, d := range ds {
		return d["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)
	}
	return nil
}

// headersPolicies returns the console's response-headers policies by comment.
func headersPolicies(t *testing.T, f *fixture) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for id, p := range f.resources("Console", "AWS::CloudFront::ResponseHeadersPolicy") {
		cfg := p["Properties"].(map[string]any)["ResponseHeadersPolicyConfig"].(map[string]any)
		cfg["logicalId"] = id
		out[cfg["Comment"].(string)] = cfg
	}
	return out
}

func cspOf(policy map[string]any) string {
	sec := policy["SecurityHeadersConfig"].(map[string]any)
	return sec["ContentSecurityPolicy"].(map[string]any)["ContentSecurityPolicy"].(string)
}

// TestConsoleStack_PrivateBucketBehindCloudFrontWithOAC: the bucket blocks public access and
// is read only by this distribution, through Origin Access Control (no OAI).
func TestConsoleStack_PrivateBucketBehindCloudFrontWithOAC(t *testing.T) {
	defer failOnPanic(t)
	for name, f := range map[string]*fixture{"main": mainFixture(t), "alt": altFixture(t)} {
		tpl := f.template("Console")
		tpl.HasResourceProperties(jsii.String("AWS::S3::Bucket"), props(map[string]any{
			"PublicAccessBlockConfiguration": map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
			"LoggingConfiguration":           objectLike(map[string]any{"LogFilePrefix": "s3/"}),
			"VersioningConfiguration":        map[string]any{"Status": "Enabled"},
		}))
		tpl.HasResourceProperties(jsii.String("AWS::CloudFront::OriginAccessControl"), props(map[string]any{
			"OriginAccessControlConfig": objectLike(map[string]any{"OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4"}),
		}))
		tpl.ResourceCountIs(jsii.String("AWS::CloudFront::CloudFrontOriginAccessIdentity"), jsii.Number(0))
		// The bucket policy lets CloudFront read, for this distribution only (AWS:SourceArn).
		tpl.HasResourceProperties(jsii.String("AWS::S3::BucketPolicy"), props(map[string]any{
			"PolicyDocument": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
				"Action":    "s3:GetObject",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
				"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": assertions.Match_AnyValue()}},
			}))}),
		}))
		dc := distributionConfig(t, f)
		origins := dc["Origins"].([]any)
		require.Len(t, origins, 1, name)
		o := origins[0].(map[string]any)
		assert.NotNil(t, o["OriginAccessControlId"], name)
		assert.Equal(t, map[string]any{"OriginAccessIdentity": ""}, o["S3OriginConfig"], name)
	}
}

// TestConsoleStack_HTTPSOnlyHTTP3AndTLS12: every behavior redirects to HTTPS, HTTP/3 is on,
// and with the console's own domain only TLS 1.2 (SNI) is offered.
func TestConsoleStack_HTTPSOnlyHTTP3AndTLS12(t *testing.T) {
	defer failOnPanic(t)
	dc := distributionConfig(t, mainFixture(t))
	assert.Equal(t, "http2and3", dc["HttpVersion"])
	assert.Equal(t, true, dc["IPV6Enabled"])
	assert.Equal(t, "index.html", dc["DefaultRootObject"])
	assert.Equal(t, []any{"console.example.com"}, dc["Aliases"])
	vc := dc["ViewerCertificate"].(map[string]any)
	assert.Equal(t, "TLSv1.2_2021", vc["MinimumProtocolVersion"])
	assert.Equal(t, "sni-only", vc["SslSupportMethod"])
	assert.Contains(t, vc["AcmCertificateArn"], ":acm:us-east-1:")
	behaviors := []any{dc["DefaultCacheBehavior"]}
	behaviors = append(behaviors, dc["CacheBehaviors"].([]any)...)
	require.Len(t, behaviors, 2)
	for _, b := range behaviors {
		assert.Equal(t, "redirect-to-https", b.(map[string]any)["ViewerProtocolPolicy"])
	}
	// The app routes in the browser: a missing key is the app, not an S3 error.
	for _, e := range dc["CustomErrorResponses"].([]any) {
		er := e.(map[string]any)
		assert.Equal(t, "/index.html", er["ResponsePagePath"])
		assert.EqualValues(t, 200, er["ResponseCode"])
	}
	assert.NotNil(t, dc["Logging"], "standard logs")
}

// TestConsoleStack_StrictCSPOnPagesAndTheWorkerItsOwn: the default behavior's headers policy
// sends the console's strict CSP; only the routing worker's path gets the worker's policy.
func TestConsoleStack_StrictCSPOnPagesAndTheWorkerItsOwn(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	pols := headersPolicies(t, f)
	var page, worker map[string]any
	for comment, p := range pols {
		switch {
		case strings.Contains(comment, "routing worker"):
			worker = p
		case strings.Contains(comment, "strict CSP"):
			page = p
		}
	}
	require.NotNil(t, page)
	require.NotNil(t, worker)
	csp := cspOf(page)
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "frame-ancestors 'none'", "base-uri 'none'",
		"require-trusted-types-for 'script'; trusted-types cfm-worker"} {
		assert.Contains(t, csp, want)
	}
	for _, banned := range []string{"unsafe-inline", "unsafe-eval", "blob:"} {
		assert.NotContains(t, csp, banned)
	}
	assert.Contains(t, csp, "connect-src 'self' https://api.example.com https://cognito-idp.eu-west-1.amazonaws.com https://cfm-test-login.auth.eu-west-1.amazoncognito.com;")
	altCSP := ""
	for c, p := range headersPolicies(t, altFixture(t)) {
		if strings.Contains(c, "strict CSP") {
			altCSP = cspOf(p)
		}
	}
	assert.Contains(t, altCSP, "connect-src 'self' https://*.execute-api.us-east-1.amazonaws.com https://cognito-idp.us-east-1.amazonaws.com;")
	assert.Equal(t, consoleWorkerCSP, cspOf(worker))
	sec := page["SecurityHeadersConfig"].(map[string]any)
	assert.Equal(t, map[string]any{"FrameOption": "DENY", "Override": true}, sec["FrameOptions"])
	assert.Equal(t, true, sec["StrictTransportSecurity"].(map[string]any)["IncludeSubdomains"])

	dc := distributionConfig(t, f)
	ref := func(b any) string {
		raw, _ := json.Marshal(b.(map[string]any)["ResponseHeadersPolicyId"])
		return string(raw)
	}
	assert.Contains(t, ref(dc["DefaultCacheBehavior"]), page["logicalId"].(string))
	wb := dc["CacheBehaviors"].([]any)[0].(map[string]any)
	assert.Equal(t, consoleWorkerPath, wb["PathPattern"])
	assert.Contains(t, ref(wb), worker["logicalId"].(string))
}

// TestConsoleContent_DeploysTheBuildAndConfigJSON: console/dist and a config.json naming this
// deployment's API, user pool and client are copied into the bucket, and the distribution is
// invalidated.
func TestConsoleContent_DeploysTheBuildAndConfigJSON(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	deployments := f.resources("ConsoleContent", "Custom::CDKBucketDeployment")
	require.Len(t, deployments, 1)
	for _, d := range deployments {
		p := d["Properties"].(map[string]any)
		assert.Len(t, p["SourceObjectKeys"], 2, "the build and config.json")
		assert.Equal(t, []any{"/*"}, p["DistributionPaths"])
		assert.Equal(t, true, p["Prune"])
		markers, err := json.Marshal(p["SourceMarkers"])
		require.NoError(t, err)
		assert.Contains(t, string(markers), "Cfm-Auth:ExportsOutputRefUserPool", "config.json names the user pool")
		assert.Contains(t, string(markers), "ConsoleClient", "and its app client")
	}
	// Without an API domain, config.json names the stage URL of the API stack.
	for _, d := range altFixture(t).resources("ConsoleContent", "Custom::CDKBucketDeployment") {
		markers, err := json.Marshal(d["Properties"].(map[string]any)["SourceMarkers"])
		require.NoError(t, err)
		assert.Contains(t, string(markers), "Cfm-Api")
	}
	assert.Equal(t, "https://console.example.com/callback", callbackURL(t, f))
}

func callbackURL(t *testing.T, f *fixture) string {
	t.Helper()
	for _, c := range f.resources("Auth", "AWS::Cognito::UserPoolClient") {
		urls, _ := c["Properties"].(map[string]any)["CallbackURLs"].([]any)
		require.Len(t, urls, 2, "the console's callback and the CLI's loopback callback")
		assert.Equal(t, "http://localhost:53180/callback", urls[1])
		return urls[0].(string)
	}
	return ""
}

// TestConsoleOrigin_ReachesTheAPIFunctionAndCORS: the api function's CFM_CONSOLE_ORIGIN and
// the API's CORS origin are the console's origin; without a custom domain, the distribution's.
func TestConsoleOrigin_ReachesTheAPIFunctionAndCORS(t *testing.T) {
	defer failOnPanic(t)
	env := functionByDescription(t, mainFixture(t), "HTTP API")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	assert.Equal(t, "https://console.example.com", env["CFM_CONSOLE_ORIGIN"])
	alt := functionByDescription(t, altFixture(t), "HTTP API")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	raw, err := json.Marshal(alt["CFM_CONSOLE_ORIGIN"])
	require.NoError(t, err)
	assert.Contains(t, string(raw), "Cfm-Console", "the hosted console's domain, imported from its stack")
}
