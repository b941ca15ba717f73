package cloudfront

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"

	"github.com/cloudfront-manager/cfm/domain"
)

// Retry delays suggested to the worker for transient AWS states.
const (
	throttleDelay      = 10 * time.Second
	invalidationsDelay = 2 * time.Minute
)

// errorKinds is CloudFront's error-code table. Codes not listed are transient (retried as-is).
var errorKinds = map[string]errorKind{
	"NoSuchDistribution":        notFound,
	"NoSuchOriginAccessControl": notFound,
	"NoSuchInvalidation":        notFound,
	"NoSuchFunctionExists":      notFound,
	"NoSuchOriginRequestPolicy": notFound,
	"NoSuchResource":            notFound,
	"EntityNotFound":            notFound,

	"DistributionAlreadyExists":          alreadyExists,
	"OriginAccessControlAlreadyExists":   alreadyExists,
	"FunctionAlreadyExists":              alreadyExists,
	"OriginRequestPolicyAlreadyExists":   alreadyExists,
	"ResponseHeadersPolicyAlreadyExists": alreadyExists,
	"EntityAlreadyExists":                alreadyExists,
	"InvalidationBatchAlreadyExists":     permanentConflict, // same reference, different paths
	"CNAMEAlreadyExists":                 permanentConflict,
	"IllegalUpdate":                      permanent,
	"PreconditionFailed":                 preconditionFailed,
	"InvalidIfMatchVersion":              permanentPrecondition,
	"DistributionNotDisabled":            conflict,
	"OriginAccessControlInUse":           conflict,
	"FunctionInUse":                      conflict,
	"OriginRequestPolicyInUse":           conflict,
	"ResponseHeadersPolicyInUse":         conflict,
	"IllegalDelete":                      conflict,
	"TooManyInvalidationsInProgress":     conflictRetry,
	"Throttling":                         throttled,
	"ThrottlingException":                throttled,
	"TooManyRequestsException":           throttled,
	"RequestLimitExceeded":               throttled,
	"SlowDown":                           throttled,
	"AccessDenied":                       forbidden,
	"AccessDeniedException":              forbidden,
	"InvalidArgument":                    permanent,
	"MissingBody":                        permanent,
	"MalformedInput":                     permanent,
	"InconsistentQuantities":             permanent,
	"InvalidOrigin":                      permanent,
	"InvalidOriginAccessControl":         permanent,
	"InvalidViewerCertificate":           permanent,
	"InvalidWebACLId":                    permanent,
	"InvalidLambdaFunctionAssociation":   permanent,
	"InvalidFunctionAssociation":         permanent,
	"InvalidDefaultRootObject":           permanent,
	"InvalidErrorCode":                   permanent,
	"InvalidResponseCode":                permanent,
	"InvalidRelativePath":                permanent,
	"InvalidMinimumProtocolVersion":      permanent,
	"InvalidProtocolSettings":            permanent,
	"InvalidTagging":                     permanent,
	"InvalidLocationCode":                permanent,
	"InvalidGeoRestrictionParameter":     permanent,
	"InvalidOriginKeepaliveTimeout":      permanent,
	"InvalidOriginReadTimeout":           permanent,
	"IllegalFieldLevelEncryptionConfig":  permanent,
	"NoSuchOrigin":                       permanent, // the behavior targets an origin not in the config
	"NoSuchCachePolicy":                  permanent,
	"NoSuchResponseHeadersPolicy":        permanent,
	"TrustedSignerDoesNotExist":          permanent,
	"FunctionSizeLimitExceeded":          permanent,
	"UnsupportedOperation":               permanent,
}

type errorKind = awserr.Kind

// The kinds of CloudFront error codes; alreadyExists is CloudFront's own (the id is in the
// message), the rest are the shared kinds.
const (
	notFound              = awserr.NotFound
	preconditionFailed    = awserr.PreconditionFailed
	permanentPrecondition = awserr.PermanentPrecondition
	conflict              = awserr.Conflict
	conflictRetry         = awserr.ConflictRetry
	permanentConflict     = awserr.PermanentConflict
	throttled             = awserr.Throttled
	forbidden             = awserr.Forbidden
	permanent             = awserr.Permanent
	alreadyExists         = awserr.Retry + 1
)

var delays = awserr.Delays{Throttle: throttleDelay, Conflict: invalidationsDelay}

// classify maps err from a CloudFront call to the domain's errors, keeping the AWS error in
// the chain, and prefixes what was being done.
func classify(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	what := fmt.Sprintf(format, args...)
	code := awserr.Code(err)
	kind, ok := errorKinds[code]
	switch {
	case kind == alreadyExists:
		return fmt.Errorf("%s: %w", what, &domain.AlreadyExistsError{ExistingID: existingID(awserr.Message(err)), Err: err})
	case !ok && strings.HasPrefix(code, "TooMany"):
		// a quota (TooManyDistributions, TooManyOrigins…): retrying will not help
		return awserr.Wrap(permanent, what, err, delays)
	}
	return awserr.Classify(err, what, errorKinds, delays)
}

// alreadyExistsID finds the existing resource's id in an "already exists" message, e.g.
// "The caller reference that you are using to create a distribution is associated with another
// distribution. Already exists: E2QWRUHAPOMQZL". The id is only in the message.
var (
	alreadyExistsID = regexp.MustCompile(`(?i)already exists[:\s]+\(?([A-Za-z0-9_-]+)\)?`)
	distributionID  = regexp.MustCompile(`\bE[A-Z0-9]{9,20}\b`)
)

func existingID(msg string) string {
	if m := alreadyExistsID.FindStringSubmatch(msg); m != nil && !isWord(m[1]) {
		return m[1]
	}
	if m := distributionID.FindString(msg); m != "" {
		return m
	}
	return ""
}

// isWord tells apart an id from the English that can follow "already exists" ("... already
// exists with the same name").
func isWord(s string) bool {
	switch strings.ToLower(s) {
	case "with", "for", "in", "and", "the", "a", "an", "as", "or":
		return true
	}
	return false
}
