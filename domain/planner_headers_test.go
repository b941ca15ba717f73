package domain_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// planErr plans in under p and returns the error's rule (422) or "invalid" (400) and field.
func planErr(t *testing.T, in domain.PlanInput, p domain.Policy) (rule, field string) {
	t.Helper()
	_, err := domain.PlanDistribution(in, p)
	require.Error(t, err)
	var pv *domain.PolicyViolation
	if errors.As(err, &pv) {
		return pv.Rule, pv.Field
	}
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	return "invalid", ve.Fields[0].Field
}

func securityRequired() domain.Policy {
	p := domain.DefaultPolicy()
	p.ResponseHeaders.Default = domain.ResponseHeadersPresetSecurity
	p.ResponseHeaders.RequireSecurityHeaders = true
	return p
}

func TestResponseHeadersDefaultAppliesTheSecurityPresetWhenTheGuardrailSaysSo(t *testing.T) {
	t.Parallel()
	in := twoOrigins(func(r *domain.DistributionRequest) {
		r.Config.CacheBehaviors = behaviors(pathBehavior("/api/*", "assets", nil))
	})
	cfg, err := domain.PlanDistribution(in, domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Empty(t, cfg.DefaultCacheBehavior.ResponseHeadersPolicyId, "the local default applies none (seed-compatible)")

	cfg, err = domain.PlanDistribution(in, securityRequired())
	require.NoError(t, err)
	assert.Equal(t, domain.ResponseHeadersSecurityRef, cfg.DefaultCacheBehavior.ResponseHeadersPolicyId)
	assert.Equal(t, domain.ResponseHeadersSecurityRef, cfg.CacheBehaviors.Items[0].ResponseHeadersPolicyId)
}

func TestResponseHeadersGuardrails(t *testing.T) {
	t.Parallel()
	cors := &domain.ResponseHeadersPolicies{Cors: &domain.CORSPreset{AllowOrigins: []string{"https://app.example.com"}}}
	for name, tc := range map[string]struct {
		policy      domain.Policy
		id          string
		defs        *domain.ResponseHeadersPolicies
		rule, field string
	}{
		"a foreign id under requireSecurityHeaders": {securityRequired(), domain.ManagedSimpleCORSPolicy, nil,
			"responseHeaders.requireSecurityHeaders", "config.DefaultCacheBehavior.ResponseHeadersPolicyId"},
		"an id the guardrail does not list": {domain.DefaultPolicy(), "11111111-2222-3333-4444-555555555555", nil,
			"responseHeaders.allowedPolicyIds", "config.DefaultCacheBehavior.ResponseHeadersPolicyId"},
		"cfm:cors without its definition": {domain.DefaultPolicy(), domain.ResponseHeadersCORSRef, nil,
			"invalid", "config.DefaultCacheBehavior.ResponseHeadersPolicyId"},
		"not an id": {domain.DefaultPolicy(), "security", nil, "invalid", "config.DefaultCacheBehavior.ResponseHeadersPolicyId"},
		"a custom policy the team forbids": {func() domain.Policy { p := domain.DefaultPolicy(); p.ResponseHeaders.AllowCustom = false; return p }(),
			domain.ResponseHeadersCustomRef, &domain.ResponseHeadersPolicies{Custom: &domain.CustomResponseHeaders{Headers: []domain.ResponseHeader{{Header: "X-Robots-Tag", Value: "noindex"}}}},
			"responseHeaders.allowCustom", "config.ResponseHeadersPolicies.Custom"},
		"a custom header repeating a security header": {domain.DefaultPolicy(), domain.ResponseHeadersCustomRef,
			&domain.ResponseHeadersPolicies{Custom: &domain.CustomResponseHeaders{Headers: []domain.ResponseHeader{{Header: "Content-Security-Policy", Value: "x"}}}},
			"invalid", "config.ResponseHeadersPolicies.Custom.Headers[0].Header"},
		"a CORS origin that is not https": {domain.DefaultPolicy(), domain.ResponseHeadersCORSRef,
			&domain.ResponseHeadersPolicies{Cors: &domain.CORSPreset{AllowOrigins: []string{"http://app.example.com"}}},
			"invalid", "config.ResponseHeadersPolicies.Cors.AllowOrigins[0]"},
		"a CORS origin outside allowedCorsOrigins": {func() domain.Policy {
			p := domain.DefaultPolicy()
			p.ResponseHeaders.AllowedCorsOrigins = []string{"*.corp.example"}
			return p
		}(), domain.ResponseHeadersCORSRef, cors, "responseHeaders.allowedCorsOrigins", "config.ResponseHeadersPolicies.Cors.AllowOrigins[0]"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rule, field := planErr(t, singleOrigin(func(r *domain.DistributionRequest) {
				r.Config.DefaultCacheBehavior = &domain.CacheBehavior{ResponseHeadersPolicyId: tc.id}
				r.Config.ResponseHeadersPolicies = tc.defs
			}), tc.policy)
			assert.Equal(t, tc.rule, rule)
			assert.Equal(t, tc.field, field)
		})
	}
}

func TestResponseHeadersSpecsAreContentNamedAndCarrySecurityHeadersWhenRequired(t *testing.T) {
	t.Parallel()
	in := twoOrigins(func(r *domain.DistributionRequest) {
		r.Config.DefaultCacheBehavior = &domain.CacheBehavior{ResponseHeadersPolicyId: domain.ResponseHeadersSecurityRef}
		r.Config.CacheBehaviors = behaviors(pathBehavior("/api/*", "assets", func(b *domain.CacheBehavior) { b.ResponseHeadersPolicyId = domain.ResponseHeadersCORSRef }))
		r.Config.ResponseHeadersPolicies = &domain.ResponseHeadersPolicies{Cors: &domain.CORSPreset{AllowOrigins: []string{"https://app.example.com"}}}
	})
	p := securityRequired()
	cfg, err := domain.PlanDistribution(in, p)
	require.NoError(t, err)
	assert.Equal(t, 600, cfg.ResponseHeadersPolicies.Cors.MaxAgeSeconds, "default max age written out")
	specs := domain.ResponseHeadersSpecs(cfg, p, "cfm-test")
	require.Len(t, specs, 2)
	sec, cors := specs[domain.ResponseHeadersSecurityRef], specs[domain.ResponseHeadersCORSRef]
	assert.Regexp(t, `^cfm-test-security-headers-[0-9a-f]{12}$`, sec.Name)
	assert.Regexp(t, `^cfm-test-cors-[0-9a-f]{12}$`, cors.Name)
	require.NotNil(t, cors.Security, "requireSecurityHeaders: the CORS policy carries them too")
	assert.Equal(t, p.ResponseHeaders.SecurityHeaders.ContentSecurityPolicy, sec.Security.ContentSecurityPolicy)

	again := domain.ResponseHeadersSpecs(cfg, p, "cfm-test")
	assert.Equal(t, sec.Name, again[domain.ResponseHeadersSecurityRef].Name, "same content, same name (find by name before create)")
	p.ResponseHeaders.SecurityHeaders.ContentSecurityPolicy = "default-src 'none'"
	assert.NotEqual(t, sec.Name, domain.ResponseHeadersSpecs(cfg, p, "cfm-test")[domain.ResponseHeadersSecurityRef].Name,
		"a changed CSP is a new policy")

	applied, err := domain.ResolveReferences(cfg, map[string]string{domain.ResponseHeadersSecurityRef: "sec-id", domain.ResponseHeadersCORSRef: "cors-id"}, "")
	require.NoError(t, err)
	assert.Equal(t, "sec-id", applied.DefaultCacheBehavior.ResponseHeadersPolicyId)
	assert.Equal(t, "cors-id", applied.CacheBehaviors.Items[0].ResponseHeadersPolicyId)
	assert.Nil(t, applied.ResponseHeadersPolicies, "the definitions are not CloudFront's")
	assert.Equal(t, domain.ResponseHeadersSecurityRef, cfg.DefaultCacheBehavior.ResponseHeadersPolicyId, "the desired config keeps the reference")
	_, err = domain.ResolveReferences(cfg, map[string]string{}, "")
	assert.Error(t, err, "a reference without a policy")
}

func TestTagsGuardrail(t *testing.T) {
	t.Parallel()
	p := domain.DefaultPolicy()
	p.RequiredTags = map[string][]string{"owner": nil, "cost-centre": {"cc-1", "cc-2"}}
	with := func(tags map[string]string) domain.PlanInput {
		return singleOrigin(func(r *domain.DistributionRequest) { r.Config.Tags = tags })
	}
	cfg, err := domain.PlanDistribution(with(map[string]string{"owner": "team-a", "cost-centre": "cc-2", "app": "shop"}), p)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"owner": "team-a", "cost-centre": "cc-2", "app": "shop"}, cfg.Tags)

	for name, tc := range map[string]struct {
		tags        map[string]string
		rule, field string
	}{
		"missing":          {map[string]string{"owner": "team-a"}, "requiredTags", "config.Tags.cost-centre"},
		"value not listed": {map[string]string{"owner": "team-a", "cost-centre": "cc-9"}, "requiredTags", "config.Tags.cost-centre"},
		"ManagedBy":        {map[string]string{"owner": "a", "cost-centre": "cc-1", "ManagedBy": "me"}, "invalid", "config.Tags.ManagedBy"},
		"cfm: key":         {map[string]string{"owner": "a", "cost-centre": "cc-1", "cfm:owner": "me"}, "invalid", "config.Tags.cfm:owner"},
		"bad characters":   {map[string]string{"owner": "a\n", "cost-centre": "cc-1"}, "invalid", "config.Tags.owner"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rule, field := planErr(t, with(tc.tags), p)
			assert.Equal(t, tc.rule, rule)
			assert.Equal(t, tc.field, field)
		})
	}
}

func TestLambdaFunctionURLOriginsGetTheProductsLambdaOAC(t *testing.T) {
	t.Parallel()
	in := singleOrigin(func(r *domain.DistributionRequest) {
		r.Config.Origins = &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "fn",
			DomainName: "abcdefghij.lambda-url.eu-central-1.on.aws", CustomOriginConfig: &domain.CustomOriginConfig{}}}}
	})
	cfg, err := domain.PlanDistribution(in, domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, domain.LambdaURLOACRef, cfg.Origins.Items[0].OriginAccessControlId)
	assert.True(t, domain.UsesLambdaURLOAC(cfg))
	again, err := domain.PlanDistribution(domain.PlanInput{Request: domain.DistributionRequest{Name: "x", Config: cfg}, CallerReference: cfg.CallerReference}, domain.DefaultPolicy())
	require.NoError(t, err, "the planned config plans again (an update)")
	assert.Equal(t, cfg.Origins, again.Origins)
	applied, err := domain.ResolveReferences(cfg, nil, "E2LAMBDAOAC")
	require.NoError(t, err)
	assert.Equal(t, "E2LAMBDAOAC", applied.Origins.Items[0].OriginAccessControlId)

	off := domain.DefaultPolicy()
	off.LambdaURLOAC = false
	cfg, err = domain.PlanDistribution(in, off)
	require.NoError(t, err)
	assert.Empty(t, cfg.Origins.Items[0].OriginAccessControlId)
}

func TestPolicyFileValidatesTheHeadersAndTagsGuardrails(t *testing.T) {
	t.Parallel()
	p, err := domain.ParsePolicy([]byte(`{"responseHeaders": {"default": "security-headers", "requireSecurityHeaders": true,
		"securityHeaders": {"contentSecurityPolicy": "default-src 'self'", "hstsMaxAgeSeconds": 31536000, "frameOption": "SAMEORIGIN", "referrerPolicy": "no-referrer"}},
		"requiredTags": {"owner": [], "cost-centre": ["cc-1"]}, "lambdaUrlOac": false}`))
	require.NoError(t, err)
	assert.Equal(t, "SAMEORIGIN", p.ResponseHeaders.SecurityHeaders.FrameOption)
	assert.Equal(t, []string{"cc-1"}, p.RequiredTags["cost-centre"])
	assert.False(t, p.LambdaURLOAC)

	for doc, field := range map[string]string{
		`{"responseHeaders": {"requireSecurityHeaders": true}}`: "responseHeaders.default",
		`{"responseHeaders": {"default": "strict"}}`:            "responseHeaders.default",
		`{"responseHeaders": {"securityHeaders": {"contentSecurityPolicy": "", "hstsMaxAgeSeconds": 1, "frameOption": "DENY", "referrerPolicy": "no-referrer"}}}`: "responseHeaders.securityHeaders.contentSecurityPolicy",
		`{"responseHeaders": {"allowedPolicyIds": ["managed"]}}`: "responseHeaders.allowedPolicyIds[0]",
		`{"requiredTags": {"ManagedBy": []}}`:                    "requiredTags.ManagedBy",
	} {
		_, err := domain.ParsePolicy([]byte(doc))
		var ve *domain.ValidationError
		require.ErrorAs(t, err, &ve, doc)
		assert.Equal(t, field, ve.Fields[0].Field, doc)
	}
}

// Multi-origin distributions get the same headers and tags guardrails.
func TestMultiOriginPlansGetTheHeadersAndTagsGuardrails(t *testing.T) {
	t.Parallel()
	p := securityRequired()
	p.RequiredTags = map[string][]string{"owner": nil}
	_, err := domain.PlanMultiOriginDistribution(multiOrigin("", nil), p)
	var pv *domain.PolicyViolation
	require.ErrorAs(t, err, &pv)
	assert.Equal(t, "config.Tags.owner", pv.Field)
	cfg, err := domain.PlanMultiOriginDistribution(multiOrigin("", func(in *domain.MultiOriginPlanInput) {
		in.Request.Config.Tags = map[string]string{"owner": "team-a"}
	}), p)
	require.NoError(t, err)
	assert.Equal(t, domain.ResponseHeadersSecurityRef, cfg.DefaultCacheBehavior.ResponseHeadersPolicyId)
	assert.Equal(t, map[string]string{"owner": "team-a"}, cfg.Tags)
}
