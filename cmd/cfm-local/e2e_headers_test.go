package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// corsCustomBody: the default behavior with a custom policy (X-Robots-Tag and the security
// headers), /api/* with the CORS preset for one origin.
func corsCustomBody(name string) map[string]any {
	return siteBody(name, func(cfg map[string]any) {
		cfg["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "site", "ResponseHeadersPolicyId": domain.ResponseHeadersCustomRef}
		cfg["CacheBehaviors"] = map[string]any{"Quantity": 1, "Items": []any{map[string]any{"PathPattern": "/api/*", "TargetOriginId": "assets",
			"ResponseHeadersPolicyId": domain.ResponseHeadersCORSRef}}}
		cfg["ResponseHeadersPolicies"] = map[string]any{
			"Cors":   map[string]any{"AllowOrigins": []string{"https://app.example.com"}, "AllowMethods": []string{"GET", "HEAD", "OPTIONS"}},
			"Custom": map[string]any{"Headers": []any{map[string]any{"Header": "X-Robots-Tag", "Value": "noindex", "Override": true}}, "SecurityHeaders": true},
		}
	})
}

// headersCase drives the CORS and custom policies through create, dry-run diff and drift.
func headersCase() siteCase {
	return siteCase{
		body: corsCustomBody("headers"),
		check: func(t *testing.T, cfg domain.DistributionConfig, live bool) {
			t.Helper()
			d, api := cfg.DefaultCacheBehavior.ResponseHeadersPolicyId, cfg.CacheBehaviors.Items[0].ResponseHeadersPolicyId
			if live {
				assert.Regexp(t, `^[0-9a-f-]{36}$`, d)
				assert.Regexp(t, `^[0-9a-f-]{36}$`, api)
				assert.NotEqual(t, d, api)
				assert.Nil(t, cfg.ResponseHeadersPolicies, "not CloudFront's")
				return
			}
			assert.Equal(t, domain.ResponseHeadersCustomRef, d)
			assert.Equal(t, domain.ResponseHeadersCORSRef, api)
			require.NotNil(t, cfg.ResponseHeadersPolicies)
			assert.Equal(t, 600, cfg.ResponseHeadersPolicies.Cors.MaxAgeSeconds, "the default max age, written out")
		},
		update: map[string]any{"config": map[string]any{"ResponseHeadersPolicies": map[string]any{"Cors": map[string]any{
			"AllowOrigins": []string{"https://app.example.com", "https://admin.example.com"}}}}},
		changePath: "ResponseHeadersPolicies.Cors.AllowOrigins",
		edit:       func(cfg *domain.DistributionConfig) { cfg.DefaultCacheBehavior.ResponseHeadersPolicyId = "" },
		driftPath:  "DefaultCacheBehavior.ResponseHeadersPolicyId",
	}
}

// The CORS and custom policies are created in CloudFront with what the request defined, show
// in the dry-run diff and in drift; two distributions with the same definition share one
// policy, and deleting one distribution keeps the policy the other still uses, deleting the
// last removes it (the cleanup runs after CloudFront no longer has the distribution).
func TestEndToEndResponseHeadersPolicies(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	ctx := context.Background()
	alice := anon.login("alice", "developers")
	first, cfID := headersCase().run(t, sys, alice)
	live, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, cfID)
	require.NoError(t, err)
	corsID := live.Config.CacheBehaviors.Items[0].ResponseHeadersPolicyId
	name, spec, ok, err := sys.Cloud.ResponseHeadersPolicy(corsID)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Regexp(t, `^cfm-cors-[0-9a-f]{12}$`, name)
	require.NotNil(t, spec.CORS)
	assert.Equal(t, []string{"https://app.example.com"}, spec.CORS.AllowOrigins)
	assert.Nil(t, spec.Security, "the local default does not require the security headers")

	r := alice.do("POST", "/api/distributions", corsCustomBody("same headers"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	second := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	cf2 := dig(alice.do("GET", "/api/distributions/"+second, nil).Body, "data", "distribution", "cloudfrontId").(string)
	live2, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, cf2)
	require.NoError(t, err)
	assert.Equal(t, corsID, live2.Config.CacheBehaviors.Items[0].ResponseHeadersPolicyId, "one policy for one definition")
	_, custom, ok, err := sys.Cloud.ResponseHeadersPolicy(live2.Config.DefaultCacheBehavior.ResponseHeadersPolicyId)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, []domain.ResponseHeader{{Header: "X-Robots-Tag", Value: "noindex", Override: true}}, custom.Headers)
	require.NotNil(t, custom.Security, "SecurityHeaders: true adds the platform's preset")

	deleteAndWait := func(id string) {
		r := alice.do("DELETE", "/api/distributions/"+id, nil)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
		require.Equal(t, "Succeeded", op["status"], op)
	}
	deleteAndWait(first)
	_, _, ok, err = sys.Cloud.ResponseHeadersPolicy(corsID)
	require.NoError(t, err)
	assert.True(t, ok, "still used by the second distribution: kept")
	deleteAndWait(second)
	_, _, ok, err = sys.Cloud.ResponseHeadersPolicy(corsID)
	require.NoError(t, err)
	assert.False(t, ok, "deleted with the last distribution that used it")
}

// The guardrails answer 422 naming the field: a CloudFront policy the team did not allow, a
// foreign id where the security headers are required, and CORS for an origin outside the list.
func TestEndToEndResponseHeadersGuardrails(t *testing.T) {
	_, anon := startLocalWith(t, func(c *config) {
		spaPolicy(c)
		c.Policy.ResponseHeaders.AllowedCorsOrigins = []string{"*.example.com"}
	})
	alice := anon.login("alice", "developers")
	body := func(mut func(cfg map[string]any)) map[string]any {
		b := siteBody("guarded", mut)
		b["config"].(map[string]any)["Tags"] = map[string]any{"owner": "a", "cost-centre": "cc-1"}
		return b
	}
	r := alice.do("POST", "/api/distributions?dryRun=true", body(nil))
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	plan := decodeConfig(t, dig(r.Body, "data", "config"))
	assert.Equal(t, domain.ResponseHeadersSecurityRef, plan.DefaultCacheBehavior.ResponseHeadersPolicyId, "applied by default")

	r = alice.do("POST", "/api/distributions", body(func(cfg map[string]any) {
		cfg["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "site", "ResponseHeadersPolicyId": domain.ManagedSimpleCORSPolicy}
	}))
	assertField(t, r, http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.ResponseHeadersPolicyId")
	assert.Equal(t, "responseHeaders.requireSecurityHeaders", dig(r.Body, "error", "rule"))

	r = alice.do("POST", "/api/distributions", body(func(cfg map[string]any) {
		cfg["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "site", "ResponseHeadersPolicyId": domain.ResponseHeadersCORSRef}
		cfg["ResponseHeadersPolicies"] = map[string]any{"Cors": map[string]any{"AllowOrigins": []string{"https://evil.test"}}}
	}))
	assertField(t, r, http.StatusUnprocessableEntity, "config.ResponseHeadersPolicies.Cors.AllowOrigins[0]")

	r = alice.do("POST", "/api/distributions", body(func(cfg map[string]any) {
		cfg["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "site", "ResponseHeadersPolicyId": domain.ResponseHeadersCORSRef}
	}))
	assertField(t, r, http.StatusBadRequest, "config.DefaultCacheBehavior.ResponseHeadersPolicyId")
}
