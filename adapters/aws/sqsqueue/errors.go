package sqsqueue

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

// retryDelay is the delay suggested for transient failures the SDK's own retries did not cure.
const retryDelay = time.Second

// classify maps an SQS error onto the domain's error kinds, once, with op as context.
// SQS speaks JSON but may still report the legacy Query codes ("AWS.SimpleQueueService.…"),
// so both spellings are accepted. A missing queue is configuration, not ErrNotFound.
func classify(op string, err error) error {
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), retryDelay)
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s: %w", op, err)
	}
	switch strings.TrimPrefix(api.ErrorCode(), "AWS.SimpleQueueService.") {
	case "ReceiptHandleIsInvalid", "MessageNotInflight":
		return fmt.Errorf("%s: receipt no longer valid: %w: %w", op, domain.ErrConflict, err)
	case "RequestThrottled", "ThrottlingException", "KmsThrottled", "OverLimit":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), retryDelay)
	case "InvalidParameterValue", "InvalidParameterValueException", "InvalidParameterCombination",
		"MissingParameter", "InvalidMessageContents", "InvalidAttributeValue", "InvalidAttributeName",
		"UnsupportedOperation", "InvalidAddress", "ValidationError", "ValidationException":
		return domain.Permanent(fmt.Errorf("%s: %w", op, err))
	case "InternalError", "InternalFailure", "ServiceUnavailable":
		return domain.RetryAfter(fmt.Errorf("%s: %w", op, err), retryDelay)
	default: // QueueDoesNotExist / NonExistentQueue, AccessDenied, Kms*: configuration
		return fmt.Errorf("%s: %w", op, err)
	}
}
