package lambdaedge

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

// Suggested delays for transient states.
const (
	// ReplicaDelay: CloudFront removes Lambda@Edge replicas "within a few hours" after the last
	// association is gone; until then DeleteFunction fails.
	ReplicaDelay  = 30 * time.Minute
	throttleDelay = 5 * time.Second
	settleDelay   = 10 * time.Second
)

// classify maps Lambda's errors once, keeping the AWS error in the chain.
func classify(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	what := fmt.Sprintf(format, args...)
	var byValue smithy.InvalidParamsError
	var byPointer *smithy.InvalidParamsError
	if errors.As(err, &byValue) || errors.As(err, &byPointer) {
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("%s: %w", what, err)
	}
	msg := strings.ToLower(api.ErrorMessage())
	switch api.ErrorCode() {
	case "ResourceNotFoundException":
		return fmt.Errorf("%s: %w: %w", what, domain.ErrNotFound, err)
	case "ResourceConflictException", "ResourceInUseException":
		// an update or a state transition is in progress; it settles by itself
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err), settleDelay)
	case "ResourceNotReadyException":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err), settleDelay)
	case "PreconditionFailedException":
		return fmt.Errorf("%s: %w: %w", what, domain.ErrPreconditionFailed, err)
	case "TooManyRequestsException", "ThrottlingException", "EC2ThrottledException":
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrThrottled, err), throttleDelay)
	case "AccessDeniedException":
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrForbidden, err))
	case "InvalidParameterValueException":
		switch {
		case strings.Contains(msg, "replicated function"):
			return domain.RetryAfter(fmt.Errorf("%s: replicas still exist: %w: %w", what, domain.ErrConflict, err), ReplicaDelay)
		case strings.Contains(msg, "cannot be assumed"):
			// a role created moments ago is not yet visible to Lambda (IAM is eventually consistent)
			return domain.RetryAfter(fmt.Errorf("%s: %w", what, err), settleDelay)
		}
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	case "InvalidRequestContentException", "RequestTooLargeException", "CodeStorageExceededException",
		"CodeVerificationFailedException", "InvalidCodeSignatureException", "ValidationException":
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	return fmt.Errorf("%s: %w", what, err)
}
