package eventbus

import (
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
)

var delays = awserr.Delays{Throttle: time.Second, Retry: time.Second}

// errorKinds is EventBridge's error-code table. A missing bus (ResourceNotFoundException) and
// AccessDeniedException are configuration, left transient.
var errorKinds = map[string]awserr.Kind{
	"ThrottlingException":            awserr.Throttled,
	"LimitExceededException":         awserr.Throttled,
	"ValidationException":            awserr.Permanent,
	"InvalidEventPatternException":   awserr.Permanent,
	"ResourceAlreadyExistsException": awserr.AlreadyExists,
	"InternalException":              awserr.Retry,
	"InternalFailure":                awserr.Retry,
	"ServiceUnavailable":             awserr.Retry,
}

// classify maps an EventBridge error onto the domain's error kinds, once, with op as context.
func classify(op string, err error) error {
	return awserr.Classify(err, op, errorKinds, delays)
}
