// Package awserr is the one mapping from an AWS error kind to the domain's error types, shared
// by the per-service adapters; each adapter keeps its own table from error codes to kinds.
package awserr

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go"

	"github.com/cloudfront-manager/cfm/domain"
)

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
)

// Delays are the retry delays suggested for throttling and self-clearing conflicts.
type Delays struct {
	Throttle, Conflict time.Duration
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
