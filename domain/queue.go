package domain

import (
	"context"
	"time"
)

// Queue names.
const (
	// QueueCommands is FIFO: one writer per resource (MessageGroupId), dedup by operation id.
	QueueCommands = "commands"
	// QueuePolls is a standard queue with per-message delay: deployment polls.
	QueuePolls = "polls"
)

// MaxReceives is how often a queue delivers a message before it moves it to the dead-letter
// queue (SQS maxReceiveCount). Waiting is not what it bounds: a retry the worker asks for
// changes the message's visibility (one receive per retry), the operation counts its own
// attempts and fails after at most 40 (app/shared.RetryLimits), and a message behind a failed
// one in its FIFO group is received again with it, so 100 leaves room for both. What reaches
// the dead-letter queue is what the worker could not handle at all (a body that is no command,
// a store it cannot reach, a crash or timeout on every delivery).
const MaxReceives = 100

// Message is one command sent to a queue.
type Message struct {
	// Group orders messages (FIFO queue only): the resource id.
	Group string
	// DedupID drops a second message with the same id (FIFO queue only).
	DedupID string
	Body    []byte
	// Delay holds the message back (standard queue only; at most 15 minutes on SQS).
	Delay time.Duration
}

// Sender sends commands to a queue.
type Sender interface {
	Send(ctx context.Context, queue string, m Message) error
}
