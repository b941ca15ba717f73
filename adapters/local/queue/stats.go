package queue

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Stats describe one queue (like SQS ApproximateNumberOfMessages*), for tests and /healthz.
type Stats struct {
	// Messages is every message stored in the queue.
	Messages int
	// InFlight were delivered and are hidden by their visibility timeout.
	InFlight int
	// Delayed were never delivered and are not visible yet (a standard queue's Delay).
	Delayed int
}

// Visible is the rest: messages a Receive could deliver now or once their FIFO group frees.
func (s Stats) Visible() int { return s.Messages - s.InFlight - s.Delayed }

// Len returns the number of messages in the queue, read from a counter.
func (q *Queue) Len(ctx context.Context, name string) (int, error) {
	s, err := q.stats(ctx, name, false)
	return s.Messages, err
}

// Stats counts the queue's messages; it walks only the messages that are not visible yet.
func (q *Queue) Stats(ctx context.Context, name string) (Stats, error) {
	return q.stats(ctx, name, true)
}

func (q *Queue) stats(ctx context.Context, name string, hidden bool) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("stats of %s: %w", name, err)
	}
	now := unixNano(q.now())
	var s Stats
	err := q.db.View(func(tx *bolt.Tx) error {
		b, ok, err := openBuckets(tx, name, false)
		if err != nil || !ok {
			return err
		}
		s.Messages = int(b.count())
		if !hidden {
			return nil
		}
		c := b.vis.Cursor()
		for k, _ := c.Seek(visKey(now+1, 0)); k != nil; k, _ = c.Next() {
			_, seq := parseVisKey(k)
			r, found, err := b.load(seq)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("visibility index points at missing message %d", seq)
			}
			if r.ReceiveCount > 0 {
				s.InFlight++
			} else {
				s.Delayed++
			}
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats of %s: %w", name, err)
	}
	return s, nil
}
