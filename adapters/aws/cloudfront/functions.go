package cloudfront

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// FunctionRuntime is the CloudFront Functions runtime the product deploys.
const FunctionRuntime = types.FunctionRuntimeCloudfrontJs20

// CreateFunction creates a CloudFront Function in the DEVELOPMENT stage. An existing name is
// *domain.AlreadyExistsError with ExistingID = name.
func (c *Client) CreateFunction(ctx context.Context, name, comment string, code []byte) (domain.CloudFrontFunction, error) {
	out, err := c.fn.CreateFunction(ctx, &sdk.CreateFunctionInput{
		Name:           aws.String(name),
		FunctionCode:   code,
		FunctionConfig: &types.FunctionConfig{Comment: aws.String(comment), Runtime: FunctionRuntime},
	})
	if err != nil {
		err = classify(err, "create cloudfront function %s", name)
		var ae *domain.AlreadyExistsError
		if errors.As(err, &ae) {
			ae.ExistingID = name // functions are identified by name
		}
		return domain.CloudFrontFunction{}, err
	}
	return function(out.FunctionSummary, out.ETag), nil
}

// DescribeFunction reads the DEVELOPMENT stage: its ETag is the one Update, Publish and Delete
// need.
func (c *Client) DescribeFunction(ctx context.Context, name string) (domain.CloudFrontFunction, error) {
	out, err := c.fn.DescribeFunction(ctx, &sdk.DescribeFunctionInput{Name: aws.String(name), Stage: types.FunctionStageDevelopment})
	if err != nil {
		return domain.CloudFrontFunction{}, classify(err, "describe cloudfront function %s", name)
	}
	return function(out.FunctionSummary, out.ETag), nil
}

// UpdateFunction replaces the DEVELOPMENT code and comment.
func (c *Client) UpdateFunction(ctx context.Context, name, ifMatch, comment string, code []byte) (domain.CloudFrontFunction, error) {
	out, err := c.fn.UpdateFunction(ctx, &sdk.UpdateFunctionInput{
		Name:           aws.String(name),
		IfMatch:        aws.String(ifMatch),
		FunctionCode:   code,
		FunctionConfig: &types.FunctionConfig{Comment: aws.String(comment), Runtime: FunctionRuntime},
	})
	if err != nil {
		return domain.CloudFrontFunction{}, classify(err, "update cloudfront function %s", name)
	}
	return function(out.FunctionSummary, out.ETag), nil
}

// PublishFunction copies DEVELOPMENT to LIVE. The result carries Stage LIVE and the
// DEVELOPMENT ETag read afterwards (PublishFunction itself returns none).
func (c *Client) PublishFunction(ctx context.Context, name, ifMatch string) (domain.CloudFrontFunction, error) {
	out, err := c.fn.PublishFunction(ctx, &sdk.PublishFunctionInput{Name: aws.String(name), IfMatch: aws.String(ifMatch)})
	if err != nil {
		return domain.CloudFrontFunction{}, classify(err, "publish cloudfront function %s", name)
	}
	published := function(out.FunctionSummary, nil)
	cur, err := c.DescribeFunction(ctx, name)
	if err != nil {
		return published, fmt.Errorf("published, then: %w", err)
	}
	published.ETag = cur.ETag
	return published, nil
}

// DeleteFunction deletes a function (ErrConflict while associated). An empty ifMatch reads the
// current ETag first.
func (c *Client) DeleteFunction(ctx context.Context, name, ifMatch string) error {
	if ifMatch == "" {
		cur, err := c.DescribeFunction(ctx, name)
		if err != nil {
			return fmt.Errorf("delete cloudfront function: %w", err)
		}
		ifMatch = cur.ETag
	}
	_, err := c.fn.DeleteFunction(ctx, &sdk.DeleteFunctionInput{Name: aws.String(name), IfMatch: aws.String(ifMatch)})
	return classify(err, "delete cloudfront function %s", name)
}

func function(s *types.FunctionSummary, etag *string) domain.CloudFrontFunction {
	out := domain.CloudFrontFunction{ETag: aws.ToString(etag)}
	if s == nil {
		return out
	}
	out.Name = aws.ToString(s.Name)
	if m := s.FunctionMetadata; m != nil {
		out.ARN = aws.ToString(m.FunctionARN)
		out.Stage = string(m.Stage)
	}
	return out
}
