package cloudtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// SiteConfig is MinimalConfig with the site settings a real site uses: a second origin and
// ordered path behaviors.
func SiteConfig(callerReference string) domain.DistributionConfig {
	cfg := MinimalConfig(callerReference)
	cfg.Origins.Items = append(cfg.Origins.Items, domain.Origin{Id: "api", DomainName: "api.example.com",
		CustomOriginConfig: &domain.CustomOriginConfig{HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only",
			OriginSslProtocols: domain.NewStringList("TLSv1.2"), OriginReadTimeout: 45, OriginKeepaliveTimeout: 10},
		CustomHeaders: &domain.CustomHeaders{Quantity: 1, Items: []domain.OriginCustomHeader{{HeaderName: "X-Origin-Verify", HeaderValue: "ct-secret"}}}})
	cfg.Origins.Quantity = len(cfg.Origins.Items)
	cfg.Restrictions = &domain.Restrictions{GeoRestriction: domain.GeoRestriction{RestrictionType: "blacklist", Quantity: 2, Items: []string{"KP", "RU"}}}
	cfg.OriginGroups = &domain.OriginGroups{Quantity: 1, Items: []domain.OriginGroup{{Id: "failover",
		FailoverCriteria: domain.OriginGroupFailoverCriteria{StatusCodes: domain.StatusCodes{Quantity: 2, Items: []int{500, 503}}},
		Members:          domain.OriginGroupMembers{Quantity: 2, Items: []domain.OriginGroupMember{{OriginId: "origin-1"}, {OriginId: "api"}}}}}}
	cfg.CacheBehaviors = &domain.CacheBehaviors{Quantity: 2, Items: []domain.PathCacheBehavior{
		{PathPattern: "/api/*", CacheBehavior: domain.CacheBehavior{TargetOriginId: "api", ViewerProtocolPolicy: "https-only",
			CachePolicyId: domain.CachePolicyCachingDisabled}},
		{PathPattern: "/img/*", CacheBehavior: domain.CacheBehavior{TargetOriginId: "failover", ViewerProtocolPolicy: "redirect-to-https",
			CachePolicyId: domain.CachePolicyCachingOptimized}},
	}}
	return cfg
}

// runSiteSettings: the site settings are stored and read back as sent, and the ones CloudFront
// refuses are refused.
func runSiteSettings(t *testing.T, newCDN func(t *testing.T) domain.CDN, opts Options) {
	run(t, opts, "site-settings-round-trip", func(t *testing.T) {
		cdn := newCDN(t)
		cfg := SiteConfig(unique("ct-"))
		created, err := cdn.CreateDistribution(t.Context(), cfg)
		require.NoError(t, err)
		t.Cleanup(func() { removeDistribution(t, cdn, opts, created.ID) })
		got, err := cdn.GetDistribution(t.Context(), created.ID)
		require.NoError(t, err)
		api := got.Config.Origins.Items[1]
		require.NotNil(t, api.CustomOriginConfig)
		assert.Equal(t, 45, api.CustomOriginConfig.OriginReadTimeout)
		assert.Equal(t, 10, api.CustomOriginConfig.OriginKeepaliveTimeout)
		assert.Equal(t, []string{"TLSv1.2"}, api.CustomOriginConfig.OriginSslProtocols.Items)
		assert.Equal(t, cfg.Origins.Items[1].CustomHeaders, api.CustomHeaders, "custom headers are stored with their values")
		assert.Equal(t, cfg.OriginGroups, got.Config.OriginGroups, "origin groups as sent")
		assert.Equal(t, cfg.Restrictions, got.Config.Restrictions, "geo restriction as sent")
		require.NotNil(t, got.Config.CacheBehaviors)
		require.Len(t, got.Config.CacheBehaviors.Items, 2)
		for i, want := range cfg.CacheBehaviors.Items {
			b := got.Config.CacheBehaviors.Items[i]
			assert.Equal(t, want.PathPattern, b.PathPattern, "order kept")
			assert.Equal(t, want.TargetOriginId, b.TargetOriginId)
			assert.Equal(t, want.ViewerProtocolPolicy, b.ViewerProtocolPolicy)
			assert.Equal(t, want.CachePolicyId, b.CachePolicyId)
		}
	})

	run(t, opts, "rejects-invalid-site-config", func(t *testing.T) {
		cdn := newCDN(t)
		for name, change := range map[string]func(*domain.DistributionConfig){
			"behavior to unknown origin": func(c *domain.DistributionConfig) { c.CacheBehaviors.Items[0].TargetOriginId = "nope" },
			"duplicate path pattern":     func(c *domain.DistributionConfig) { c.CacheBehaviors.Items[1].PathPattern = "/api/*" },
			"S3 and custom at once": func(c *domain.DistributionConfig) {
				c.Origins.Items[1].S3OriginConfig = &domain.S3OriginConfig{}
			},
			"countries without a type": func(c *domain.DistributionConfig) { c.Restrictions.GeoRestriction.RestrictionType = "none" },
			"group member unknown":     func(c *domain.DistributionConfig) { c.OriginGroups.Items[0].Members.Items[1].OriginId = "nope" },
			"Host as custom header":    func(c *domain.DistributionConfig) { c.Origins.Items[1].CustomHeaders.Items[0].HeaderName = "Host" },
		} {
			cfg := SiteConfig(unique("ct-"))
			change(&cfg)
			d, err := cdn.CreateDistribution(t.Context(), cfg)
			if err == nil {
				t.Cleanup(func() { removeDistribution(t, cdn, opts, d.ID) })
			}
			assert.True(t, domain.IsPermanent(err), "%s: want a permanent error, got %v", name, err)
		}
	})
}
