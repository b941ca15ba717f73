package domain_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func managed(id, bucket, region, oac string) domain.ManagedOrigin {
	return domain.ManagedOrigin{ID: id, BucketName: bucket, Region: region, OACID: oac, Status: domain.OriginActive}
}

func multiOrigin(target string, mut func(*domain.MultiOriginPlanInput)) domain.MultiOriginPlanInput {
	in := domain.MultiOriginPlanInput{
		Request: domain.DistributionRequest{Name: "global", IsMultiOrigin: true,
			MultiOriginConfig: &domain.MultiOriginConfig{DefaultOriginID: "origin-us",
				AdditionalOriginIDs: []string{"origin-eu", "origin-ap"}, Preset: "global-3-region", Target: target}},
		CallerReference: "op-1", DistributionID: "dist-1",
		Origins: []domain.ManagedOrigin{
			managed("origin-us", "content-us", "us-east-1", "EOACUS"),
			managed("origin-eu", "content-eu", "eu-central-1", "EOACEU"),
			managed("origin-ap", "content-ap", "ap-southeast-1", "EOACAP"),
		},
	}
	if mut != nil {
		mut(&in)
	}
	return in
}

func TestPlanMultiOriginCloudFrontFunction(t *testing.T) {
	t.Parallel()
	cfg, err := domain.PlanMultiOriginDistribution(multiOrigin("", nil), domain.DefaultPolicy())
	require.NoError(t, err)
	require.Len(t, cfg.Origins.Items, 3)
	assert.Equal(t, 3, cfg.Origins.Quantity)
	for i, want := range []struct{ id, domain, oac string }{
		{"origin-us", "content-us.s3.us-east-1.amazonaws.com", "EOACUS"},
		{"origin-eu", "content-eu.s3.eu-central-1.amazonaws.com", "EOACEU"},
		{"origin-ap", "content-ap.s3.ap-southeast-1.amazonaws.com", "EOACAP"},
	} {
		o := cfg.Origins.Items[i]
		assert.Equal(t, want.id, o.Id)
		assert.Equal(t, want.domain, o.DomainName)
		assert.Equal(t, want.oac, o.OriginAccessControlId)
		assert.Equal(t, "", o.S3OriginConfig.OriginAccessIdentity)
	}
	b := cfg.DefaultCacheBehavior
	assert.Equal(t, "origin-us", b.TargetOriginId)
	assert.Equal(t, domain.PendingOriginRequestPolicyID, b.OriginRequestPolicyId)
	require.NotNil(t, b.FunctionAssociations)
	assert.Equal(t, []domain.FunctionAssociation{{FunctionARN: domain.PendingEdgeFunctionARN, EventType: "viewer-request"}}, b.FunctionAssociations.Items)
	assert.Nil(t, b.LambdaFunctionAssociations)
	// Guardrail defaults apply as for a single origin.
	assert.Equal(t, "redirect-to-https", b.ViewerProtocolPolicy)
	assert.Equal(t, "http2and3", cfg.HttpVersion)
	assert.Equal(t, "op-1", cfg.CallerReference)
	assert.Equal(t, "global", cfg.Comment)
	assert.True(t, domain.HasPendingEdgeSettings(cfg))
}

func TestPlanMultiOriginLambdaEdgeHasNoOAC(t *testing.T) {
	t.Parallel()
	cfg, err := domain.PlanMultiOriginDistribution(multiOrigin(domain.EdgeTargetLambdaEdge, nil), domain.DefaultPolicy())
	require.NoError(t, err)
	for _, o := range cfg.Origins.Items {
		assert.Empty(t, o.OriginAccessControlId, o.Id)
	}
	b := cfg.DefaultCacheBehavior
	assert.Nil(t, b.FunctionAssociations)
	require.NotNil(t, b.LambdaFunctionAssociations)
	assert.Equal(t, []domain.LambdaFunctionAssociation{{LambdaFunctionARN: domain.PendingEdgeFunctionARN, EventType: "origin-request"}},
		b.LambdaFunctionAssociations.Items)
}

func TestPlanMultiOriginRejects(t *testing.T) {
	t.Parallel()
	strict := domain.DefaultPolicy()
	strict.RequireOAC = true
	few := domain.DefaultPolicy()
	few.MaxOrigins = 2
	cfgOf := func(f func(*domain.MultiOriginConfig)) func(*domain.MultiOriginPlanInput) {
		return func(in *domain.MultiOriginPlanInput) { f(in.Request.MultiOriginConfig) }
	}
	cases := []struct {
		name            string
		target          string
		mut             func(*domain.MultiOriginPlanInput)
		policy          domain.Policy
		field           string
		policyViolation bool
	}{
		{"missing name", "", func(in *domain.MultiOriginPlanInput) { in.Request.Name = "" }, domain.DefaultPolicy(), "name", false},
		{"flag off", "", func(in *domain.MultiOriginPlanInput) { in.Request.IsMultiOrigin = false }, domain.DefaultPolicy(), "isMultiOrigin", false},
		{"no config", "", func(in *domain.MultiOriginPlanInput) { in.Request.MultiOriginConfig = nil }, domain.DefaultPolicy(), "multiOriginConfig", false},
		{"no default", "", cfgOf(func(c *domain.MultiOriginConfig) { c.DefaultOriginID = "" }), domain.DefaultPolicy(), "multiOriginConfig.defaultOriginId", false},
		{"not a managed id", "", cfgOf(func(c *domain.MultiOriginConfig) { c.AdditionalOriginIDs[1] = "bucket.s3.amazonaws.com" }), domain.DefaultPolicy(), "multiOriginConfig.additionalOriginIds[1]", false},
		{"duplicate", "", cfgOf(func(c *domain.MultiOriginConfig) { c.AdditionalOriginIDs[0] = "origin-us" }), domain.DefaultPolicy(), "multiOriginConfig.additionalOriginIds[0]", false},
		{"only one origin", "", cfgOf(func(c *domain.MultiOriginConfig) { c.AdditionalOriginIDs = nil }), domain.DefaultPolicy(), "multiOriginConfig.additionalOriginIds", false},
		{"too many for the policy", "", nil, few, "multiOriginConfig.additionalOriginIds", false},
		{"unknown target", "edge-worker", nil, domain.DefaultPolicy(), "multiOriginConfig.target", false},
		{"origins given", "", func(in *domain.MultiOriginPlanInput) {
			in.Request.Config.Origins = &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "x"}}}
		}, domain.DefaultPolicy(), "config.Origins", false},
		{"behavior targets another origin", "", func(in *domain.MultiOriginPlanInput) {
			in.Request.Config.DefaultCacheBehavior = &domain.CacheBehavior{TargetOriginId: "origin-eu"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.TargetOriginId", false},
		{"own origin request policy", "", func(in *domain.MultiOriginPlanInput) {
			in.Request.Config.DefaultCacheBehavior = &domain.CacheBehavior{OriginRequestPolicyId: "abc"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.OriginRequestPolicyId", false},
		{"origin not active", "", func(in *domain.MultiOriginPlanInput) { in.Origins[2].Status = domain.OriginCreating },
			domain.DefaultPolicy(), "multiOriginConfig.additionalOriginIds[1]", false},
		{"own function association", "", func(in *domain.MultiOriginPlanInput) {
			in.Request.Config.DefaultCacheBehavior = &domain.CacheBehavior{FunctionAssociations: &domain.FunctionAssociations{Quantity: 1,
				Items: []domain.FunctionAssociation{{FunctionARN: "arn:aws:cloudfront::1:function/evil", EventType: "viewer-request"}}}}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior", true},
		{"http not allowed", "", func(in *domain.MultiOriginPlanInput) {
			in.Request.Config.DefaultCacheBehavior = &domain.CacheBehavior{ViewerProtocolPolicy: "allow-all"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.ViewerProtocolPolicy", true},
		{"lambda-edge under requireOac", domain.EdgeTargetLambdaEdge, nil, strict, "multiOriginConfig.target", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := domain.PlanMultiOriginDistribution(multiOrigin(tc.target, tc.mut), tc.policy)
			require.Error(t, err)
			var ve *domain.ValidationError
			var pv *domain.PolicyViolation
			if tc.policyViolation {
				require.True(t, errors.As(err, &pv), "%T %v", err, err)
				assert.Equal(t, tc.field, pv.Field)
				return
			}
			require.True(t, errors.As(err, &ve), "%T %v", err, err)
			fields := []string{}
			for _, f := range ve.Fields {
				fields = append(fields, f.Field)
			}
			assert.Contains(t, fields, tc.field)
		})
	}
}

func TestResolveEdgePlaceholders(t *testing.T) {
	t.Parallel()
	for _, target := range []string{domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge} {
		t.Run(target, func(t *testing.T) {
			planned, err := domain.PlanMultiOriginDistribution(multiOrigin(target, nil), domain.DefaultPolicy())
			require.NoError(t, err)
			resolved, err := domain.ResolveEdgePlaceholders(planned, "orp-1", "arn:fn:1")
			require.NoError(t, err)
			assert.False(t, domain.HasPendingEdgeSettings(resolved))
			assert.True(t, domain.HasPendingEdgeSettings(planned), "the input must not change")
			b := resolved.DefaultCacheBehavior
			assert.Equal(t, "orp-1", b.OriginRequestPolicyId)
			if target == domain.EdgeTargetLambdaEdge {
				assert.Equal(t, "arn:fn:1", b.LambdaFunctionAssociations.Items[0].LambdaFunctionARN)
			} else {
				assert.Equal(t, "arn:fn:1", b.FunctionAssociations.Items[0].FunctionARN)
			}
			_, err = domain.ResolveEdgePlaceholders(planned, "", "arn:fn:1")
			assert.Error(t, err)
			_, err = domain.ResolveEdgePlaceholders(planned, "orp-1", domain.PendingEdgeFunctionARN)
			assert.Error(t, err)
		})
	}
}
