// Package s3buckets is the Amazon S3 adapter for managed origins' buckets (domain.Buckets):
// creation with public access blocked and BucketOwnerEnforced, CORS and website settings,
// statement-by-statement bucket-policy merges, emptying and deletion.
//
// S3 must be called in the bucket's region, so the adapter keeps one SDK client per region.
package s3buckets

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/domain"
)

// Options tunes the adapter; the zero value is the production default.
type Options struct {
	// DeleteBatch is how many keys one DeleteObjects call removes (S3's maximum, 1000, by default).
	DeleteBatch int
}

// Client implements domain.Buckets.
type Client struct {
	mu       sync.Mutex
	clients  map[string]bucketAPI
	newAPI   func(region string) bucketAPI
	fallback string // the region of cfg, for callers that pass none
	batch    int
}

var _ domain.Buckets = (*Client)(nil)

// bucketAPI is the slice of the S3 client this adapter uses.
type bucketAPI interface {
	CreateBucket(ctx context.Context, in *s3.CreateBucketInput, optFns ...func(*s3.Options)) (*s3.CreateBucketOutput, error)
	PutPublicAccessBlock(ctx context.Context, in *s3.PutPublicAccessBlockInput, optFns ...func(*s3.Options)) (*s3.PutPublicAccessBlockOutput, error)
	PutBucketOwnershipControls(ctx context.Context, in *s3.PutBucketOwnershipControlsInput, optFns ...func(*s3.Options)) (*s3.PutBucketOwnershipControlsOutput, error)
	PutBucketCors(ctx context.Context, in *s3.PutBucketCorsInput, optFns ...func(*s3.Options)) (*s3.PutBucketCorsOutput, error)
	DeleteBucketCors(ctx context.Context, in *s3.DeleteBucketCorsInput, optFns ...func(*s3.Options)) (*s3.DeleteBucketCorsOutput, error)
	PutBucketWebsite(ctx context.Context, in *s3.PutBucketWebsiteInput, optFns ...func(*s3.Options)) (*s3.PutBucketWebsiteOutput, error)
	DeleteBucketWebsite(ctx context.Context, in *s3.DeleteBucketWebsiteInput, optFns ...func(*s3.Options)) (*s3.DeleteBucketWebsiteOutput, error)
	GetBucketPolicy(ctx context.Context, in *s3.GetBucketPolicyInput, optFns ...func(*s3.Options)) (*s3.GetBucketPolicyOutput, error)
	PutBucketPolicy(ctx context.Context, in *s3.PutBucketPolicyInput, optFns ...func(*s3.Options)) (*s3.PutBucketPolicyOutput, error)
	DeleteBucketPolicy(ctx context.Context, in *s3.DeleteBucketPolicyInput, optFns ...func(*s3.Options)) (*s3.DeleteBucketPolicyOutput, error)
	GetBucketVersioning(ctx context.Context, in *s3.GetBucketVersioningInput, optFns ...func(*s3.Options)) (*s3.GetBucketVersioningOutput, error)
	ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, optFns ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	ListObjectVersions(ctx context.Context, in *s3.ListObjectVersionsInput, optFns ...func(*s3.Options)) (*s3.ListObjectVersionsOutput, error)
	DeleteObjects(ctx context.Context, in *s3.DeleteObjectsInput, optFns ...func(*s3.Options)) (*s3.DeleteObjectsOutput, error)
	DeleteBucket(ctx context.Context, in *s3.DeleteBucketInput, optFns ...func(*s3.Options)) (*s3.DeleteBucketOutput, error)
}

// New builds the adapter from cfg (credentials, endpoint, retries); each region gets its own
// S3 client on first use (path-style addressing when cfg points at an emulator).
func New(cfg aws.Config, opts Options) *Client {
	return newClient(cfg.Region, opts, func(region string) bucketAPI {
		return awsconfig.NewS3(awsconfig.InRegion(cfg, region))
	})
}

func newClient(fallback string, opts Options, newAPI func(string) bucketAPI) *Client {
	batch := opts.DeleteBatch
	if batch <= 0 || batch > 1000 {
		batch = 1000
	}
	return &Client{clients: map[string]bucketAPI{}, newAPI: newAPI, fallback: fallback, batch: batch}
}

// in returns the client for region (cfg's region when empty).
func (c *Client) in(region string) bucketAPI {
	if region == "" {
		region = c.fallback
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	api, ok := c.clients[region]
	if !ok {
		api = c.newAPI(region)
		c.clients[region] = api
	}
	return api
}
