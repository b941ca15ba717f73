// Package awserr is the one mapping from an AWS error kind to the domain's error types, shared
// by the per-service adapters; each adapter keeps its own table from error codes to kinds.
package awserr

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/cloudfront-manager/cfm/domain"
)

// ErrUnsupportedAPI is a call the endpoint does not implement: an emulator that lacks the API
// (moto 5.2.5 has no origin request policies and no PublishFunction, and fails UpdateFunction)
// answers with an HTML page where AWS always sends an error document. Every retry would fail
// the same way, so it is permanent.
var ErrUnsupportedAPI = errors.New("unsupported API")

// unsupported reports a response that is no AWS error at all: HTTP 404, 405, 500 or 501 with
// an HTML body.
func unsupported(err error) bool {
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.Response == nil || re.Response.Response == nil {
		return false
	}
	switch re.HTTPStatusCode() {
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusInternalServerError, http.StatusNotImplemented:
	default:
		return false
	}
	return strings.HasPrefix(strings.ToLower(re.Response.Header.Get("Content-Type")), "text/html")
}

// Kind is what an AWS error code means for the caller.
type Kind int

const (
	// Transient is the default: retried with the queue's backoff.
	Transient Kind = iota
	NotFound
	PreconditionFailed
	PermanentPrecondition
	Conflict
	ConflictRetry // a conflict that clears by itself: retry after Delays.Conflict
	PermanentConflict
	Throttled
	Forbidden
	Permanent
	AlreadyExists // domain.ErrAlreadyExists (adapters that know the existing id build an AlreadyExistsError instead)
	Retry         // transient, retried after Delays.Retry (a service-side failure the SDK's retries did not cure)
)

// Delays are the retry delays suggested for throttling, self-clearing conflicts and
// service-side failures.
type Delays struct {
	Throttle, Conflict, Retry time.Duration
}

// Classify maps err from an AWS call to the domain's errors, prefixed with what, keeping err
// in the chain: the SDK's client-side validation failure is permanent, an exhausted client
// retry quota is throttling, an API error takes the kind kinds gives its code (codes not
// listed are Transient), anything else is wrapped as it is.
func Classify(err error, what string, kinds map[string]Kind, d Delays) error {
	if err == nil {
		return nil
	}
	if IsInvalidParams(err) {
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	}
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return Wrap(Throttled, what, err, d)
	}
	code := Code(err)
	if code == "" && unsupported(err) {
		return domain.Permanent(fmt.Errorf("%s: %w: the endpoint answered with a web page, not an AWS error (an emulator without this API?): %w",
			what, ErrUnsupportedAPI, err))
	}
	if code == "" {
		return fmt.Errorf("%s: %w", what, err)
	}
	return Wrap(kinds[code], what, err, d)
}

// Wrap returns err as the domain error of kind, prefixed with what, keeping err in the chain.
func Wrap(kind Kind, what string, err error, d Delays) error {
	switch kind {
	case NotFound:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrNotFound, err)
	case PreconditionFailed:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrPreconditionFailed, err)
	case PermanentPrecondition:
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrPreconditionFailed, err))
	case Conflict:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err)
	case ConflictRetry:
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err), d.Conflict)
	case PermanentConflict:
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrConflict, err))
	case Throttled:
		return domain.RetryAfter(fmt.Errorf("%s: %w: %w", what, domain.ErrThrottled, err), d.Throttle)
	case Forbidden:
		return domain.Permanent(fmt.Errorf("%s: %w: %w", what, domain.ErrForbidden, err))
	case Permanent:
		return domain.Permanent(fmt.Errorf("%s: %w", what, err))
	case AlreadyExists:
		return fmt.Errorf("%s: %w: %w", what, domain.ErrAlreadyExists, err)
	case Retry:
		return domain.RetryAfter(fmt.Errorf("%s: %w", what, err), d.Retry)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Code is the AWS error code of err, or "" when err is not an AWS API error.
func Code(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// Message is the AWS error message of err, or "".
func Message(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorMessage()
	}
	return ""
}

// IsInvalidParams reports the SDK's client-side validation failure (a required member
// missing), which the SDK returns by value.
func IsInvalidParams(err error) bool {
	var byValue smithy.InvalidParamsError
	var byPointer *smithy.InvalidParamsError
	return errors.As(err, &byValue) || errors.As(err, &byPointer)
}
