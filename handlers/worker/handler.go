// Package worker is the queue transport of the worker: it decodes commands and hands them to
// the use case, on SQS (Lambda event source, partial batch failures) or on a polled queue.
package worker

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/cloudfront-manager/cfm/events"
)

// Executor handles one command; nil = done, error = try again later.
type Executor interface {
	Handle(ctx context.Context, cmd events.Command) error
}

// Handler runs commands from message bodies.
type Handler struct {
	Exec Executor
	Log  *slog.Logger
}

// HandleBody decodes one message body and executes it. A body that does not decode is an
// error too: it is retried and lands in the dead-letter queue after the receive limit.
func (h Handler) HandleBody(ctx context.Context, body []byte) error {
	cmd, err := events.ParseCommand(body)
	if err != nil {
		return fmt.Errorf("poison message: %w", err)
	}
	return h.Exec.Handle(ctx, cmd)
}

func (h Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.Default()
	}
	return h.Log
}
