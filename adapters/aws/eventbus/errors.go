package eventbus

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

// classify maps an EventBridge error onto the domain's error kinds, once, with op as context.
// A missing bus is configuration, not ErrNotFound.
func classify(op string, err error) error {
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), time.Second)
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s: %w", op, err)
	}
	switch api.ErrorCode() {
	case "ThrottlingException", "LimitExceededException":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", op, domain.ErrThrottled, err), time.Second)
	case "ValidationException", "InvalidEventPatternException":
		return domain.Permanent(fmt.Errorf("%s: %w", op, err))
	case "ResourceAlreadyExistsException":
		return fmt.Errorf("%s: %w: %w", op, domain.ErrAlreadyExists, err)
	case "InternalException", "InternalFailure", "ServiceUnavailable":
		return domain.RetryAfter(fmt.Errorf("%s: %w", op, err), time.Second)
	default: // ResourceNotFoundException (no bus), AccessDeniedException: configuration
		return fmt.Errorf("%s: %w", op, err)
	}
}
