package lambdaedge

import (
	"fmt"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
)

// Suggested delays for transient states.
const (
	// ReplicaDelay: CloudFront removes Lambda@Edge replicas "within a few hours" after the last
	// association is gone; until then DeleteFunction fails.
	ReplicaDelay  = 30 * time.Minute
	throttleDelay = 5 * time.Second
	settleDelay   = 10 * time.Second
)

var delays = awserr.Delays{Throttle: throttleDelay, Conflict: settleDelay, Retry: settleDelay}

// errorKinds is Lambda's error-code table (InvalidParameterValueException is read with its
// message first, see classify).
var errorKinds = map[string]awserr.Kind{
	"ResourceNotFoundException": awserr.NotFound,
	// an update or a state transition is in progress; it settles by itself
	"ResourceConflictException":       awserr.ConflictRetry,
	"ResourceInUseException":          awserr.ConflictRetry,
	"ResourceNotReadyException":       awserr.ConflictRetry,
	"PreconditionFailedException":     awserr.PreconditionFailed,
	"TooManyRequestsException":        awserr.Throttled,
	"ThrottlingException":             awserr.Throttled,
	"EC2ThrottledException":           awserr.Throttled,
	"AccessDeniedException":           awserr.Forbidden,
	"InvalidParameterValueException":  awserr.Permanent,
	"InvalidRequestContentException":  awserr.Permanent,
	"RequestTooLargeException":        awserr.Permanent,
	"CodeStorageExceededException":    awserr.Permanent,
	"CodeVerificationFailedException": awserr.Permanent,
	"InvalidCodeSignatureException":   awserr.Permanent,
	"ValidationException":             awserr.Permanent,
}

// classify maps Lambda's errors once, keeping the AWS error in the chain. Two
// InvalidParameterValueExceptions clear by themselves: replicas of a function CloudFront still
// holds, and a role created moments ago that Lambda cannot assume yet (IAM is eventually
// consistent).
func classify(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	what := fmt.Sprintf(format, args...)
	if awserr.Code(err) == "InvalidParameterValueException" {
		msg := strings.ToLower(awserr.Message(err))
		switch {
		case strings.Contains(msg, "replicated function"):
			return awserr.Wrap(awserr.ConflictRetry, what+": replicas still exist", err, awserr.Delays{Conflict: ReplicaDelay})
		case strings.Contains(msg, "cannot be assumed"):
			return awserr.Wrap(awserr.Retry, what, err, delays)
		}
	}
	return awserr.Classify(err, what, errorKinds, delays)
}
