package dynamo

import (
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
)

// retryDelay is the delay suggested for transient failures the SDK's own retries did not cure.
const retryDelay = time.Second

var delays = awserr.Delays{Throttle: retryDelay, Conflict: retryDelay, Retry: retryDelay}

// errorKinds is DynamoDB's error-code table. A missing table (ResourceNotFoundException) is
// deliberately not NotFound: callers treat that as "item already gone"; it and
// AccessDeniedException are configuration, left transient.
var errorKinds = map[string]awserr.Kind{
	"ConditionalCheckFailedException":          awserr.Conflict,
	"TransactionConflictException":             awserr.ConflictRetry,
	"ProvisionedThroughputExceededException":   awserr.Throttled,
	"ThrottlingException":                      awserr.Throttled,
	"RequestLimitExceeded":                     awserr.Throttled,
	"LimitExceededException":                   awserr.Throttled,
	"TransactionInProgressException":           awserr.Throttled,
	"ValidationException":                      awserr.Permanent,
	"SerializationException":                   awserr.Permanent,
	"IdempotentParameterMismatchException":     awserr.Permanent,
	"ItemCollectionSizeLimitExceededException": awserr.Permanent,
	"InternalServerError":                      awserr.Retry,
	"ServiceUnavailable":                       awserr.Retry,
}

// cancelKinds maps the reason a transaction was cancelled for, other than a lost condition.
var cancelKinds = map[string]awserr.Kind{
	"TransactionConflict":             awserr.ConflictRetry,
	"ProvisionedThroughputExceeded":   awserr.Throttled,
	"ThrottlingError":                 awserr.Throttled,
	"ValidationError":                 awserr.Permanent,
	"ItemCollectionSizeLimitExceeded": awserr.Permanent,
}

// classify maps a DynamoDB error onto the domain's error kinds, once, with op as context.
func classify(op string, err error) error {
	return awserr.Classify(err, op, errorKinds, delays)
}

// classifyCancel maps a transaction cancelled for a reason other than a lost condition.
func classifyCancel(code, op string, err error) error {
	return awserr.Wrap(cancelKinds[code], op, err, delays)
}
