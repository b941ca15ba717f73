package queue

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Ack deletes a delivered message. A receipt whose message is gone (acked, dead-lettered)
// is an error that Is domain.ErrNotFound; one from an older delivery of a message that was
// received again since, domain.ErrConflict (the newer delivery owns the message).
func (q *Queue) Ack(ctx context.Context, name, receipt string) error {
	fifo := q.isFIFO(name)
	err := q.withReceipt(ctx, name, receipt, func(b qbuckets, seq uint64, r record, now int64) error {
		return remove(b, seq, r, fifo, now)
	})
	if err != nil {
		return fmt.Errorf("ack %s on %s: %w", receipt, name, err)
	}
	if fifo {
		q.notify(name) // the next message of the group is visible now
	}
	return nil
}

// Release makes a delivered message visible again after delay (SQS ChangeMessageVisibility);
// 0 returns it to the queue at once. Its receive count is kept, and so is its receipt.
func (q *Queue) Release(ctx context.Context, name, receipt string, delay time.Duration) error {
	if delay < 0 || delay > MaxVisibility {
		return fmt.Errorf("release %s on %s: %w", receipt, name,
			domain.Invalid("delay", "must be between 0 and %s, got %s", MaxVisibility, delay))
	}
	err := q.withReceipt(ctx, name, receipt, func(b qbuckets, seq uint64, r record, now int64) error {
		if err := b.vis.Delete(visKey(r.VisibleAt, seq)); err != nil {
			return err
		}
		r.VisibleAt = now + int64(delay)
		if err := b.vis.Put(visKey(r.VisibleAt, seq), nil); err != nil {
			return err
		}
		return b.store(seq, r)
	})
	if err != nil {
		return fmt.Errorf("release %s on %s: %w", receipt, name, err)
	}
	q.notify(name)
	return nil
}

// withReceipt runs fn in a write transaction (through the group commit, as sends are) on the
// message the receipt currently owns.
func (q *Queue) withReceipt(ctx context.Context, name, receipt string, fn func(b qbuckets, seq uint64, r record, now int64) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	seq, ok := parseReceipt(receipt)
	if !ok {
		return domain.Invalid("receipt", "not a receipt of this queue")
	}
	now := unixNano(q.now())
	return q.commits.Do(func(tx *bolt.Tx) error {
		b, ok, err := openBuckets(tx, name, false)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("queue %s: %w", name, domain.ErrNotFound)
		}
		r, found, err := b.load(seq)
		if err != nil {
			return err
		}
		switch {
		case !found:
			return fmt.Errorf("message gone (acked or dead-lettered): %w", domain.ErrNotFound)
		case r.Receipt != receipt:
			return fmt.Errorf("message %s was received again since: %w", r.ID, domain.ErrConflict)
		}
		return fn(b, seq, r, now)
	})
}
