package lambdaedge

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

// CreateFunction creates the function unpublished ($LATEST only): Node.js, index.handler,
// 128 MB, 5 s, x86_64 (Lambda@Edge runs no arm64). An existing name is
// *domain.AlreadyExistsError with ExistingID = name.
func (c *Client) CreateFunction(ctx context.Context, name, roleARN string, zip []byte) (domain.LambdaFunction, error) {
	out, err := c.api.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName:  aws.String(name),
		Role:          aws.String(roleARN),
		Runtime:       c.runtime,
		Handler:       aws.String(Handler),
		MemorySize:    aws.Int32(MemoryMB),
		Timeout:       aws.Int32(TimeoutSeconds),
		Architectures: []types.Architecture{types.ArchitectureX8664},
		Publish:       false,
		Code:          &types.FunctionCode{ZipFile: zip},
		Description:   aws.String("Lambda@Edge routing function managed by CloudFront Manager"),
	})
	if err != nil {
		if awserr.Code(err) == "ResourceConflictException" {
			return domain.LambdaFunction{}, fmt.Errorf("create function %s: %w", name, &domain.AlreadyExistsError{ExistingID: name, Err: err})
		}
		return domain.LambdaFunction{}, classify(err, "create function %s", name)
	}
	return domain.LambdaFunction{
		Name:       aws.ToString(out.FunctionName),
		ARN:        unqualified(aws.ToString(out.FunctionArn)),
		State:      string(out.State),
		CodeSize:   out.CodeSize,
		CodeSHA256: aws.ToString(out.CodeSha256),
		Runtime:    string(out.Runtime),
	}, nil
}

// GetFunction reads $LATEST: its State (Pending | Active | Failed), code size and hash.
func (c *Client) GetFunction(ctx context.Context, name string) (domain.LambdaFunction, error) {
	out, err := c.api.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(name)})
	if err != nil {
		return domain.LambdaFunction{}, classify(err, "get function %s", name)
	}
	return fromConfiguration(out.Configuration), nil
}

// PublishVersion publishes $LATEST as a numbered version (AWS returns the latest version
// again when nothing changed) and returns it with VersionARN set: CloudFront accepts only
// numbered versions.
func (c *Client) PublishVersion(ctx context.Context, name string) (domain.LambdaFunction, error) {
	out, err := c.api.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: aws.String(name)})
	if err != nil {
		return domain.LambdaFunction{}, classify(err, "publish version of function %s", name)
	}
	v := aws.ToString(out.FunctionArn)
	return domain.LambdaFunction{
		Name:       aws.ToString(out.FunctionName),
		ARN:        unqualified(v),
		VersionARN: v,
		State:      string(out.State),
		CodeSize:   out.CodeSize,
		CodeSHA256: aws.ToString(out.CodeSha256),
		Runtime:    string(out.Runtime),
	}, nil
}

// AllowCloudFront adds, once per configured principal, a statement letting the Lambda@Edge
// service read the function. A statement id that already exists is success.
func (c *Client) AllowCloudFront(ctx context.Context, name string) error {
	for _, principal := range c.principals {
		sid := "cfm-" + strings.NewReplacer(".", "-").Replace(principal)
		_, err := c.api.AddPermission(ctx, &lambda.AddPermissionInput{
			FunctionName: aws.String(name),
			StatementId:  aws.String(sid),
			Action:       aws.String("lambda:GetFunction"),
			Principal:    aws.String(principal),
		})
		if err != nil && !statementExists(err) {
			return classify(err, "allow %s on function %s", principal, name)
		}
	}
	return nil
}

// statementExists: "The statement id (x) provided already exists. Please provide a new
// statement id, or remove the existing statement."
func statementExists(err error) bool {
	return awserr.Code(err) == "ResourceConflictException" &&
		strings.Contains(strings.ToLower(awserr.Message(err)), "already exists")
}

// DeleteFunction deletes the function and all its versions. While CloudFront still holds
// replicas the error is a *domain.RetryAfterError (ReplicaDelay); a missing function is
// ErrNotFound.
func (c *Client) DeleteFunction(ctx context.Context, name string) error {
	_, err := c.api.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: aws.String(name)})
	return classify(err, "delete function %s", name)
}

func fromConfiguration(cfg *types.FunctionConfiguration) domain.LambdaFunction {
	if cfg == nil {
		return domain.LambdaFunction{}
	}
	f := domain.LambdaFunction{
		Name:       aws.ToString(cfg.FunctionName),
		ARN:        unqualified(aws.ToString(cfg.FunctionArn)),
		State:      string(cfg.State),
		CodeSize:   cfg.CodeSize,
		CodeSHA256: aws.ToString(cfg.CodeSha256),
		Runtime:    string(cfg.Runtime),
	}
	if v := aws.ToString(cfg.Version); v != "" && v != "$LATEST" {
		f.VersionARN = aws.ToString(cfg.FunctionArn)
	}
	return f
}

// unqualified drops a version or alias from a function ARN
// (arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]).
func unqualified(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) > 7 {
		return strings.Join(parts[:7], ":")
	}
	return arn
}
