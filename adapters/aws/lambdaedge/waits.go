package lambdaedge

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// ErrWaitTimeout: the function did not settle within the bound; retry later.
var ErrWaitTimeout = errors.New("lambda function did not become ready in time")

// WaitActive polls name (a function name, or a qualified version ARN) until its State is
// Active and its last update Successful, for at most maxWait. Failed is a permanent error
// carrying Lambda's reason; running out of time is a *domain.RetryAfterError wrapping
// ErrWaitTimeout.
func (c *Client) WaitActive(ctx context.Context, name string, maxWait time.Duration) (domain.LambdaFunction, error) {
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, maxWait)
	defer cancel()
	for {
		out, err := c.api.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(name)})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return domain.LambdaFunction{}, classify(err, "wait for function %s", name)
		}
		cfg := out.Configuration
		switch {
		case cfg == nil:
		case cfg.State == types.StateFailed:
			return fromConfiguration(cfg), domain.Permanent(fmt.Errorf("function %s failed: %s: %s",
				name, cfg.StateReasonCode, aws.ToString(cfg.StateReason)))
		case cfg.LastUpdateStatus == types.LastUpdateStatusFailed:
			return fromConfiguration(cfg), domain.Permanent(fmt.Errorf("function %s update failed: %s: %s",
				name, cfg.LastUpdateStatusReasonCode, aws.ToString(cfg.LastUpdateStatusReason)))
		case cfg.State == types.StateActive && (cfg.LastUpdateStatus == "" || cfg.LastUpdateStatus == types.LastUpdateStatusSuccessful):
			return fromConfiguration(cfg), nil
		}
		select {
		case <-ctx.Done():
		case <-time.After(c.poll):
			continue
		}
		break
	}
	if err := parent.Err(); err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("wait for function %s: %w", name, err)
	}
	return domain.LambdaFunction{}, domain.RetryAfter(fmt.Errorf("wait for function %s (%s): %w", name, maxWait, ErrWaitTimeout), c.poll)
}
