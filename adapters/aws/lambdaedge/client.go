// Package lambdaedge manages Lambda@Edge functions in us-east-1 (domain.LambdaFunctions):
// create, read, publish numbered versions, bounded waits for readiness, the CloudFront
// permission, and deletion that understands replicas.
package lambdaedge

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/domain"
)

// Lambda@Edge limits the product deploys within (viewer-event limits: 128 MB, 5 s).
const (
	DefaultRuntime = types.RuntimeNodejs22x
	Handler        = "index.handler"
	MemoryMB       = 128
	TimeoutSeconds = 5
)

// Options tunes the adapter; the zero value is the production default.
type Options struct {
	// Runtime of created functions (default nodejs22.x; Lambda@Edge runs Node.js and Python only).
	Runtime types.Runtime
	// Principals AllowCloudFront grants lambda:GetFunction to (default edgelambda.amazonaws.com).
	Principals []string
	// PollInterval of the wait helpers (default 2 s).
	PollInterval time.Duration
}

// functionsAPI is the slice of the Lambda client this adapter uses.
type functionsAPI interface {
	CreateFunction(ctx context.Context, in *lambda.CreateFunctionInput, optFns ...func(*lambda.Options)) (*lambda.CreateFunctionOutput, error)
	GetFunction(ctx context.Context, in *lambda.GetFunctionInput, optFns ...func(*lambda.Options)) (*lambda.GetFunctionOutput, error)
	PublishVersion(ctx context.Context, in *lambda.PublishVersionInput, optFns ...func(*lambda.Options)) (*lambda.PublishVersionOutput, error)
	AddPermission(ctx context.Context, in *lambda.AddPermissionInput, optFns ...func(*lambda.Options)) (*lambda.AddPermissionOutput, error)
	DeleteFunction(ctx context.Context, in *lambda.DeleteFunctionInput, optFns ...func(*lambda.Options)) (*lambda.DeleteFunctionOutput, error)
}

// Client implements domain.LambdaFunctions.
type Client struct {
	api        functionsAPI
	runtime    types.Runtime
	principals []string
	poll       time.Duration
}

var _ domain.LambdaFunctions = (*Client)(nil)

// New builds the adapter; the region is always us-east-1 (Lambda@Edge's only region).
func New(cfg aws.Config, opts Options) *Client {
	return newClient(awsconfig.NewLambdaEdge(cfg), opts)
}

func newClient(api functionsAPI, opts Options) *Client {
	c := &Client{api: api, runtime: opts.Runtime, principals: opts.Principals, poll: opts.PollInterval}
	if c.runtime == "" {
		c.runtime = DefaultRuntime
	}
	if len(c.principals) == 0 {
		c.principals = []string{"edgelambda.amazonaws.com"}
	}
	if c.poll <= 0 {
		c.poll = 2 * time.Second
	}
	return c
}
