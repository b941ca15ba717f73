package s3buckets

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

const (
	throttleDelay = 5 * time.Second
	abortedDelay  = 30 * time.Second
)

type errorKind int

const (
	transient errorKind = iota
	notFound
	conflict
	conflictRetry
	permanentConflict
	throttled
	forbidden
	permanent
)

// errorKinds is S3's error-code table; codes not listed are transient.
var errorKinds = map[string]errorKind{
	"NoSuchBucket":                       notFound,
	"NotFound":                           notFound, // HEAD requests carry no body
	"BucketAlreadyExists":                permanentConflict,
	"BucketNotEmpty":                     conflict,
	"OperationAborted":                   conflictRetry, // a conflicting operation on the bucket is in progress
	"SlowDown":                           throttled,
	"Throttling":                         throttled,
	"ThrottlingException":                throttled,
	"TooManyRequestsException":           throttled,
	"RequestLimitExceeded":               throttled,
	"AccessDenied":                       forbidden,
	"AllAccessDisabled":                  forbidden,
	"InvalidBucketName":                  permanent,
	"InvalidArgument":                    permanent,
	"InvalidRequest":                     permanent,
	"MalformedXML":                       permanent,
	"MalformedPolicy":                    permanent,
	"InvalidLocationConstraint":          permanent,
	"IllegalLocationConstraintException": permanent, // the bucket lives in another region
	"AuthorizationHeaderMalformed":       permanent, // wrong region for the bucket
	"PermanentRedirect":                  permanent, // wrong region for the bucket
	"TooManyBuckets":                     permanent,
	"InvalidBucketState":                 permanent,
	"InvalidAccessKeyId":                 forbidden,
	"SignatureDoesNotMatch":              forbidden,
}

// classify maps an S3 error to the domain's errors once, keeping the AWS error in the chain.
func classify(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	what := fmt.Sprintf(format, args...)
	if isInvalidParams(err) {
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	code := errorCode(err)
	if code == "" {
		return fmt.Errorf("%s: %w", what, err)
	}
	switch errorKinds[code] {
	case notFound:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrNotFound, err)
	case conflict:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err)
	case conflictRetry:
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err), abortedDelay)
	case permanentConflict:
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err))
	case throttled:
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrThrottled, err), throttleDelay)
	case forbidden:
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrForbidden, err))
	case permanent:
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	return fmt.Errorf("%s: %w", what, err)
}

// errorCode is the S3 error code of err, or "".
func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func isInvalidParams(err error) bool {
	var byValue smithy.InvalidParamsError
	var byPointer *smithy.InvalidParamsError
	return errors.As(err, &byValue) || errors.As(err, &byPointer)
}
