package cloudfront

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// s3Config is the config the planner produces for one S3 origin behind an OAC.
func s3Config(ref string) domain.DistributionConfig {
	return domain.DistributionConfig{
		CallerReference:   ref,
		Comment:           "moto test",
		Enabled:           domain.Bool(true),
		Aliases:           &domain.StringList{},
		DefaultRootObject: "index.html",
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{
			Id:                    "s3-main",
			DomainName:            "site-bucket.s3.eu-central-1.amazonaws.com",
			OriginAccessControlId: "E2OACID1234",
			S3OriginConfig:        &domain.S3OriginConfig{},
			ConnectionAttempts:    2, // not CloudFront's defaults (3, 10): the values travel
			ConnectionTimeout:     5,
		}}},
		DefaultCacheBehavior: &domain.CacheBehavior{
			TargetOriginId:       "s3-main",
			ViewerProtocolPolicy: "redirect-to-https",
			AllowedMethods: &domain.AllowedMethods{Quantity: 2, Items: []string{"HEAD", "GET"},
				CachedMethods: domain.NewStringList("GET", "HEAD")},
			Compress:      domain.Bool(true),
			CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
			FunctionAssociations: &domain.FunctionAssociations{Quantity: 1, Items: []domain.FunctionAssociation{
				{FunctionARN: "arn:aws:cloudfront::123456789012:function/route", EventType: "viewer-request"},
			}},
		},
		ViewerCertificate: &domain.ViewerCertificate{
			CloudFrontDefaultCertificate: domain.Bool(false),
			ACMCertificateArn:            "arn:aws:acm:us-east-1:123456789012:certificate/abc",
			SSLSupportMethod:             "sni-only",
			MinimumProtocolVersion:       "TLSv1.2_2021",
		},
		HttpVersion:   "http2",
		IsIPV6Enabled: domain.Bool(true),
		PriceClass:    "PriceClass_100",
		Logging:       &domain.LoggingConfig{Enabled: true, Bucket: "logs.s3.amazonaws.com", Prefix: "cf/"},
		WebACLId:      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1",
		CustomErrorResponses: &domain.CustomErrorResponses{Quantity: 1, Items: []domain.CustomErrorResponse{
			{ErrorCode: 404, ResponsePagePath: "/404.html", ResponseCode: "404", ErrorCachingMinTTL: 30},
		}},
	}
}

// motoEcho is cfg as moto 5.2.5 returns it. Moto drops an origin's OriginAccessControlId and
// S3OriginConfig (it keeps them internally but renders neither), and always answers
// FunctionAssociations / LambdaFunctionAssociations as {Quantity: 0} whatever was sent; AWS
// returns all three as sent (and an empty {Quantity: 0} list for an absent one).
func motoEcho(cfg domain.DistributionConfig) domain.DistributionConfig {
	origins := *cfg.Origins
	origins.Items = append([]domain.Origin(nil), cfg.Origins.Items...)
	for i := range origins.Items {
		origins.Items[i].OriginAccessControlId = ""
		origins.Items[i].S3OriginConfig = nil
	}
	cfg.Origins = &origins
	b := *cfg.DefaultCacheBehavior
	b.FunctionAssociations = &domain.FunctionAssociations{}
	b.LambdaFunctionAssociations = &domain.LambdaFunctionAssociations{}
	cfg.DefaultCacheBehavior = &b
	return cfg
}

func TestDistributionLifecycleOnMoto(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)
	ref := awstest.Name(t, "op")
	cfg := s3Config(ref)

	created, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.NotEmpty(t, created.ETag)
	assert.Contains(t, created.ARN, ":distribution/"+created.ID)
	assert.Contains(t, created.DomainName, ".cloudfront.net")
	assert.Equal(t, domain.CloudStatusInProgress, created.Status)

	got, err := c.GetDistribution(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created.ID, got.ID)
	assert.Equal(t, created.ARN, got.ARN)
	assert.Equal(t, created.DomainName, got.DomainName)
	assert.NotEmpty(t, got.ETag)
	assert.Contains(t, []string{domain.CloudStatusInProgress, domain.CloudStatusDeployed}, got.Status)
	// What went over the wire comes back: the config survives AWS's XML both ways, except for
	// what moto 5.2.5 does not store (see motoEcho).
	assert.Equal(t, motoEcho(cfg), got.Config)

	t.Run("CallerReference reuse recovers the first distribution", func(t *testing.T) {
		again := s3Config(ref)
		again.Comment = "a retried create, possibly with a different body"
		_, err := c.CreateDistribution(ctx, again)
		var ae *domain.AlreadyExistsError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, created.ID, ae.ExistingID)
		assert.ErrorIs(t, err, domain.ErrAlreadyExists)
	})

	t.Run("update replaces the config", func(t *testing.T) {
		cur, err := c.GetDistribution(ctx, created.ID)
		require.NoError(t, err)
		next := cur.Config
		next.Comment = "updated"
		next.Enabled = domain.Bool(false)
		next.CallerReference = "" // filled from the live config
		upd, err := c.UpdateDistribution(ctx, created.ID, next, cur.ETag)
		require.NoError(t, err)
		assert.Equal(t, "updated", upd.Config.Comment)
		assert.Equal(t, ref, upd.Config.CallerReference)
		assert.False(t, domain.BoolValue(upd.Config.Enabled, true))
	})

	t.Run("invalidation", func(t *testing.T) {
		inv, err := c.CreateInvalidation(ctx, created.ID, ref+"-inv", []string{"/index.html", "/img/*"})
		require.NoError(t, err)
		assert.NotEmpty(t, inv.ID)
		assert.Equal(t, []string{"/index.html", "/img/*"}, inv.Paths)
		got, err := c.GetInvalidation(ctx, created.ID, inv.ID)
		require.NoError(t, err)
		assert.Equal(t, inv.ID, got.ID)
		assert.Contains(t, []string{"InProgress", "Completed"}, got.Status)
		_, err = c.GetInvalidation(ctx, created.ID, "IDOESNOTEXIST")
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	t.Run("tags", func(t *testing.T) {
		require.NoError(t, c.TagResource(ctx, created.ARN, map[string]string{"cfm:owner": "alice", "cfm:product": "cfm"}))
	})

	t.Run("delete without IfMatch is rejected", func(t *testing.T) {
		err := c.DeleteDistribution(ctx, created.ID, "")
		assert.ErrorIs(t, err, domain.ErrPreconditionFailed)
		assert.True(t, domain.IsPermanent(err))
	})

	// The real delete sequence: disabled (done above), Deployed, then a fresh ETag.
	cur, err := c.GetDistribution(ctx, created.ID)
	require.NoError(t, err)
	require.False(t, domain.BoolValue(cur.Config.Enabled, true))
	require.Equal(t, domain.CloudStatusDeployed, cur.Status, "moto moves to Deployed on the next read")
	require.NoError(t, c.DeleteDistribution(ctx, created.ID, cur.ETag))
	_, err = c.GetDistribution(ctx, created.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	err = c.DeleteDistribution(ctx, created.ID, cur.ETag)
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestDistributionInputErrorsOnMoto(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)

	_, err := c.GetDistribution(ctx, "EDOESNOTEXIST1")
	assert.ErrorIs(t, err, domain.ErrNotFound)

	_, err = c.CreateDistribution(ctx, domain.DistributionConfig{Comment: "no reference"})
	assert.True(t, domain.IsPermanent(err), "%v", err)

	// A behavior pointing at an origin the config does not have: CloudFront's NoSuchOrigin.
	bad := s3Config(awstest.Name(t, "op"))
	bad.DefaultCacheBehavior.TargetOriginId = "missing"
	_, err = c.CreateDistribution(ctx, bad)
	require.Error(t, err)
	assert.True(t, domain.IsPermanent(err), "%v", err)
	assert.False(t, errors.Is(err, domain.ErrAlreadyExists))
}
