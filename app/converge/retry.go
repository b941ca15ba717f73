package converge

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// settle turns a convergence error into the queue outcome. A permanent error fails the
// operation (ack). Any other error is recorded on the operation (attempts, last error) and
// retried, within bounds: a transient error (one that asks for a delay, throttling, a lost
// race, a stale ETag, a call cut short) until the deadline or the attempt limit; any other
// error until it recurs unchanged Retry.SameErrorLimit() times in a row, and then the
// operation fails with it.
func (w Worker) settle(ctx context.Context, op *domain.Operation, cause error) error {
	if domain.IsPermanent(cause) {
		return w.fail(ctx, op, cause)
	}
	msg := cause.Error()
	switch {
	case transient(cause):
		op.ErrorRepeats = 0
	case op.LastError != "" && signature(op.LastError) == signature(msg):
		op.ErrorRepeats++
	default:
		op.ErrorRepeats = 1
	}
	op.LastError = msg
	if limit := w.Retry.SameErrorLimit(); op.ErrorRepeats >= limit {
		return w.fail(ctx, op, fmt.Errorf("failed %d times in a row with the same error: %w", op.ErrorRepeats, cause))
	}
	if op.Attempts >= w.Retry.AttemptLimit() {
		return w.fail(ctx, op, w.gaveUp(*op))
	}
	w.Logger().WarnContext(ctx, "operation step failed; will retry", "operation", op.ID, "attempt", op.Attempts,
		"repeats", op.ErrorRepeats, "error", cause)
	op.UpdatedAt = w.Now()
	if err := w.Store.Write(ctx, shared.PutOperation(op)); err != nil && !errors.Is(err, domain.ErrConflict) {
		return errors.Join(cause, err)
	}
	return cause
}

// gaveUp is the final error of an operation that used up its attempts.
func (w Worker) gaveUp(op domain.Operation) error {
	last := op.LastError
	if last == "" {
		last = "none recorded (every attempt was cut short)"
	}
	return fmt.Errorf("gave up after %d attempts; last error: %s", op.Attempts, last)
}

// transient reports an error that clears by itself: it names a retry delay, or it is
// throttling, a lost conditional write, a stale ETag, or a call cut short by the caller's
// deadline (the next attempt starts with a fresh one).
func transient(err error) bool {
	if _, ok := domain.RetryDelay(err); ok {
		return true
	}
	for _, e := range []error{domain.ErrThrottled, domain.ErrConflict, domain.ErrPreconditionFailed,
		context.DeadlineExceeded, context.Canceled} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// requestID matches the per-request parts of an AWS SDK error message, which differ between
// two occurrences of the same error.
var requestID = regexp.MustCompile(`(?i)(request ?id|host ?id|x-amz-[a-z0-9-]+): *[^,;\s]+`)

// signature is an error message without its per-request ids: two attempts failing with the
// same signature failed the same way.
func signature(msg string) string { return requestID.ReplaceAllString(msg, "$1") }

// DeadLetter ends the operation of a command that reached a dead-letter queue: the queue gave
// up delivering it (a body the worker could load but never settle, a crash or timeout on every
// delivery), so the operation fails now, with that reason, instead of at its deadline. An
// operation that is gone or already finished is left alone.
func (w Worker) DeadLetter(ctx context.Context, cmd events.Command) error {
	op, err := shared.Load[domain.Operation](ctx, w.Store, domain.KindOperation, cmd.OperationID)
	if errors.Is(err, domain.ErrNotFound) {
		w.Logger().WarnContext(ctx, "dead letter for an unknown operation dropped", "operation", cmd.OperationID)
		return nil
	}
	if err != nil {
		return err
	}
	if op.Status.Done() {
		return nil
	}
	last := op.LastError
	if last == "" {
		last = "none recorded"
	}
	return w.fail(ctx, &op, fmt.Errorf("its %s command reached the dead-letter queue after the queue's receive limit (%d attempts recorded); last error: %s",
		cmd.Type, op.Attempts, last))
}
