package s3buckets

import (
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
)

const (
	throttleDelay = 5 * time.Second
	abortedDelay  = 30 * time.Second
)

type errorKind = awserr.Kind

// The shared kinds S3's table uses.
const (
	notFound          = awserr.NotFound
	conflict          = awserr.Conflict
	conflictRetry     = awserr.ConflictRetry
	permanentConflict = awserr.PermanentConflict
	throttled         = awserr.Throttled
	forbidden         = awserr.Forbidden
	permanent         = awserr.Permanent
)

var delays = awserr.Delays{Throttle: throttleDelay, Conflict: abortedDelay}

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
	return awserr.Classify(err, fmt.Sprintf(format, args...), errorKinds, delays)
}
