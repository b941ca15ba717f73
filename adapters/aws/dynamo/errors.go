package dynamo

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

// retryDelay is the delay suggested for transient failures the SDK's own retries did not cure.
const retryDelay = time.Second

// classify maps a DynamoDB error onto the domain's error kinds, once, with op as context.
// A missing table is deliberately not ErrNotFound: callers treat that as "item already gone".
func classify(op string, err error) error {
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), retryDelay)
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s: %w", op, err)
	}
	switch api.ErrorCode() {
	case "ConditionalCheckFailedException":
		return fmt.Errorf("%s: %w: %w", op, domain.ErrConflict, err)
	case "TransactionConflictException":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrConflict, err), retryDelay)
	case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
		"LimitExceededException", "TransactionInProgressException":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), retryDelay)
	case "ValidationException", "SerializationException", "IdempotentParameterMismatchException",
		"ItemCollectionSizeLimitExceededException":
		return domain.Permanent(fmt.Errorf("%s: %w", op, err))
	case "InternalServerError", "ServiceUnavailable":
		return domain.RetryAfter(fmt.Errorf("%s: %w", op, err), retryDelay)
	default: // ResourceNotFoundException (no table), AccessDeniedException, ...: configuration
		return fmt.Errorf("%s: %w", op, err)
	}
}

// classifyCancel maps a transaction cancelled for a reason other than a lost condition.
func classifyCancel(code, op string, err error) error {
	switch code {
	case "TransactionConflict":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrConflict, err), retryDelay)
	case "ProvisionedThroughputExceeded", "ThrottlingError":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), retryDelay)
	case "ValidationError", "ItemCollectionSizeLimitExceeded":
		return domain.Permanent(fmt.Errorf("%s: %w", op, err))
	default:
		return fmt.Errorf("%s: %w", op, err)
	}
}
