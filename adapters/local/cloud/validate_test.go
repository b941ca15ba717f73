package cloud_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

// certARN finds the seeded certificate for domain.
func certARN(t *testing.T, c *cloud.Cloud, name string) string {
	t.Helper()
	certs, err := c.ListCertificates(t.Context())
	require.NoError(t, err)
	for _, cert := range certs {
		if cert.DomainName == name {
			return cert.ARN
		}
	}
	t.Fatalf("no certificate for %s", name)
	return ""
}

func withCert(arn string, aliases ...string) func(*domain.DistributionConfig) {
	return func(c *domain.DistributionConfig) {
		c.Aliases = domain.NewStringList(aliases...)
		c.ViewerCertificate = &domain.ViewerCertificate{ACMCertificateArn: arn, SSLSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021"}
	}
}

func TestCreateValidatesLikeCloudFront(t *testing.T) {
	c := fast(t)
	wildcard, pending := certARN(t, c, "*.example.com"), certARN(t, c, "pending.example.net")
	tests := []struct {
		name   string
		change func(*domain.DistributionConfig)
		code   string // "" = accepted
	}{
		{"minimal", func(*domain.DistributionConfig) {}, ""},
		{"alias covered by wildcard", withCert(wildcard, "www.example.com"), ""},
		{"no origins", func(c *domain.DistributionConfig) { c.Origins = nil }, "at least one origin"},
		{"target names no origin", func(c *domain.DistributionConfig) { c.DefaultCacheBehavior.TargetOriginId = "x" }, "NoSuchOrigin"},
		{"no default behavior", func(c *domain.DistributionConfig) { c.DefaultCacheBehavior = nil }, "DefaultCacheBehavior is required"},
		{"bad viewer protocol", func(c *domain.DistributionConfig) { c.DefaultCacheBehavior.ViewerProtocolPolicy = "http-only" }, "ViewerProtocolPolicy"},
		{"enabled missing", func(c *domain.DistributionConfig) { c.Enabled = nil }, "Enabled is required"},
		{"connection attempts", func(c *domain.DistributionConfig) { c.Origins.Items[0].ConnectionAttempts = 4 }, "ConnectionAttempts"},
		{"connection timeout", func(c *domain.DistributionConfig) { c.Origins.Items[0].ConnectionTimeout = 11 }, "ConnectionTimeout"},
		{"error responses", func(c *domain.DistributionConfig) {
			c.CustomErrorResponses = &domain.CustomErrorResponses{Quantity: 1, Items: []domain.CustomErrorResponse{{ErrorCode: 404, ResponsePagePath: "/404.html", ResponseCode: "404"}}}
		}, ""},
		{"error response code", func(c *domain.DistributionConfig) {
			c.CustomErrorResponses = &domain.CustomErrorResponses{Quantity: 1, Items: []domain.CustomErrorResponse{{ErrorCode: 200}}}
		}, "ErrorCode 200"},
		{"unknown OAC", func(c *domain.DistributionConfig) { c.Origins.Items[0].OriginAccessControlId = "E0NOSUCHOAC000" }, "NoSuchOriginAccessControl"},
		{"alias without certificate", func(c *domain.DistributionConfig) { c.Aliases = domain.NewStringList("www.example.com") }, "InvalidViewerCertificate"},
		{"alias not covered", withCert(wildcard, "a.b.example.com"), "does not cover"},
		{"pending certificate", withCert(pending, "pending.example.net"), "not issued"},
		{"unknown certificate", withCert("arn:aws:acm:us-east-1:000000000000:certificate/nope"), "not issued"},
		{"lambda $LATEST", func(c *domain.DistributionConfig) {
			c.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc("arn:aws:lambda:us-east-1:000000000000:function:edge:$LATEST")
		}, "InvalidLambdaFunctionAssociation"},
		{"lambda unqualified", func(c *domain.DistributionConfig) {
			c.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc("arn:aws:lambda:us-east-1:000000000000:function:edge")
		}, "InvalidLambdaFunctionAssociation"},
		{"lambda in another region", func(c *domain.DistributionConfig) {
			c.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc("arn:aws:lambda:eu-west-1:000000000000:function:edge:1")
		}, "InvalidLambdaFunctionAssociation"},
		{"lambda version missing", func(c *domain.DistributionConfig) {
			c.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc("arn:aws:lambda:us-east-1:000000000000:function:edge:7")
		}, "does not exist"},
		{"unknown cloudfront function", func(c *domain.DistributionConfig) {
			c.DefaultCacheBehavior.FunctionAssociations = functionAssoc("arn:aws:cloudfront::000000000000:function/nope")
		}, "InvalidFunctionAssociation"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := cloudtest.MinimalConfig("op-validate-" + string(rune('a'+i)))
			tt.change(&cfg)
			d, err := c.CreateDistribution(t.Context(), cfg)
			if tt.code == "" {
				require.NoError(t, err)
				assert.NotEmpty(t, d.ID)
				return
			}
			require.Error(t, err)
			assert.True(t, domain.IsPermanent(err), "rejections are permanent: %v", err)
			assert.Contains(t, err.Error(), tt.code)
		})
	}
}

func TestAliasesAreUniqueAcrossDistributions(t *testing.T) {
	c := fast(t)
	arn := certARN(t, c, "app.example.org")
	first := cloudtest.MinimalConfig("op-alias-1")
	withCert(arn, "app.example.org")(&first)
	_, err := c.CreateDistribution(t.Context(), first)
	require.NoError(t, err)
	second := cloudtest.MinimalConfig("op-alias-2")
	withCert(arn, "APP.example.org")(&second)
	_, err = c.CreateDistribution(t.Context(), second)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.True(t, domain.IsPermanent(err))
	assert.Contains(t, err.Error(), "CNAMEAlreadyExists")

	certs, err := c.ListCertificates(t.Context())
	require.NoError(t, err)
	for _, cert := range certs {
		assert.Equal(t, cert.ARN == arn, cert.InUse, cert.DomainName)
	}
}

func TestUpdateRules(t *testing.T) {
	c := fast(t)
	d, err := c.CreateDistribution(t.Context(), cloudtest.MinimalConfig("op-upd"))
	require.NoError(t, err)
	bad := d.Config
	bad.Origins = nil
	_, err = c.UpdateDistribution(t.Context(), d.ID, bad, d.ETag)
	assert.True(t, domain.IsPermanent(err), "an update is validated too: %v", err)
	noRef := d.Config
	noRef.CallerReference = ""
	_, err = c.UpdateDistribution(t.Context(), d.ID, noRef, d.ETag)
	assert.ErrorContains(t, err, "IllegalUpdate")
	got, err := c.GetDistribution(t.Context(), d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.ETag, got.ETag, "rejected updates leave the ETag alone")
	_, err = c.CreateDistribution(t.Context(), cloudtest.MinimalConfig(""))
	assert.True(t, domain.IsPermanent(err) && !errors.Is(err, domain.ErrAlreadyExists), "create needs a caller reference: %v", err)
}

func lambdaAssoc(arn string) *domain.LambdaFunctionAssociations {
	return &domain.LambdaFunctionAssociations{Quantity: 1, Items: []domain.LambdaFunctionAssociation{{LambdaFunctionARN: arn, EventType: "origin-request"}}}
}

func functionAssoc(arn string) *domain.FunctionAssociations {
	return &domain.FunctionAssociations{Quantity: 1, Items: []domain.FunctionAssociation{{FunctionARN: arn, EventType: "viewer-request"}}}
}

// An OAC's origin type must fit the origin: a Lambda function URL needs one of type lambda, an
// S3 origin cannot use a lambda one (CloudFront: IllegalOriginAccessConfiguration).
func TestOriginAccessControlTypeMustFitTheOrigin(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	s3OAC, err := c.CreateOriginAccessControl(ctx, "s3-oac", "")
	require.NoError(t, err)
	lambdaOAC, err := c.EnsureLambdaOriginAccessControl(ctx, "lambda-oac")
	require.NoError(t, err)
	lambdaOrigin := func(oac string) domain.DistributionConfig {
		cfg := cloudtest.MinimalConfig("op-" + oac)
		cfg.Origins.Items[0].DomainName = "abcdefghij.lambda-url.eu-central-1.on.aws"
		cfg.Origins.Items[0].OriginAccessControlId = oac
		return cfg
	}
	_, err = c.CreateDistribution(ctx, lambdaOrigin(s3OAC.ID))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "IllegalOriginAccessConfiguration")
	_, err = c.CreateDistribution(ctx, lambdaOrigin(lambdaOAC))
	require.NoError(t, err)

	s3 := cloudtest.MinimalConfig("op-s3-lambda")
	s3.Origins.Items[0] = domain.Origin{Id: "origin-1", DomainName: "b.s3.eu-central-1.amazonaws.com",
		S3OriginConfig: &domain.S3OriginConfig{}, OriginAccessControlId: lambdaOAC}
	_, err = c.CreateDistribution(ctx, s3)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "IllegalOriginAccessConfiguration")
}
