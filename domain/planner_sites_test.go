package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// twoOrigins is a request over an S3 origin "site" and a second S3 origin "assets".
func twoOrigins(mut func(*domain.DistributionRequest)) domain.PlanInput {
	return singleOrigin(func(r *domain.DistributionRequest) {
		r.Config.Origins = &domain.Origins{Quantity: 2, Items: []domain.Origin{
			{Id: "site", DomainName: "site.s3.eu-central-1.amazonaws.com"},
			{Id: "assets", DomainName: "assets.s3.eu-central-1.amazonaws.com"},
		}}
		if mut != nil {
			mut(r)
		}
	})
}

func pathBehavior(pattern, target string, mut func(*domain.CacheBehavior)) domain.PathCacheBehavior {
	b := domain.PathCacheBehavior{PathPattern: pattern, CacheBehavior: domain.CacheBehavior{TargetOriginId: target}}
	if mut != nil {
		mut(&b.CacheBehavior)
	}
	return b
}

func behaviors(items ...domain.PathCacheBehavior) *domain.CacheBehaviors {
	return &domain.CacheBehaviors{Quantity: len(items), Items: items}
}

func TestPlanCacheBehaviorsGetTheDefaultBehaviorsRules(t *testing.T) {
	t.Parallel()
	cfg, err := domain.PlanDistribution(twoOrigins(func(r *domain.DistributionRequest) {
		r.Config.CacheBehaviors = behaviors(
			pathBehavior("/assets/*", "assets", nil),
			pathBehavior("/api/*", "site", func(b *domain.CacheBehavior) {
				b.ViewerProtocolPolicy = "https-only"
				b.CachePolicyId = domain.CachePolicyCachingDisabled
				b.AllowedMethods = &domain.AllowedMethods{Items: []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}}
			}))
	}), domain.DefaultPolicy())
	require.NoError(t, err)
	require.Len(t, cfg.CacheBehaviors.Items, 2)
	a, api := cfg.CacheBehaviors.Items[0], cfg.CacheBehaviors.Items[1]
	assert.Equal(t, "/assets/*", a.PathPattern, "order is kept")
	assert.Equal(t, "redirect-to-https", a.ViewerProtocolPolicy, "policy default")
	assert.Equal(t, domain.CachePolicyCachingOptimized, a.CachePolicyId)
	assert.True(t, *a.Compress)
	assert.Equal(t, []string{"GET", "HEAD"}, a.AllowedMethods.Items)
	assert.Equal(t, "https-only", api.ViewerProtocolPolicy)
	assert.Equal(t, 7, api.AllowedMethods.Quantity)
	assert.Equal(t, []string{"GET", "HEAD"}, api.AllowedMethods.CachedMethods.Items)
}

func TestPlanRejectsSiteSettings(t *testing.T) {
	t.Parallel()
	oneBehavior := domain.DefaultPolicy()
	oneBehavior.MaxCacheBehaviors = 1
	type mutation = func(*domain.DistributionRequest)
	withBehaviors := func(items ...domain.PathCacheBehavior) mutation {
		return func(r *domain.DistributionRequest) { r.Config.CacheBehaviors = behaviors(items...) }
	}
	cases := []struct {
		name        string
		mut         mutation
		policy      domain.Policy
		field, rule string
	}{
		{"too many behaviors", withBehaviors(pathBehavior("/a/*", "site", nil), pathBehavior("/b/*", "site", nil)),
			oneBehavior, "config.CacheBehaviors.Items", "maxCacheBehaviors"},
		{"no path pattern", withBehaviors(pathBehavior("", "site", nil)), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].PathPattern", ""},
		{"bad path pattern", withBehaviors(pathBehavior("/a b/*", "site", nil)), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].PathPattern", ""},
		{"duplicate path pattern", withBehaviors(pathBehavior("/a/*", "site", nil), pathBehavior("a/*", "assets", nil)),
			domain.DefaultPolicy(), "config.CacheBehaviors.Items[1].PathPattern", ""},
		{"behavior without target", withBehaviors(pathBehavior("/a/*", "", nil)), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].TargetOriginId", ""},
		{"behavior to unknown origin", withBehaviors(pathBehavior("/a/*", "nope", nil)), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].TargetOriginId", ""},
		{"behavior allows http", withBehaviors(pathBehavior("/a/*", "site", func(b *domain.CacheBehavior) { b.ViewerProtocolPolicy = "allow-all" })),
			domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].ViewerProtocolPolicy", "viewerProtocolPolicies"},
		{"behavior cache policy", withBehaviors(pathBehavior("/a/*", "site", func(b *domain.CacheBehavior) { b.CachePolicyId = "b2884449-e4de-46a7-ac36-70bc7f1ddd6d" })),
			domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].CachePolicyId", "cachePolicyIds"},
		{"behavior compression off", withBehaviors(pathBehavior("/a/*", "site", func(b *domain.CacheBehavior) { b.Compress = domain.Bool(false) })),
			domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].Compress", "requireCompression"},
		{"behavior methods", withBehaviors(pathBehavior("/a/*", "site", func(b *domain.CacheBehavior) {
			b.AllowedMethods = &domain.AllowedMethods{Items: []string{"GET", "POST"}}
		})), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].AllowedMethods.Items", ""},
		{"behavior edge function", withBehaviors(pathBehavior("/a/*", "site", func(b *domain.CacheBehavior) {
			b.FunctionAssociations = &domain.FunctionAssociations{Quantity: 1}
		})), domain.DefaultPolicy(), "config.CacheBehaviors.Items[0]", "edgeFunctions"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := domain.PlanDistribution(twoOrigins(tc.mut), tc.policy)
			assertRejected(t, err, tc.field, tc.rule)
		})
	}
}

func TestParsePolicySiteGuardrails(t *testing.T) {
	t.Parallel()
	p, err := domain.ParsePolicy([]byte(`{"maxCacheBehaviors": 3}`))
	require.NoError(t, err)
	assert.Equal(t, 3, p.MaxCacheBehaviors)
	_, err = domain.ParsePolicy([]byte(`{"maxCacheBehaviors": 26}`))
	assertRejected(t, err, "maxCacheBehaviors", "")
}

func TestPlanOriginGroups(t *testing.T) {
	t.Parallel()
	group := func(codes ...int) *domain.OriginGroups {
		return &domain.OriginGroups{Quantity: 1, Items: []domain.OriginGroup{{Id: "failover",
			FailoverCriteria: domain.OriginGroupFailoverCriteria{StatusCodes: domain.StatusCodes{Quantity: len(codes), Items: codes}},
			Members:          domain.OriginGroupMembers{Quantity: 2, Items: []domain.OriginGroupMember{{OriginId: "site"}, {OriginId: "assets"}}}}}}
	}
	cfg, err := domain.PlanDistribution(twoOrigins(func(r *domain.DistributionRequest) {
		r.Config.OriginGroups = group()
		r.Config.DefaultCacheBehavior = &domain.CacheBehavior{TargetOriginId: "failover"}
	}), domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, "failover", cfg.DefaultCacheBehavior.TargetOriginId, "the default behavior may fail over")
	assert.Equal(t, []int{500, 502, 503, 504}, cfg.OriginGroups.Items[0].FailoverCriteria.StatusCodes.Items)

	noGroups := domain.DefaultPolicy()
	noGroups.MaxOriginGroups = 0
	for _, tc := range []struct {
		name        string
		mut         func(*domain.DistributionRequest)
		policy      domain.Policy
		field, rule string
	}{
		{"groups off", func(r *domain.DistributionRequest) { r.Config.OriginGroups = group() }, noGroups, "config.OriginGroups.Items", "maxOriginGroups"},
		{"bad code", func(r *domain.DistributionRequest) { r.Config.OriginGroups = group(200) }, domain.DefaultPolicy(),
			"config.OriginGroups.Items[0].FailoverCriteria.StatusCodes.Items[0]", ""},
		{"one member", func(r *domain.DistributionRequest) {
			r.Config.OriginGroups = group()
			r.Config.OriginGroups.Items[0].Members.Items = r.Config.OriginGroups.Items[0].Members.Items[:1]
		}, domain.DefaultPolicy(), "config.OriginGroups.Items[0].Members.Items", ""},
		{"id of an origin", func(r *domain.DistributionRequest) {
			r.Config.OriginGroups = group()
			r.Config.OriginGroups.Items[0].Id = "site"
		}, domain.DefaultPolicy(), "config.OriginGroups.Items[0].Id", ""},
		{"writes to a group", func(r *domain.DistributionRequest) {
			r.Config.OriginGroups = group()
			r.Config.CacheBehaviors = behaviors(pathBehavior("/api/*", "failover", func(b *domain.CacheBehavior) {
				b.AllowedMethods = &domain.AllowedMethods{Items: []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}}
			}))
		}, domain.DefaultPolicy(), "config.CacheBehaviors.Items[0].AllowedMethods.Items", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := domain.PlanDistribution(twoOrigins(tc.mut), tc.policy)
			assertRejected(t, err, tc.field, tc.rule)
		})
	}
}
