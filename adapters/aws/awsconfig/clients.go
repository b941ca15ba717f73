package awsconfig

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// GlobalRegion is where CloudFront's control plane lives, and therefore where the ACM
// certificates and Lambda@Edge functions a distribution uses must be created.
const GlobalRegion = "us-east-1"

// Every constructor keeps cfg.BaseEndpoint (set by Load from CFM_AWS_ENDPOINT_URL), so one
// emulator serves every service. Extra option functions are applied last.

// NewDynamoDB builds a DynamoDB client in cfg's region.
func NewDynamoDB(cfg aws.Config, optFns ...func(*dynamodb.Options)) *dynamodb.Client {
	return dynamodb.NewFromConfig(cfg, optFns...)
}

// NewSQS builds an SQS client in cfg's region.
func NewSQS(cfg aws.Config, optFns ...func(*sqs.Options)) *sqs.Client {
	return sqs.NewFromConfig(cfg, optFns...)
}

// NewEventBridge builds an EventBridge client in cfg's region.
func NewEventBridge(cfg aws.Config, optFns ...func(*eventbridge.Options)) *eventbridge.Client {
	return eventbridge.NewFromConfig(cfg, optFns...)
}

// NewS3 builds an S3 client in cfg's region; with an endpoint override it uses path-style
// addressing (an emulator on 127.0.0.1 has no per-bucket virtual hosts).
func NewS3(cfg aws.Config, optFns ...func(*s3.Options)) *s3.Client {
	fns := make([]func(*s3.Options), 0, len(optFns)+1)
	if cfg.BaseEndpoint != nil && *cfg.BaseEndpoint != "" {
		fns = append(fns, func(o *s3.Options) { o.UsePathStyle = true })
	}
	return s3.NewFromConfig(cfg, append(fns, optFns...)...)
}

// NewCloudFront builds a CloudFront client (always GlobalRegion).
func NewCloudFront(cfg aws.Config, optFns ...func(*cloudfront.Options)) *cloudfront.Client {
	return cloudfront.NewFromConfig(InRegion(cfg, GlobalRegion), optFns...)
}

// NewACMForCloudFront builds an ACM client in GlobalRegion, the only region whose
// certificates CloudFront accepts.
func NewACMForCloudFront(cfg aws.Config, optFns ...func(*acm.Options)) *acm.Client {
	return acm.NewFromConfig(InRegion(cfg, GlobalRegion), optFns...)
}

// NewLambdaEdge builds a Lambda client in GlobalRegion, where Lambda@Edge functions are created.
func NewLambdaEdge(cfg aws.Config, optFns ...func(*lambda.Options)) *lambda.Client {
	return lambda.NewFromConfig(InRegion(cfg, GlobalRegion), optFns...)
}

// InRegion returns a copy of cfg for another region (same credentials, endpoint and retries).
func InRegion(cfg aws.Config, region string) aws.Config {
	c := cfg.Copy()
	c.Region = region
	return c
}
