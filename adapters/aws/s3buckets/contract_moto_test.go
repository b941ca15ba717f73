package s3buckets_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/s3buckets"
	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestBucketsContractOnMoto(t *testing.T) {
	cfg := awstest.Config(t)
	cloudtest.RunBuckets(t, func(*testing.T) domain.Buckets { return s3buckets.New(cfg, s3buckets.Options{}) }, cloudtest.Options{
		PutObject: func(ctx context.Context, bucket, region, key string, body []byte) error {
			_, err := awsconfig.NewS3(awsconfig.InRegion(cfg, region)).PutObject(ctx, &s3.PutObjectInput{
				Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body),
			})
			return err
		},
	})
}
