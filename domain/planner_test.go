package domain_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func singleOrigin(mut func(*domain.DistributionRequest)) domain.PlanInput {
	req := domain.DistributionRequest{Name: "site", Config: domain.DistributionConfig{
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "o1", DomainName: "mybucket.s3.amazonaws.com"}}},
	}}
	if mut != nil {
		mut(&req)
	}
	return domain.PlanInput{Request: req, CallerReference: "op-1", DistributionID: "dist-1"}
}

func TestPlanAppliesDefaultGuardrails(t *testing.T) {
	t.Parallel()
	cfg, err := domain.PlanDistribution(singleOrigin(nil), domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, "op-1", cfg.CallerReference)
	assert.Equal(t, "site", cfg.Comment)
	assert.True(t, *cfg.Enabled)
	assert.Equal(t, "http2and3", cfg.HttpVersion)
	assert.True(t, *cfg.IsIPV6Enabled)
	assert.Equal(t, "PriceClass_100", cfg.PriceClass)
	b := cfg.DefaultCacheBehavior
	assert.Equal(t, "redirect-to-https", b.ViewerProtocolPolicy)
	assert.Equal(t, domain.CachePolicyCachingOptimized, b.CachePolicyId)
	assert.True(t, *b.Compress)
	assert.Equal(t, "o1", b.TargetOriginId)
	assert.Equal(t, []string{"GET", "HEAD"}, b.AllowedMethods.Items)
	assert.True(t, *cfg.ViewerCertificate.CloudFrontDefaultCertificate)
	require.Len(t, cfg.Origins.Items, 1)
	assert.Equal(t, "", cfg.Origins.Items[0].S3OriginConfig.OriginAccessIdentity)
}

func TestPlanUsesManagedOriginOAC(t *testing.T) {
	t.Parallel()
	in := singleOrigin(nil)
	in.ManagedOrigins = map[string]domain.ManagedOrigin{"mybucket": {BucketName: "mybucket", Region: "eu-central-1", OACID: "EOAC1"}}
	cfg, err := domain.PlanDistribution(in, domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, "mybucket.s3.eu-central-1.amazonaws.com", cfg.Origins.Items[0].DomainName)
	assert.Equal(t, "EOAC1", cfg.Origins.Items[0].OriginAccessControlId)
}

func TestPlanRejects(t *testing.T) {
	t.Parallel()
	strict := domain.DefaultPolicy()
	strict.RequireOAC = true
	ipv6 := domain.DefaultPolicy()
	ipv6.RequireIPv6 = true
	aliases := domain.DefaultPolicy()
	aliases.AllowedAliasDomains = []string{"example.com"}
	cheap := domain.DefaultPolicy()
	cheap.PriceClasses = []string{"PriceClass_100"}
	cert := &domain.ViewerCertificate{ACMCertificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/abc"}
	cases := []struct {
		name   string
		mut    func(*domain.DistributionRequest)
		policy domain.Policy
		field  string
		rule   string // "" = validation error
	}{
		{"no name", func(r *domain.DistributionRequest) { r.Name = " " }, domain.DefaultPolicy(), "name", ""},
		{"control chars in name", func(r *domain.DistributionRequest) { r.Name = "a\x00b" }, domain.DefaultPolicy(), "name", ""},
		{"no origins", func(r *domain.DistributionRequest) { r.Config.Origins = nil }, domain.DefaultPolicy(), "config.Origins", ""},
		{"quantity mismatch", func(r *domain.DistributionRequest) { r.Config.Origins.Quantity = 2 }, domain.DefaultPolicy(), "config.Origins.Quantity", ""},
		{"website endpoint", func(r *domain.DistributionRequest) {
			r.Config.Origins.Items[0].DomainName = "b.s3-website-us-east-1.amazonaws.com"
		}, domain.DefaultPolicy(), "config.Origins.Items[0].DomainName", ""},
		{"arbitrary host", func(r *domain.DistributionRequest) { r.Config.Origins.Items[0].DomainName = "evil.example.com" },
			domain.DefaultPolicy(), "config.Origins.Items[0].DomainName", ""},
		{"OAI", func(r *domain.DistributionRequest) {
			r.Config.Origins.Items[0].S3OriginConfig = &domain.S3OriginConfig{OriginAccessIdentity: "origin-access-identity/cloudfront/E1"}
		}, domain.DefaultPolicy(), "config.Origins.Items[0].S3OriginConfig.OriginAccessIdentity", "requireOac"},
		{"unmanaged bucket under requireOac", nil, strict, "config.Origins.Items[0].DomainName", "requireOac"},
		{"allow-all", func(r *domain.DistributionRequest) {
			r.Config.DefaultCacheBehavior = &domain.CacheBehavior{ViewerProtocolPolicy: "allow-all"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.ViewerProtocolPolicy", "viewerProtocolPolicies"},
		{"compression off", func(r *domain.DistributionRequest) {
			r.Config.DefaultCacheBehavior = &domain.CacheBehavior{Compress: domain.Bool(false)}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.Compress", "requireCompression"},
		{"unknown target", func(r *domain.DistributionRequest) {
			r.Config.DefaultCacheBehavior = &domain.CacheBehavior{TargetOriginId: "nope"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.TargetOriginId", ""},
		{"ipv6 off", func(r *domain.DistributionRequest) { r.Config.IsIPV6Enabled = domain.Bool(false) }, ipv6, "config.IsIPV6Enabled", "requireIpv6"},
		{"unknown price class", func(r *domain.DistributionRequest) { r.Config.PriceClass = "PriceClass_Everything" },
			domain.DefaultPolicy(), "config.PriceClass", ""},
		{"price class outside the policy", func(r *domain.DistributionRequest) { r.Config.PriceClass = "PriceClass_All" },
			cheap, "config.PriceClass", "priceClasses"},
		{"unknown viewer protocol policy", func(r *domain.DistributionRequest) {
			r.Config.DefaultCacheBehavior = &domain.CacheBehavior{ViewerProtocolPolicy: "https-please"}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior.ViewerProtocolPolicy", ""},
		{"unknown HTTP version", func(r *domain.DistributionRequest) { r.Config.HttpVersion = "http4" },
			domain.DefaultPolicy(), "config.HttpVersion", ""},
		{"alias outside allowed domains", func(r *domain.DistributionRequest) {
			r.Config.Aliases = domain.NewStringList("www.other.org")
			r.Config.ViewerCertificate = cert
		}, aliases, "config.Aliases.Items[0]", "allowedAliasDomains"},
		{"alias without certificate", func(r *domain.DistributionRequest) { r.Config.Aliases = domain.NewStringList("www.example.com") },
			aliases, "config.ViewerCertificate.ACMCertificateArn", ""},
		{"weak TLS", func(r *domain.DistributionRequest) {
			r.Config.Aliases = domain.NewStringList("www.example.com")
			r.Config.ViewerCertificate = &domain.ViewerCertificate{ACMCertificateArn: cert.ACMCertificateArn, MinimumProtocolVersion: "TLSv1"}
		}, aliases, "config.ViewerCertificate.MinimumProtocolVersion", "minimumTlsVersion"},
		{"edge function by request", func(r *domain.DistributionRequest) {
			r.Config.DefaultCacheBehavior = &domain.CacheBehavior{LambdaFunctionAssociations: &domain.LambdaFunctionAssociations{Quantity: 1}}
		}, domain.DefaultPolicy(), "config.DefaultCacheBehavior", "edgeFunctions"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := domain.PlanDistribution(singleOrigin(tc.mut), tc.policy)
			assertRejected(t, err, tc.field, tc.rule)
		})
	}
}

// assertRejected checks that err is a validation error on field (rule "") or a policy
// violation of rule on field.
func assertRejected(t *testing.T, err error, field, rule string) {
	t.Helper()
	require.Error(t, err)
	if rule == "" {
		var ve *domain.ValidationError
		require.True(t, errors.As(err, &ve), "want a validation error, got %v", err)
		assert.Equal(t, field, ve.Fields[0].Field)
		return
	}
	var pv *domain.PolicyViolation
	require.True(t, errors.As(err, &pv), "want a policy violation, got %v", err)
	assert.Equal(t, rule, pv.Rule)
	assert.Equal(t, field, pv.Field)
}

func TestPlanAcceptsAliasWithCertificate(t *testing.T) {
	t.Parallel()
	p := domain.DefaultPolicy()
	p.AllowedAliasDomains = []string{"example.com"}
	p.Logging = domain.LoggingPolicy{Bucket: "logs.s3.amazonaws.com", Prefix: "cf/{id}/"}
	in := singleOrigin(func(r *domain.DistributionRequest) {
		r.Config.Aliases = domain.NewStringList("WWW.Example.com.", "*.cdn.example.com")
		r.Config.ViewerCertificate = &domain.ViewerCertificate{ACMCertificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/abc"}
	})
	cfg, err := domain.PlanDistribution(in, p)
	require.NoError(t, err)
	assert.Equal(t, []string{"www.example.com", "*.cdn.example.com"}, cfg.Aliases.Items)
	assert.Equal(t, "sni-only", cfg.ViewerCertificate.SSLSupportMethod)
	assert.Equal(t, "TLSv1.2_2021", cfg.ViewerCertificate.MinimumProtocolVersion)
	assert.Nil(t, cfg.ViewerCertificate.CloudFrontDefaultCertificate)
	require.NotNil(t, cfg.Logging)
	assert.Equal(t, "cf/dist-1/", cfg.Logging.Prefix)
}
