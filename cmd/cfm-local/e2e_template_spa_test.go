package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdkcf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	appwatch "github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/domain"
)

// lambdaURL is the API origin the SPA tests use: a Lambda function URL, reached through the
// product's OAC of origin type lambda.
const lambdaURL = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws"

// spaPolicy is the deployed guardrails the SPA tests run under: the security headers applied
// to and required on every behavior, and owner and cost-centre tags required.
func spaPolicy(c *config) {
	c.Policy.ResponseHeaders.Default = domain.ResponseHeadersPresetSecurity
	c.Policy.ResponseHeaders.RequireSecurityHeaders = true
	c.Policy.RequiredTags = map[string][]string{"owner": nil, "cost-centre": {"cc-1", "cc-2"}}
}

// spaApply is the apply body of the SPA + API template over the managed bucket and the Lambda
// function URL, with an allow list of countries and tags (nil: none).
func spaApply(bucket string, tags map[string]any, extra func(cfg map[string]any)) map[string]any {
	cfg := map[string]any{
		"Origins": map[string]any{"Quantity": 2, "Items": []any{
			map[string]any{"Id": domain.SPAOriginID, "DomainName": bucket + ".s3.eu-central-1.amazonaws.com"},
			map[string]any{"Id": domain.SPAAPIOriginID, "DomainName": lambdaURL, "CustomOriginConfig": map[string]any{}},
		}},
		"Restrictions": map[string]any{"GeoRestriction": map[string]any{"RestrictionType": "whitelist", "Quantity": 2, "Items": []string{"DE", "AT"}}},
	}
	if tags != nil {
		cfg["Tags"] = tags
	}
	if extra != nil {
		extra(cfg)
	}
	return map[string]any{"name": "my spa", "config": cfg}
}

// checkSPA asserts what every view of the SPA + API distribution shows: the S3 default behavior
// through the origin's OAC, /api/* to the Lambda function URL (caching disabled, all viewer
// headers but Host), security headers on both behaviors (want: the reference or policy id),
// index.html as root, 403/404 → /index.html, and the geo restriction.
func checkSPA(t *testing.T, cfg domain.DistributionConfig, oacID, headers string) {
	t.Helper()
	assert.Equal(t, "index.html", cfg.DefaultRootObject)
	require.Len(t, cfg.Origins.Items, 2)
	site, api := cfg.Origins.Items[0], cfg.Origins.Items[1]
	if oacID != "" {
		assert.Equal(t, oacID, site.OriginAccessControlId, "the S3 origin is reached through its OAC")
	}
	require.NotNil(t, api.CustomOriginConfig)
	assert.Equal(t, lambdaURL, api.DomainName)
	assert.Equal(t, "https-only", api.CustomOriginConfig.OriginProtocolPolicy)
	assert.Equal(t, []string{"TLSv1.2"}, api.CustomOriginConfig.OriginSslProtocols.Items)
	d := cfg.DefaultCacheBehavior
	assert.Equal(t, domain.SPAOriginID, d.TargetOriginId)
	assert.Equal(t, headers, d.ResponseHeadersPolicyId)
	require.NotNil(t, cfg.CacheBehaviors)
	require.Len(t, cfg.CacheBehaviors.Items, 1)
	b := cfg.CacheBehaviors.Items[0]
	assert.Equal(t, "/api/*", b.PathPattern)
	assert.Equal(t, domain.SPAAPIOriginID, b.TargetOriginId)
	assert.Equal(t, domain.CachePolicyCachingDisabled, b.CachePolicyId)
	assert.Equal(t, domain.OriginRequestPolicyAllViewerExceptHostHeader, b.OriginRequestPolicyId)
	assert.Equal(t, headers, b.ResponseHeadersPolicyId)
	assert.Len(t, b.AllowedMethods.Items, 7)
	require.NotNil(t, cfg.CustomErrorResponses)
	assert.Len(t, cfg.CustomErrorResponses.Items, 2)
	require.NotNil(t, cfg.Restrictions)
	assert.Equal(t, domain.GeoRestriction{RestrictionType: "whitelist", Quantity: 2, Items: []string{"AT", "DE"}}, cfg.Restrictions.GeoRestriction)
}

// The shipped "SPA + API" template, applied by a developer under the deployed guardrails,
// creates a distribution that reaches Deployed and shows every part of it in the API and in
// the cloud: behaviors, the custom (Lambda function URL) origin through the lambda OAC, the
// platform's security-headers policy created in CloudFront, the geo restriction and the tags.
// Tags then drift, are updated and removed through the API.
func TestEndToEndShippedSPAAPITemplate(t *testing.T) {
	sys, anon := startLocalWith(t, spaPolicy)
	ctx := context.Background()
	alice := anon.login("alice", "developers")
	r := alice.do("GET", "/api/templates/"+domain.TemplateSPAAPI, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "SPA + API", dig(r.Body, "data", "template", "name"))

	originID := alice.createOrigin("spa", "cfm-spa-content", "eu-central-1")
	oacID := dig(alice.do("GET", "/api/origins/"+originID, nil).Body, "data", "origin", "oacId").(string)
	r = alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", spaApply("cfm-spa-content", map[string]any{"owner": "team-a"}, nil))
	assertField(t, r, http.StatusUnprocessableEntity, "config.Tags.cost-centre")
	assert.Equal(t, "requiredTags", dig(r.Body, "error", "rule"))
	r = alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", spaApply("cfm-spa-content", map[string]any{"owner": "team-a", "cost-centre": "cc-9"}, nil))
	assertField(t, r, http.StatusUnprocessableEntity, "config.Tags.cost-centre")

	r = alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", spaApply("cfm-spa-content", map[string]any{"owner": "team-a", "cost-centre": "cc-1"}, nil))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)

	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	assert.Equal(t, domain.TemplateSPAAPI, got["templateId"])
	desired := decodeConfig(t, got["config"])
	checkSPA(t, desired, oacID, domain.ResponseHeadersSecurityRef)
	assert.Equal(t, domain.LambdaURLOACRef, desired.Origins.Items[1].OriginAccessControlId)
	assert.Equal(t, map[string]string{"owner": "team-a", "cost-centre": "cc-1"}, desired.Tags, "the API shows the tags")

	live, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, got["cloudfrontId"].(string))
	require.NoError(t, err)
	policyID := live.Config.DefaultCacheBehavior.ResponseHeadersPolicyId
	assert.Regexp(t, `^[0-9a-f-]{36}$`, policyID, "CloudFront gets the policy's id")
	checkSPA(t, live.Config, oacID, policyID)
	name, spec, ok, err := sys.Cloud.ResponseHeadersPolicy(policyID)
	require.NoError(t, err)
	require.True(t, ok, "the security-headers policy exists in CloudFront")
	assert.Regexp(t, `^cfm-security-headers-[0-9a-f]{12}$`, name)
	require.NotNil(t, spec.Security)
	assert.Equal(t, sys.Deps.Policy.ResponseHeaders.SecurityHeaders, *spec.Security, "HSTS, the team's CSP, nosniff, frame options, referrer policy")
	lambdaOAC := live.Config.Origins.Items[1].OriginAccessControlId
	assert.NotEmpty(t, lambdaOAC)
	assert.NotEqual(t, oacID, lambdaOAC, "the Lambda function URL has its own OAC, of origin type lambda")

	arn := got["arn"].(string)
	tags, err := sys.Deps.Cloud.Tagger.ListTags(ctx, arn)
	require.NoError(t, err)
	assert.Equal(t, "team-a", tags["owner"])
	assert.Equal(t, "cc-1", tags["cost-centre"])
	assert.Equal(t, "cfm", tags[domain.ManagedByTag], "the product's own tag is kept")

	watcher := appwatch.Watch{Deps: sys.Deps}
	rep, err := watcher.CheckAll(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep.Drifted, "references, OAC and tags round-trip without false drift")

	// A tag changed outside the product is drift.
	require.NoError(t, sys.Deps.Cloud.Tagger.TagResource(ctx, arn, map[string]string{"cost-centre": "cc-2"}))
	rep, err = watcher.CheckAll(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Drifted)
	got = dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.True(t, hasChangeUnder(dig(got, "drift", "changes"), "Tags.cost-centre"), "%v", dig(got, "drift", "changes"))

	// Users cannot set the product's tag; a tag update is a dry-run change, then applied.
	assertField(t, alice.do("PUT", "/api/distributions/"+distID, map[string]any{"config": map[string]any{"Tags": map[string]any{"ManagedBy": "me"}}}),
		http.StatusBadRequest, "config.Tags.ManagedBy")
	assertField(t, alice.do("PUT", "/api/distributions/"+distID, map[string]any{"config": map[string]any{"Tags": map[string]any{"owner": nil}}}),
		http.StatusUnprocessableEntity, "config.Tags.owner")
	change := map[string]any{"config": map[string]any{"Tags": map[string]any{"cost-centre": "cc-2", "app": "shop"}}}
	r = alice.do("PUT", "/api/distributions/"+distID+"?dryRun=true", change)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.True(t, hasChangeUnder(dig(r.Body, "data", "changes"), "Tags.app"), "%v", dig(r.Body, "data", "changes"))
	r = alice.do("PUT", "/api/distributions/"+distID, change)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	r = alice.do("PUT", "/api/distributions/"+distID, map[string]any{"config": map[string]any{"Tags": map[string]any{"app": nil}}})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	tags, err = sys.Deps.Cloud.Tagger.ListTags(ctx, arn)
	require.NoError(t, err)
	assert.Equal(t, "cc-2", tags["cost-centre"])
	assert.NotContains(t, tags, "app", "UntagResource removed it")
	assert.Equal(t, "cfm", tags[domain.ManagedByTag], "ManagedBy survives every tag update")
	rep, err = watcher.CheckAll(ctx)
	require.NoError(t, err)
	assert.Zero(t, rep.Drifted)
	assert.Equal(t, 1, rep.Resolved, "the update brought the tags back in line")
}

// On moto (AWS mode) the same create shows the behaviors, the custom origin, the headers policy
// id, the geo restriction and the tags through the APIs moto stores. Moto 5.2.5 has no response
// headers policy API, so the template's cfm:security-headers fails the create with a named
// unsupported-API error; with the behaviors naming CloudFront's managed SecurityHeadersPolicy
// (allowed by the default allowedPolicyIds, so the guardrail here does not require the preset)
// it deploys. Moto drops an origin's OriginAccessControlId (M1), so the lambda OAC is checked
// in moto's OAC list; a tag changed outside the product is drift there too.
func TestEndToEndAWSModeShippedSPAAPITemplate(t *testing.T) {
	sys, anon := startAWSModeWith(t, func(c *config) {
		c.Policy.RequiredTags = map[string][]string{"owner": nil, "cost-centre": {"cc-1", "cc-2"}}
	})
	ctx := context.Background()
	alice := anon.login("alice", "developers")
	bucket := "cfm-spa-" + time.Now().Format("150405.000000")[7:]
	alice.createOrigin("spa", bucket, "eu-central-1")
	tags := map[string]any{"owner": "team-a", "cost-centre": "cc-1"}

	r := alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", spaApply(bucket, tags, nil))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Failed", op["status"], op)
	assert.Contains(t, op["lastError"], "ListResponseHeadersPolicies", "moto 5.2.5 lacks the response headers policy API")

	managed := domain.ManagedSecurityHeadersPolicy
	r = alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", spaApply(bucket, tags, func(cfg map[string]any) {
		cfg["DefaultCacheBehavior"] = map[string]any{"ResponseHeadersPolicyId": managed}
		cfg["CacheBehaviors"] = map[string]any{"Quantity": 1, "Items": []any{map[string]any{"PathPattern": "/api/*", "TargetOriginId": domain.SPAAPIOriginID,
			"ViewerProtocolPolicy": "https-only", "CachePolicyId": domain.CachePolicyCachingDisabled,
			"OriginRequestPolicyId": domain.OriginRequestPolicyAllViewerExceptHostHeader, "ResponseHeadersPolicyId": managed,
			"AllowedMethods": map[string]any{"Quantity": 7, "Items": []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}}}}}
	}))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 60*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	checkSPA(t, decodeConfig(t, got["config"]), "", managed)

	live, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, got["cloudfrontId"].(string))
	require.NoError(t, err)
	checkSPA(t, live.Config, "", managed)
	stored, err := sys.Deps.Cloud.Tagger.ListTags(ctx, got["arn"].(string))
	require.NoError(t, err)
	assert.Equal(t, "team-a", stored["owner"], "ListTagsForResource on moto")
	assert.Equal(t, "cc-1", stored["cost-centre"])
	assert.Equal(t, "cfm", stored[domain.ManagedByTag])

	// The Lambda function URL's OAC exists on moto with origin type lambda (moto drops the id
	// from the origin, M1, so only the OAC itself is visible).
	oacs, err := sdkcf.NewFromConfig(awstest.Config(t), func(o *sdkcf.Options) { o.Region = "us-east-1" }).
		ListOriginAccessControls(ctx, &sdkcf.ListOriginAccessControlsInput{})
	require.NoError(t, err)
	var lambdaType string
	for _, o := range oacs.OriginAccessControlList.Items {
		if aws.ToString(o.Name) == "cfm-lambda-url" {
			lambdaType = string(o.OriginAccessControlOriginType)
		}
	}
	assert.Equal(t, "lambda", lambdaType, "the product's OAC for Lambda function URLs")

	// A tag changed outside the product shows as drift, read through ListTagsForResource.
	require.NoError(t, sys.Deps.Cloud.Tagger.TagResource(ctx, got["arn"].(string), map[string]string{"cost-centre": "cc-2"}))
	_, err = appwatch.Watch{Deps: sys.Deps}.CheckAll(ctx)
	require.NoError(t, err)
	drift := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution", "drift", "changes")
	assert.True(t, hasChangeUnder(drift, "Tags.cost-centre"), "%v", drift)
}
