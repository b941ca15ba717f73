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

// The shipped "SPA + API" template, applied by a developer with a managed S3 origin and an API
// origin, creates a distribution that reaches Deployed and shows every part of it: the S3
// default behavior through the origin's OAC, /api/* to the custom origin with caching disabled
// and all viewer headers but Host, the security-headers policy, and index.html as root.
func TestEndToEndShippedSPAAPITemplate(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	r := alice.do("GET", "/api/templates/"+domain.TemplateSPAAPI, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "SPA + API", dig(r.Body, "data", "template", "name"))

	originID := alice.createOrigin("spa", "cfm-spa-content", "eu-central-1")
	oacID := dig(alice.do("GET", "/api/origins/"+originID, nil).Body, "data", "origin", "oacId").(string)
	apply := map[string]any{"name": "my spa", "config": map[string]any{"Origins": map[string]any{"Quantity": 2, "Items": []any{
		map[string]any{"Id": domain.SPAOriginID, "DomainName": "cfm-spa-content.s3.eu-central-1.amazonaws.com"},
		map[string]any{"Id": domain.SPAAPIOriginID, "DomainName": "abc123.execute-api.eu-central-1.amazonaws.com", "CustomOriginConfig": map[string]any{}},
	}}}}
	r = alice.do("POST", "/api/templates/"+domain.TemplateSPAAPI+"/apply", apply)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)

	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	assert.Equal(t, domain.TemplateSPAAPI, got["templateId"])
	live, err := sys.Deps.Cloud.CDN.GetDistribution(context.Background(), got["cloudfrontId"].(string))
	require.NoError(t, err)
	for _, cfg := range []domain.DistributionConfig{decodeConfig(t, got["config"]), live.Config} {
		assert.Equal(t, "index.html", cfg.DefaultRootObject)
		site, api := cfg.Origins.Items[0], cfg.Origins.Items[1]
		assert.Equal(t, oacID, site.OriginAccessControlId, "the S3 origin is reached through its OAC")
		require.NotNil(t, api.CustomOriginConfig)
		assert.Equal(t, "https-only", api.CustomOriginConfig.OriginProtocolPolicy)
		assert.Equal(t, []string{"TLSv1.2"}, api.CustomOriginConfig.OriginSslProtocols.Items)
		d := cfg.DefaultCacheBehavior
		assert.Equal(t, domain.SPAOriginID, d.TargetOriginId)
		assert.Equal(t, domain.ResponseHeadersPolicySecurityHeaders, d.ResponseHeadersPolicyId)
		require.Len(t, cfg.CacheBehaviors.Items, 1)
		b := cfg.CacheBehaviors.Items[0]
		assert.Equal(t, "/api/*", b.PathPattern)
		assert.Equal(t, domain.SPAAPIOriginID, b.TargetOriginId)
		assert.Equal(t, domain.CachePolicyCachingDisabled, b.CachePolicyId)
		assert.Equal(t, domain.OriginRequestPolicyAllViewerExceptHostHeader, b.OriginRequestPolicyId)
		assert.Equal(t, domain.ResponseHeadersPolicySecurityHeaders, b.ResponseHeadersPolicyId)
		assert.Len(t, b.AllowedMethods.Items, 7)
	}
}
