package s3buckets

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

// CreateBucket creates name in region (idempotent: a bucket this account already owns is
// success), then blocks all public access and enforces BucketOwnerEnforced (required by OAC).
// A name owned by another account is a permanent ErrConflict; a name S3 would reject is a
// permanent validation error before any call (moto checks only the length).
func (c *Client) CreateBucket(ctx context.Context, name, region string) error {
	if msg := domain.ValidBucketName(name); msg != "" {
		return domain.Permanent(domain.Invalid("bucketName", "%s", msg))
	}
	api := c.in(region)
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if region != "" && region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}
	}
	if _, err := api.CreateBucket(ctx, in); err != nil && awserr.Code(err) != "BucketAlreadyOwnedByYou" {
		return classify(err, "create bucket %s in %s", name, region)
	}
	if _, err := api.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
		Bucket: aws.String(name),
		PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
			BlockPublicAcls:       aws.Bool(true),
			IgnorePublicAcls:      aws.Bool(true),
			BlockPublicPolicy:     aws.Bool(true),
			RestrictPublicBuckets: aws.Bool(true),
		},
	}); err != nil {
		return classify(err, "block public access on bucket %s", name)
	}
	if _, err := api.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
		Bucket: aws.String(name),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{
			{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced},
		}},
	}); err != nil {
		return classify(err, "enforce bucket owner on bucket %s", name)
	}
	return nil
}

// ConfigureBucket converges CORS and website hosting: a nil or disabled block removes the
// bucket's configuration, an enabled one replaces it.
func (c *Client) ConfigureBucket(ctx context.Context, name, region string, s domain.BucketSettings) error {
	api := c.in(region)
	if cors := s.CORS; cors != nil && cors.Enabled {
		rule := types.CORSRule{
			AllowedOrigins: cors.AllowedOrigins,
			AllowedMethods: cors.AllowedMethods,
			AllowedHeaders: cors.AllowedHeaders,
		}
		if cors.MaxAgeSeconds > 0 {
			rule.MaxAgeSeconds = aws.Int32(int32(cors.MaxAgeSeconds)) //nolint:gosec // seconds, validated upstream
		}
		if _, err := api.PutBucketCors(ctx, &s3.PutBucketCorsInput{
			Bucket:            aws.String(name),
			CORSConfiguration: &types.CORSConfiguration{CORSRules: []types.CORSRule{rule}},
		}); err != nil {
			return classify(err, "put CORS on bucket %s", name)
		}
	} else if _, err := api.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(name)}); err != nil && awserr.Code(err) != "NoSuchCORSConfiguration" {
		return classify(err, "delete CORS on bucket %s", name)
	}

	if web := s.Website; web != nil && web.Enabled {
		index := web.IndexDocument
		if index == "" {
			index = "index.html"
		}
		cfg := &types.WebsiteConfiguration{IndexDocument: &types.IndexDocument{Suffix: aws.String(index)}}
		if web.ErrorDocument != "" {
			cfg.ErrorDocument = &types.ErrorDocument{Key: aws.String(web.ErrorDocument)}
		}
		if _, err := api.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(name), WebsiteConfiguration: cfg}); err != nil {
			return classify(err, "put website on bucket %s", name)
		}
	} else if _, err := api.DeleteBucketWebsite(ctx, &s3.DeleteBucketWebsiteInput{Bucket: aws.String(name)}); err != nil && awserr.Code(err) != "NoSuchWebsiteConfiguration" {
		return classify(err, "delete website on bucket %s", name)
	}
	return nil
}

// DeleteBucket deletes an empty bucket: ErrNotFound when gone, ErrConflict when not empty.
func (c *Client) DeleteBucket(ctx context.Context, name, region string) error {
	_, err := c.in(region).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if err != nil {
		return classify(err, "delete bucket %s", name)
	}
	return nil
}
