// Package worker is the queue transport of the worker: it decodes commands and hands them to
// the use case, on SQS (Lambda event source, partial batch failures) or on a polled queue.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// Executor handles one command; nil = done, error = try again later.
type Executor interface {
	Handle(ctx context.Context, cmd events.Command) error
}

// DeadLetters ends the operation of a command that reached a dead-letter queue.
type DeadLetters interface {
	DeadLetter(ctx context.Context, cmd events.Command) error
}

// DLQSuffix names a queue's dead-letter queue ("commands" + DLQSuffix), as both queue
// adapters do.
const DLQSuffix = "-dlq"

// IsDeadLetterQueue reports whether a queue name is a dead-letter queue's.
func IsDeadLetterQueue(name string) bool { return strings.HasSuffix(name, DLQSuffix) }

// errPoison marks a body that is no command: it never will be, so it is retried at once and
// reaches the dead-letter queue after the receive limit without waiting.
var errPoison = errors.New("poison message")

// Handler runs commands from message bodies.
type Handler struct {
	Exec Executor
	// DeadLetters handles what arrives on a dead-letter queue.
	DeadLetters DeadLetters
	// Queues, when set, lets the SQS handler make a failed message visible again after the
	// delay its error asks for.
	Queues Queues
	// Reserve is how much time before the Lambda deadline the SQS handler stops starting
	// messages (default DefaultReserve).
	Reserve time.Duration
	Log     *slog.Logger
}

// HandleBody decodes one message body and executes it. A body that does not decode is an
// error too: it is retried and lands in the dead-letter queue after the receive limit. A
// panic is recovered and returned as this message's error.
func (h Handler) HandleBody(ctx context.Context, body []byte) error {
	return h.safely(ctx, body, h.Exec.Handle)
}

// HandleDeadLetter fails the operation of a body that reached a dead-letter queue. A body that
// is no command is logged and dropped: there is no operation to end, and nothing would ever
// decode it.
func (h Handler) HandleDeadLetter(ctx context.Context, body []byte) error {
	if h.DeadLetters == nil {
		return errors.New("dead letter received but no dead-letter handler is configured")
	}
	err := h.safely(ctx, body, h.DeadLetters.DeadLetter)
	if errors.Is(err, errPoison) {
		h.log().ErrorContext(ctx, "undecodable dead letter dropped", "bytes", len(body), "error", err)
		return nil
	}
	return err
}

func (h Handler) safely(ctx context.Context, body []byte, run func(context.Context, events.Command) error) (err error) {
	cmd, err := events.ParseCommand(body)
	if err != nil {
		return fmt.Errorf("%w: %w", errPoison, err)
	}
	defer func() {
		if p := recover(); p != nil {
			h.log().ErrorContext(ctx, "command panicked", "operation", cmd.OperationID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("command for %s panicked: %v", cmd.OperationID, p)
		}
	}()
	return run(ctx, cmd)
}

// RetryDelay is when a failed message is delivered again: after the delay its error asks for,
// at once for a poison message (it goes to the dead-letter queue without waiting), else after
// a backoff that grows with its receive count.
func RetryDelay(err error, receiveCount int) time.Duration {
	if d, ok := domain.RetryDelay(err); ok {
		return d
	}
	if errors.Is(err, errPoison) {
		return 0
	}
	return backoff(receiveCount)
}

// backoff is 1 s, 2 s, 4 s … capped at one minute.
func backoff(receiveCount int) time.Duration {
	d := time.Second
	for i := 1; i < receiveCount && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

func (h Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.Default()
	}
	return h.Log
}
