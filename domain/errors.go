package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors for expected states. Test them with errors.Is.
var (
	// ErrNotFound: the resource does not exist (or is already gone).
	ErrNotFound = errors.New("not found")
	// ErrConflict: a conditional write lost (stale version, duplicate key, resource in use).
	ErrConflict = errors.New("conflict")
	// ErrAlreadyExists: a create found the resource already there.
	ErrAlreadyExists = errors.New("already exists")
	// ErrPreconditionFailed: a cloud write carried a stale ETag.
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrThrottled: the cloud asked us to slow down.
	ErrThrottled = errors.New("throttled")
	// ErrUnauthenticated: no valid identity.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrForbidden: an identity without the right to act.
	ErrForbidden = errors.New("forbidden")
)

// FieldError names one offending input field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError is bad input: it maps to 400 and names every offending field.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Message)
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records one more offending field.
func (e *ValidationError) Add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// OrNil returns the error when a field was recorded, nil otherwise.
func (e *ValidationError) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid is a shorthand for a one-field ValidationError.
func Invalid(field, format string, args ...any) error {
	v := &ValidationError{}
	v.Add(field, format, args...)
	return v
}

// PolicyViolation is a request the platform team's guardrails forbid: it maps to 422.
type PolicyViolation struct {
	Rule    string // the policy rule, e.g. "viewerProtocolPolicy"
	Field   string // the request field that contradicts it
	Message string
}

func (e *PolicyViolation) Error() string {
	return fmt.Sprintf("policy %s: %s", e.Rule, e.Message)
}

// AlreadyExistsError is a create whose resource already exists; ExistingID recovers it.
type AlreadyExistsError struct {
	ExistingID string
	Err        error
}

func (e *AlreadyExistsError) Error() string {
	return fmt.Sprintf("already exists (%s): %v", e.ExistingID, e.Err)
}
func (e *AlreadyExistsError) Unwrap() error        { return e.Err }
func (e *AlreadyExistsError) Is(target error) bool { return target == ErrAlreadyExists }

// PermanentError will fail the same way on every retry: fail the operation, ack the message.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks err as not worth retrying.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// IsPermanent reports whether err (or anything it wraps) is permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// RetryAfterError asks for another attempt after a delay.
type RetryAfterError struct {
	Err   error
	After time.Duration
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
}
func (e *RetryAfterError) Unwrap() error { return e.Err }

// RetryAfter marks err as transient with a suggested delay.
func RetryAfter(err error, d time.Duration) error {
	if err == nil {
		return nil
	}
	return &RetryAfterError{Err: err, After: d}
}

// RetryDelay returns the delay err asks for, if it is a RetryAfterError.
func RetryDelay(err error) (time.Duration, bool) {
	var r *RetryAfterError
	if errors.As(err, &r) {
		return r.After, true
	}
	return 0, false
}
