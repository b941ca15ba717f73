package sqsqueue

import (
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
)

// retryDelay is the delay suggested for transient failures the SDK's own retries did not cure.
const retryDelay = time.Second

var delays = awserr.Delays{Throttle: retryDelay, Retry: retryDelay}

// errorKinds is SQS's error-code table. SQS speaks JSON but may still report the legacy Query
// codes ("AWS.SimpleQueueService.…"), so every code is listed in both spellings. A missing
// queue (QueueDoesNotExist / NonExistentQueue), AccessDenied and Kms* are configuration, left
// transient, not NotFound.
var errorKinds = bothSpellings(map[string]awserr.Kind{
	"ReceiptHandleIsInvalid":         awserr.Conflict, // the receipt is no longer valid
	"MessageNotInflight":             awserr.Conflict,
	"RequestThrottled":               awserr.Throttled,
	"ThrottlingException":            awserr.Throttled,
	"KmsThrottled":                   awserr.Throttled,
	"OverLimit":                      awserr.Throttled,
	"InvalidParameterValue":          awserr.Permanent,
	"InvalidParameterValueException": awserr.Permanent,
	"InvalidParameterCombination":    awserr.Permanent,
	"MissingParameter":               awserr.Permanent,
	"InvalidMessageContents":         awserr.Permanent,
	"InvalidAttributeValue":          awserr.Permanent,
	"InvalidAttributeName":           awserr.Permanent,
	"UnsupportedOperation":           awserr.Permanent,
	"InvalidAddress":                 awserr.Permanent,
	"ValidationError":                awserr.Permanent,
	"ValidationException":            awserr.Permanent,
	"InternalError":                  awserr.Retry,
	"InternalFailure":                awserr.Retry,
	"ServiceUnavailable":             awserr.Retry,
})

func bothSpellings(kinds map[string]awserr.Kind) map[string]awserr.Kind {
	out := make(map[string]awserr.Kind, 2*len(kinds))
	for code, k := range kinds {
		out[code], out["AWS.SimpleQueueService."+code] = k, k
	}
	return out
}

// classify maps an SQS error onto the domain's error kinds, once, with op as context.
func classify(op string, err error) error {
	return awserr.Classify(err, op, errorKinds, delays)
}
