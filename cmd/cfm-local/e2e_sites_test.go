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
	check      func(t *testing.T, cfg domain.DistributionConfig, live bool) // live: read from the cloud, not the API
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
	sc.check(t, decodeConfig(t, dig(r.Body, "data", "config")), false)

	r = alice.do("POST", "/api/distributions", sc.body)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 60*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	sc.check(t, decodeConfig(t, got["config"]), false)
	cfID := got["cloudfrontId"].(string)
	live, err := sys.Deps.Cloud.CDN.GetDistribution(ctx, cfID)
	require.NoError(t, err)
	sc.check(t, live.Config, true)

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
					"CachePolicyId":  domain.CachePolicyCachingDisabled,
					"AllowedMethods": map[string]any{"Quantity": 7, "Items": []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}}},
			}}
		}),
		check: func(t *testing.T, cfg domain.DistributionConfig, _ bool) {
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

// originGroupCase: /media/* fails over from the bucket in one region to the other. (A group
// as the default behavior's target works on the simulator and in the planner's tests; moto
// 5.2.5 refuses it with NoSuchOrigin, as it checks the default target against origins only.)
func originGroupCase() siteCase {
	group := func(codes ...int) map[string]any {
		codes = append([]int{}, codes...) // none: [] (the API takes no null)
		return map[string]any{"Quantity": 1, "Items": []any{map[string]any{"Id": "failover",
			"FailoverCriteria": map[string]any{"StatusCodes": map[string]any{"Quantity": len(codes), "Items": codes}},
			"Members":          map[string]any{"Quantity": 2, "Items": []any{map[string]any{"OriginId": "site"}, map[string]any{"OriginId": "assets"}}}}}}
	}
	return siteCase{
		body: siteBody("failover", func(cfg map[string]any) {
			cfg["OriginGroups"] = group()
			cfg["CacheBehaviors"] = map[string]any{"Quantity": 1, "Items": []any{map[string]any{"PathPattern": "/media/*", "TargetOriginId": "failover"}}}
		}),
		check: func(t *testing.T, cfg domain.DistributionConfig, _ bool) {
			t.Helper()
			require.NotNil(t, cfg.OriginGroups)
			require.Len(t, cfg.OriginGroups.Items, 1)
			g := cfg.OriginGroups.Items[0]
			assert.Equal(t, "failover", g.Id)
			assert.Equal(t, []int{500, 502, 503, 504}, g.FailoverCriteria.StatusCodes.Items, "the default failover codes")
			assert.Equal(t, []domain.OriginGroupMember{{OriginId: "site"}, {OriginId: "assets"}}, g.Members.Items)
			assert.Equal(t, "failover", cfg.CacheBehaviors.Items[0].TargetOriginId)
		},
		update:     map[string]any{"config": map[string]any{"OriginGroups": group(403, 404, 500)}},
		changePath: "OriginGroups.Items[0].FailoverCriteria.StatusCodes",
		edit: func(cfg *domain.DistributionConfig) {
			cfg.OriginGroups.Items[0].FailoverCriteria.StatusCodes = domain.StatusCodes{Quantity: 1, Items: []int{502}}
		},
		driftPath: "OriginGroups.Items[0].FailoverCriteria.StatusCodes",
	}
}

func TestEndToEndSiteOriginGroup(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	originGroupCase().run(t, sys, anon.login("alice", "developers"))
}

func TestEndToEndAWSModeSiteOriginGroup(t *testing.T) {
	sys, anon := startAWSMode(t)
	originGroupCase().run(t, sys, anon.login("alice", "developers"))
}

const webACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/platform/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"

// geoWAFCase: an allow list of countries, and the platform's web ACL filled in by the guardrail.
func geoWAFCase() siteCase {
	geo := func(typ string, countries ...string) map[string]any {
		return map[string]any{"GeoRestriction": map[string]any{"RestrictionType": typ, "Quantity": len(countries), "Items": countries}}
	}
	return siteCase{
		body: siteBody("geo and waf", func(cfg map[string]any) { cfg["Restrictions"] = geo("whitelist", "DE", "AT") }),
		check: func(t *testing.T, cfg domain.DistributionConfig, _ bool) {
			t.Helper()
			require.NotNil(t, cfg.Restrictions)
			assert.Equal(t, domain.GeoRestriction{RestrictionType: "whitelist", Quantity: 2, Items: []string{"AT", "DE"}}, cfg.Restrictions.GeoRestriction)
			assert.Equal(t, webACL, cfg.WebACLId, "the required web ACL, filled in")
		},
		update:     map[string]any{"config": map[string]any{"Restrictions": geo("blacklist", "KP")}},
		changePath: "Restrictions.GeoRestriction",
		edit: func(cfg *domain.DistributionConfig) {
			cfg.Restrictions = nil
			cfg.WebACLId = ""
		},
		driftPath: "WebACLId",
	}
}

func TestEndToEndSiteGeoRestrictionAndWebACL(t *testing.T) {
	sys, anon := startLocalWith(t, func(c *config) { c.Policy.RequiredWebACLID = webACL })
	alice := anon.login("alice", "developers")
	distID, _ := geoWAFCase().run(t, sys, alice)
	drift := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution", "drift", "changes")
	assert.True(t, hasChangeUnder(drift, "Restrictions.GeoRestriction"), "%v", drift)
	r := alice.do("PUT", "/api/distributions/"+distID+"?dryRun=true", map[string]any{"config": map[string]any{
		"WebACLId": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/mine/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5c"}})
	assertField(t, r, http.StatusUnprocessableEntity, "config.WebACLId")
	assert.Equal(t, "requiredWebAclId", dig(r.Body, "error", "rule"))
}

func TestEndToEndAWSModeSiteGeoRestrictionAndWebACL(t *testing.T) {
	sys, anon := startAWSModeWith(t, func(c *config) { c.Policy.RequiredWebACLID = webACL })
	geoWAFCase().run(t, sys, anon.login("alice", "developers"))
}

const originSecret = "s3cr3t-shared-with-the-origin"

// apiOrigin is a custom origin (an API Gateway endpoint) locked to CloudFront by a secret header.
func apiOrigin() map[string]any {
	return map[string]any{"Id": "api", "DomainName": "abc123.execute-api.eu-central-1.amazonaws.com",
		"CustomOriginConfig": map[string]any{"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"},
		"CustomHeaders":      map[string]any{"Quantity": 1, "Items": []any{map[string]any{"HeaderName": "X-Origin-Verify", "HeaderValue": originSecret}}}}
}

func customOriginCase() siteCase {
	return siteCase{
		body: siteBody("custom origin", func(cfg map[string]any) {
			cfg["Origins"] = map[string]any{"Quantity": 2, "Items": []any{
				map[string]any{"Id": "site", "DomainName": "mybucket.s3.amazonaws.com", "S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}},
				apiOrigin()}}
			cfg["CacheBehaviors"] = map[string]any{"Quantity": 1, "Items": []any{
				map[string]any{"PathPattern": "/api/*", "TargetOriginId": "api", "CachePolicyId": domain.CachePolicyCachingDisabled}}}
		}),
		check: func(t *testing.T, cfg domain.DistributionConfig, live bool) {
			t.Helper()
			require.Len(t, cfg.Origins.Items, 2)
			api := cfg.Origins.Items[1]
			assert.Equal(t, "abc123.execute-api.eu-central-1.amazonaws.com", api.DomainName)
			require.NotNil(t, api.CustomOriginConfig)
			assert.Nil(t, api.S3OriginConfig)
			assert.Equal(t, "https-only", api.CustomOriginConfig.OriginProtocolPolicy)
			assert.Equal(t, []string{"TLSv1.2"}, api.CustomOriginConfig.OriginSslProtocols.Items, "the policy's minimum, written out")
			assert.Equal(t, 30, api.CustomOriginConfig.OriginReadTimeout)
			assert.Equal(t, 5, api.CustomOriginConfig.OriginKeepaliveTimeout)
			require.NotNil(t, api.CustomHeaders)
			want := domain.SecretMask
			if live {
				want = originSecret // CloudFront has the value; the API never shows it
			}
			assert.Equal(t, []domain.OriginCustomHeader{{HeaderName: "X-Origin-Verify", HeaderValue: want}}, api.CustomHeaders.Items)
		},
		update: map[string]any{"config": map[string]any{"Origins": map[string]any{"Quantity": 2, "Items": []any{
			map[string]any{"Id": "site", "DomainName": "mybucket.s3.amazonaws.com", "S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}},
			map[string]any{"Id": "api", "DomainName": "abc123.execute-api.eu-central-1.amazonaws.com",
				"CustomOriginConfig": map[string]any{"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only", "OriginReadTimeout": 45},
				"CustomHeaders":      map[string]any{"Quantity": 1, "Items": []any{map[string]any{"HeaderName": "X-Origin-Verify", "HeaderValue": domain.SecretMask}}}},
		}}}},
		changePath: "Origins.Items[1].CustomOriginConfig.OriginReadTimeout",
		edit: func(cfg *domain.DistributionConfig) {
			cfg.Origins.Items[1].CustomHeaders.Items[0].HeaderValue = "rotated-outside-the-product"
		},
		driftPath: "Origins.Items[1].CustomHeaders.Items[0].HeaderValue",
	}
}

// A custom origin with a secret header: planned under the guardrails, applied with the value,
// shown everywhere masked (API, dry run, drift, history); a PUT that sends the mask back keeps
// the stored value.
func TestEndToEndSiteCustomOrigin(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	distID, cfID := customOriginCase().run(t, sys, alice)
	for _, path := range []string{"/api/distributions/" + distID, "/api/distributions/" + distID + "/history?limit=100", "/api/distributions?limit=50"} {
		r := alice.do("GET", path, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		assert.NotContains(t, string(r.Raw), originSecret, path)
		assert.NotContains(t, string(r.Raw), "rotated-outside-the-product", path)
	}
	drift := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution", "drift", "changes").([]any)
	assert.Contains(t, drift, map[string]any{"path": "Origins.Items[1].CustomHeaders.Items[0].HeaderValue", "from": domain.SecretMask, "to": domain.SecretMask})

	r := alice.do("PUT", "/api/distributions/"+distID, customOriginCase().update)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.NotContains(t, string(r.Raw), originSecret)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	live, err := sys.Deps.Cloud.CDN.GetDistribution(context.Background(), cfID)
	require.NoError(t, err)
	assert.Equal(t, originSecret, live.Config.Origins.Items[1].CustomHeaders.Items[0].HeaderValue, "the masked value sent back keeps the stored secret")
	assert.Equal(t, 45, live.Config.Origins.Items[1].CustomOriginConfig.OriginReadTimeout)
}

func TestEndToEndAWSModeSiteCustomOrigin(t *testing.T) {
	sys, anon := startAWSMode(t)
	customOriginCase().run(t, sys, anon.login("alice", "developers"))
}

// Every site guardrail is a 422 naming the field and the rule.
func TestEndToEndSiteGuardrails(t *testing.T) {
	_, anon := startLocalWith(t, func(c *config) {
		c.Policy.MaxCacheBehaviors, c.Policy.MaxOriginGroups, c.Policy.AllowGeoRestriction = 1, 0, false
	})
	alice := anon.login("alice", "developers")
	withAPI := func(mut func(o map[string]any)) map[string]any {
		return siteBody("guarded", func(cfg map[string]any) {
			o := apiOrigin()
			mut(o)
			cfg["Origins"].(map[string]any)["Items"] = append(cfg["Origins"].(map[string]any)["Items"].([]any), o)
			cfg["Origins"].(map[string]any)["Quantity"] = 3
		})
	}
	coc := func(o map[string]any) map[string]any { return o["CustomOriginConfig"].(map[string]any) }
	for _, tc := range []struct {
		name, field, rule string
		body              map[string]any
	}{
		{"too many behaviors", "config.CacheBehaviors.Items", "maxCacheBehaviors", cacheBehaviorsCase().body},
		{"origin groups off", "config.OriginGroups.Items", "maxOriginGroups", originGroupCase().body},
		{"geo restriction off", "config.Restrictions.GeoRestriction", "allowGeoRestriction", geoWAFCase().body},
		{"origin domain not allowed", "config.Origins.Items[2].DomainName", "allowedOriginDomains",
			withAPI(func(o map[string]any) { o["DomainName"] = "api.example.org" })},
		{"plain http to the origin", "config.Origins.Items[2].CustomOriginConfig.OriginProtocolPolicy", "requireOriginHttpsOnly",
			withAPI(func(o map[string]any) { coc(o)["OriginProtocolPolicy"] = "match-viewer" })},
		{"TLSv1 to the origin", "config.Origins.Items[2].CustomOriginConfig.OriginSslProtocols.Items[0]", "minimumOriginSslProtocol",
			withAPI(func(o map[string]any) {
				coc(o)["OriginSslProtocols"] = map[string]any{"Quantity": 1, "Items": []string{"TLSv1"}}
			})},
		{"read timeout above the limit", "config.Origins.Items[2].CustomOriginConfig.OriginReadTimeout", "maxOriginReadTimeout",
			withAPI(func(o map[string]any) { coc(o)["OriginReadTimeout"] = 120 })},
	} {
		r := alice.do("POST", "/api/distributions", tc.body)
		assertField(t, r, http.StatusUnprocessableEntity, tc.field)
		assert.Equal(t, tc.rule, dig(r.Body, "error", "rule"), tc.name)
	}
	r := alice.do("POST", "/api/distributions", withAPI(func(o map[string]any) {
		o["CustomHeaders"] = map[string]any{"Quantity": 1, "Items": []any{map[string]any{"HeaderName": "Host", "HeaderValue": "x"}}}
	}))
	assertField(t, r, http.StatusBadRequest, "config.Origins.Items[2].CustomHeaders.Items[0].HeaderName")
	assert.NotContains(t, string(r.Raw), originSecret)
}
