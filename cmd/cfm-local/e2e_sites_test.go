package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	appwatch "github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/domain"
)

// siteCase is one site feature driven through the whole system: the create body, what the
// planned and the live config must show, a PUT whose dry run must list a change under
// changePath, and an edit made behind the product's back that drift detection must report
// under driftPath.
type siteCase struct {
	body       map[string]any
	check      func(t *testing.T, cfg domain.DistributionConfig)
	update     map[string]any
	changePath string
	edit       func(cfg *domain.DistributionConfig)
	driftPath  string
}

// run creates the distribution (dry run first), waits until it is deployed, checks the planned
// and live configs, that a drift check finds nothing, the update's dry-run diff, and that an
// outside edit is reported as drift. It returns the distribution id and its CloudFront id.
func (sc siteCase) run(t *testing.T, sys *system, alice *client) (string, string) {
	t.Helper()
	ctx := context.Background()
	r := alice.do("POST", "/api/distributions?dryRun=true", sc.body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	sc.check(t, decodeConfig(t, dig(r.Body, "data", "config")))

	r = alice.do("POST", "/api/distributions", sc.body)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 60*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	sc.check(t, decodeConfig(t, got["config"]))
	cfID := got["cloudfrontId"].(string)
	live, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, cfID)
	require.NoError(t, err)
	sc.check(t, live.Config)

	watcher := appwatch.Watch{Deps: sys.Deps}
	rep, err := watcher.CheckAll(ctx)
	require.NoError(t, err)
	if !assert.Zero(t, rep.Drifted, "no false drift after the round trip through the cloud") {
		b, _ := json.Marshal(dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution", "drift"))
		t.Logf("drift: %s", b)
	}

	if sc.update != nil {
		r = alice.do("PUT", "/api/distributions/"+distID+"?dryRun=true", sc.update)
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		assert.True(t, hasChangeUnder(dig(r.Body, "data", "changes"), sc.changePath), "dry-run changes %v lack %s", dig(r.Body, "data", "changes"), sc.changePath)
	}
	if sc.edit != nil {
		live, err = sys.Deps.Cloud.CDN.GetDistribution(ctx, cfID)
		require.NoError(t, err)
		sc.edit(&live.Config)
		_, err = sys.Deps.Cloud.CDN.UpdateDistribution(ctx, cfID, live.Config, live.ETag)
		require.NoError(t, err)
		rep, err = watcher.CheckAll(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, rep.Drifted)
		got = dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
		assert.Equal(t, true, got["drifted"])
		assert.True(t, hasChangeUnder(dig(got, "drift", "changes"), sc.driftPath), "drift %v lacks %s", dig(got, "drift", "changes"), sc.driftPath)
	}
	return distID, cfID
}

func decodeConfig(t *testing.T, v any) domain.DistributionConfig {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var cfg domain.DistributionConfig
	require.NoError(t, json.Unmarshal(b, &cfg), string(b))
	return cfg
}

func hasChangeUnder(changes any, prefix string) bool {
	list, _ := changes.([]any)
	for _, c := range list {
		if p, _ := c.(map[string]any)["path"].(string); strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// siteBody is the seed's create body over two S3 origins, "site" and "assets", changed by mut.
func siteBody(name string, mut func(cfg map[string]any)) map[string]any {
	b := seedCreateBody(name)
	cfg := b["config"].(map[string]any)
	cfg["Origins"] = map[string]any{"Quantity": 2, "Items": []any{
		map[string]any{"Id": "site", "DomainName": "mybucket.s3.amazonaws.com", "S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}},
		map[string]any{"Id": "assets", "DomainName": "myassets.s3.eu-central-1.amazonaws.com", "S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}},
	}}
	cfg["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "site"}
	if mut != nil {
		mut(cfg)
	}
	return b
}

func cacheBehaviorsCase() siteCase {
	return siteCase{
		body: siteBody("behaviors", func(cfg map[string]any) {
			cfg["CacheBehaviors"] = map[string]any{"Quantity": 2, "Items": []any{
				map[string]any{"PathPattern": "/assets/*", "TargetOriginId": "assets"},
				map[string]any{"PathPattern": "/api/*", "TargetOriginId": "site", "ViewerProtocolPolicy": "https-only",
					"CachePolicyId": domain.CachePolicyCachingDisabled,
					"AllowedMethods": map[string]any{"Quantity": 7, "Items": []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}}},
			}}
		}),
		check: func(t *testing.T, cfg domain.DistributionConfig) {
			t.Helper()
			require.NotNil(t, cfg.CacheBehaviors)
			require.Len(t, cfg.CacheBehaviors.Items, 2)
			a, api := cfg.CacheBehaviors.Items[0], cfg.CacheBehaviors.Items[1]
			assert.Equal(t, "/assets/*", a.PathPattern)
			assert.Equal(t, "assets", a.TargetOriginId)
			assert.Equal(t, domain.CachePolicyCachingOptimized, a.CachePolicyId)
			assert.Equal(t, "/api/*", api.PathPattern)
			assert.Equal(t, "https-only", api.ViewerProtocolPolicy)
			assert.Equal(t, domain.CachePolicyCachingDisabled, api.CachePolicyId)
			assert.Len(t, api.AllowedMethods.Items, 7)
		},
		update: map[string]any{"config": map[string]any{"CacheBehaviors": map[string]any{"Quantity": 1, "Items": []any{
			map[string]any{"PathPattern": "/static/*", "TargetOriginId": "assets"}}}}},
		changePath: "CacheBehaviors.Items[0].PathPattern",
		edit: func(cfg *domain.DistributionConfig) {
			cfg.CacheBehaviors.Items[0].ViewerProtocolPolicy = "allow-all"
		},
		driftPath: "CacheBehaviors.Items[0].ViewerProtocolPolicy",
	}
}

func TestEndToEndSiteCacheBehaviors(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	cacheBehaviorsCase().run(t, sys, anon.login("alice", "developers"))
}

func TestEndToEndAWSModeSiteCacheBehaviors(t *testing.T) {
	sys, anon := startAWSMode(t)
	cacheBehaviorsCase().run(t, sys, anon.login("alice", "developers"))
}

// The policy's maxCacheBehaviors is a 422 naming the list.
func TestEndToEndSiteGuardrails(t *testing.T) {
	_, anon := startLocalWith(t, func(c *config) { c.Policy.MaxCacheBehaviors = 1 })
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", cacheBehaviorsCase().body)
	assertField(t, r, http.StatusUnprocessableEntity, "config.CacheBehaviors.Items")
	assert.Equal(t, "maxCacheBehaviors", dig(r.Body, "error", "rule"))
}
