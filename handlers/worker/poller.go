package worker

import (
	"context"
	"time"
)

// Delivery is one received message.
type Delivery struct {
	Receipt      string
	Body         []byte
	ReceiveCount int
}

// Source is a queue the poller receives from (the embedded queue, or SQS without Lambda).
type Source interface {
	Receive(ctx context.Context, queue string, max int, visibility time.Duration) ([]Delivery, error)
	Ack(ctx context.Context, queue, receipt string) error
	Release(ctx context.Context, queue, receipt string, delay time.Duration) error
}

// Poller receives from one queue until ctx ends, acking what succeeds and releasing what fails
// after RetryDelay, as the SQS handler does; on a dead-letter queue it fails the operations.
type Poller struct {
	Handler    Handler
	Source     Source
	Queue      string
	Batch      int
	Visibility time.Duration
	// Idle is the pause after an empty receive.
	Idle time.Duration
}

// handle runs one body: a dead letter on a dead-letter queue, a command elsewhere.
func (p Poller) handle(ctx context.Context, body []byte) error {
	if IsDeadLetterQueue(p.Queue) {
		return p.Handler.HandleDeadLetter(ctx, body)
	}
	return p.Handler.HandleBody(ctx, body)
}

// Run polls until ctx is cancelled.
func (p Poller) Run(ctx context.Context) {
	for ctx.Err() == nil {
		ds, err := p.Source.Receive(ctx, p.Queue, max(p.Batch, 1), p.Visibility)
		if err != nil {
			if ctx.Err() == nil {
				p.Handler.log().ErrorContext(ctx, "receive failed", "queue", p.Queue, "error", err)
			}
			sleep(ctx, time.Second)
			continue
		}
		if len(ds) == 0 {
			sleep(ctx, p.Idle)
			continue
		}
		for _, d := range ds {
			p.process(ctx, d)
		}
	}
}

func (p Poller) process(ctx context.Context, d Delivery) {
	err := p.handle(ctx, d.Body)
	if err == nil {
		if err := p.Source.Ack(ctx, p.Queue, d.Receipt); err != nil {
			p.Handler.log().WarnContext(ctx, "ack failed; the message will be delivered again", "queue", p.Queue, "error", err)
		}
		return
	}
	delay := RetryDelay(err, d.ReceiveCount)
	p.Handler.log().WarnContext(ctx, "message failed; retrying", "queue", p.Queue, "receiveCount", d.ReceiveCount, "delay", delay, "error", err)
	if err := p.Source.Release(ctx, p.Queue, d.Receipt, delay); err != nil {
		p.Handler.log().WarnContext(ctx, "release failed; the visibility timeout will return it", "error", err)
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
