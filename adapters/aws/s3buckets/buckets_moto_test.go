package s3buckets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// bucketName is a unique, valid bucket name for t.
// Policy statements: the product's (before and after a change) and a team's own.
const (
	ours    = `{"Sid":"cfm-oac","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"AWS:SourceArn":["arn:aws:cloudfront::1:distribution/E1"]}}}`
	oursNew = `{"Sid":"cfm-oac","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"AWS:SourceArn":["arn:aws:cloudfront::1:distribution/E1","arn:aws:cloudfront::1:distribution/E2"]}}}`
	theirs  = `{"Sid":"team-logs","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"},"StringLike":{"aws:Referer":"https://x/?a=1&b=<2>"}}}`
)

func bucketName(t *testing.T) string {
	return strings.ToLower(awstest.Name(t, "cfm"))
}

// raw is a plain S3 client in region, to set up and inspect what the adapter did.
func raw(t *testing.T, region string) *s3.Client {
	return awsconfig.NewS3(awsconfig.InRegion(awstest.Config(t), region))
}

func TestCreateBucketOnMoto(t *testing.T) {
	ctx := context.Background()
	c := New(awstest.Config(t), Options{})
	for _, region := range []string{"eu-central-1", "us-east-1"} {
		t.Run(region, func(t *testing.T) {
			name := bucketName(t)
			require.NoError(t, c.CreateBucket(ctx, name, region))
			require.NoError(t, c.CreateBucket(ctx, name, region), "BucketAlreadyOwnedByYou is success")

			s3c := raw(t, region)
			loc, err := s3c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
			require.NoError(t, err)
			if region == "us-east-1" {
				assert.Empty(t, loc.LocationConstraint)
			} else {
				assert.Equal(t, types.BucketLocationConstraint(region), loc.LocationConstraint)
			}
			pab, err := s3c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(name)})
			require.NoError(t, err)
			cfg := pab.PublicAccessBlockConfiguration
			assert.True(t, aws.ToBool(cfg.BlockPublicAcls) && aws.ToBool(cfg.IgnorePublicAcls) &&
				aws.ToBool(cfg.BlockPublicPolicy) && aws.ToBool(cfg.RestrictPublicBuckets), "%+v", cfg)
			own, err := s3c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(name)})
			require.NoError(t, err)
			require.Len(t, own.OwnershipControls.Rules, 1)
			assert.Equal(t, types.ObjectOwnershipBucketOwnerEnforced, own.OwnershipControls.Rules[0].ObjectOwnership)

			require.NoError(t, c.DeleteBucket(ctx, name, region))
			assert.ErrorIs(t, c.DeleteBucket(ctx, name, region), domain.ErrNotFound)
		})
	}
	// moto 5.2.5 checks only the length of a name (it accepts "Not_A_Bucket", "UPPER", "a..b"),
	// so the adapter applies S3's naming rules itself.
	t.Run("invalid name is permanent", func(t *testing.T) {
		for _, n := range []string{"ab", "Not_A_Bucket", "a..b", "192.168.1.1"} {
			err := c.CreateBucket(ctx, n, "eu-west-1")
			require.Error(t, err)
			assert.True(t, domain.IsPermanent(err), "%s: %v", n, err)
			var v *domain.ValidationError
			assert.ErrorAs(t, err, &v, n)
		}
	})
}

func TestConfigureBucketOnMoto(t *testing.T) {
	ctx := context.Background()
	const region = "eu-west-1"
	c := New(awstest.Config(t), Options{})
	s3c := raw(t, region)
	name := bucketName(t)
	require.NoError(t, c.CreateBucket(ctx, name, region))
	t.Cleanup(func() { _ = c.DeleteBucket(ctx, name, region) })

	// nothing configured yet: deleting absent settings is fine
	require.NoError(t, c.ConfigureBucket(ctx, name, region, domain.BucketSettings{}))

	require.NoError(t, c.ConfigureBucket(ctx, name, region, domain.BucketSettings{
		CORS: &domain.CORSConfiguration{Enabled: true, AllowedOrigins: []string{"https://app.example.com"},
			AllowedMethods: []string{"GET", "HEAD"}, AllowedHeaders: []string{"*"}, MaxAgeSeconds: 600},
		Website: &domain.WebsiteHosting{Enabled: true, ErrorDocument: "404.html"},
	}))
	cors, err := s3c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(name)})
	require.NoError(t, err)
	require.Len(t, cors.CORSRules, 1)
	assert.Equal(t, []string{"https://app.example.com"}, cors.CORSRules[0].AllowedOrigins)
	assert.Equal(t, []string{"GET", "HEAD"}, cors.CORSRules[0].AllowedMethods)
	assert.Equal(t, int32(600), aws.ToInt32(cors.CORSRules[0].MaxAgeSeconds))
	web, err := s3c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(name)})
	require.NoError(t, err)
	assert.Equal(t, "index.html", aws.ToString(web.IndexDocument.Suffix))
	assert.Equal(t, "404.html", aws.ToString(web.ErrorDocument.Key))

	require.NoError(t, c.ConfigureBucket(ctx, name, region, domain.BucketSettings{
		CORS: &domain.CORSConfiguration{Enabled: false}, Website: nil,
	}))
	_, err = s3c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(name)})
	assert.ErrorContains(t, err, "NoSuchCORSConfiguration")
	_, err = s3c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: aws.String(name)})
	assert.ErrorContains(t, err, "NoSuchWebsiteConfiguration")

	err = c.ConfigureBucket(ctx, bucketName(t), region, domain.BucketSettings{})
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestMergePolicyStatementOnMoto(t *testing.T) {
	ctx := context.Background()
	const region = "ap-northeast-2"
	c := New(awstest.Config(t), Options{})
	s3c := raw(t, region)
	name := bucketName(t)
	require.NoError(t, c.CreateBucket(ctx, name, region))
	t.Cleanup(func() { _ = c.DeleteBucket(ctx, name, region) })

	_, err := c.GetPolicy(ctx, name, region)
	assert.ErrorIs(t, err, domain.ErrNotFound, "NoSuchBucketPolicy")

	theirsDoc := `{"Version":"2012-10-17","Id":"team","Statement":[` + theirs + `]}`
	_, err = s3c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(name), Policy: aws.String(theirsDoc)})
	require.NoError(t, err)

	require.NoError(t, c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(ours)}))
	doc, err := c.GetPolicy(ctx, name, region)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":"2012-10-17","Id":"team","Statement":[`+theirs+`,`+ours+`]}`, string(doc))

	require.NoError(t, c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "cfm-oac", JSON: []byte(oursNew)}))
	doc, err = c.GetPolicy(ctx, name, region)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":"2012-10-17","Id":"team","Statement":[`+theirs+`,`+oursNew+`]}`, string(doc))

	require.NoError(t, c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "cfm-oac"}))
	doc, err = c.GetPolicy(ctx, name, region)
	require.NoError(t, err)
	assert.JSONEq(t, theirsDoc, string(doc))

	require.NoError(t, c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "team-logs"}))
	_, err = c.GetPolicy(ctx, name, region)
	assert.ErrorIs(t, err, domain.ErrNotFound, "the last statement removed deletes the policy")
	require.NoError(t, c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "cfm-oac"}), "removing from no policy")

	err = c.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "x", JSON: []byte(ours)})
	assert.True(t, domain.IsPermanent(err))
	_, err = c.GetPolicy(ctx, bucketName(t), region)
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestEmptyAndDeleteBucketOnMoto(t *testing.T) {
	ctx := context.Background()
	const region = "eu-central-1"
	c := New(awstest.Config(t), Options{DeleteBatch: 2}) // small pages exercise pagination
	s3c := raw(t, region)

	put := func(bucket, key string) {
		_, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader("x")})
		require.NoError(t, err)
	}

	t.Run("plain", func(t *testing.T) {
		name := bucketName(t)
		require.NoError(t, c.CreateBucket(ctx, name, region))
		empty, err := c.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.True(t, empty)
		for i := range 5 {
			put(name, fmt.Sprintf("dir/obj-%d", i))
		}
		empty, err = c.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.False(t, empty)
		assert.ErrorIs(t, c.DeleteBucket(ctx, name, region), domain.ErrConflict, "BucketNotEmpty")

		require.NoError(t, c.EmptyBucket(ctx, name, region))
		empty, err = c.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.True(t, empty)
		require.NoError(t, c.DeleteBucket(ctx, name, region))
	})

	t.Run("versioned", func(t *testing.T) {
		name := bucketName(t)
		require.NoError(t, c.CreateBucket(ctx, name, region))
		_, err := s3c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(name),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
		require.NoError(t, err)
		for range 3 {
			put(name, "a")
		}
		put(name, "b")
		_, err = s3c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: aws.String("b")}) // a delete marker
		require.NoError(t, err)
		_, err = s3c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: aws.String("a")})
		require.NoError(t, err)

		empty, err := c.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.False(t, empty, "no current objects, but versions and delete markers remain")

		require.NoError(t, c.EmptyBucket(ctx, name, region))
		empty, err = c.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.True(t, empty)
		require.NoError(t, c.DeleteBucket(ctx, name, region))
	})

	t.Run("missing bucket", func(t *testing.T) {
		_, err := c.IsEmpty(ctx, bucketName(t), region)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, c.EmptyBucket(ctx, bucketName(t), region), domain.ErrNotFound)
	})
}
