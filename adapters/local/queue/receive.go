package queue

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Delivery is one received message. Ack or Release it with Receipt.
type Delivery struct {
	ID      string
	Receipt string
	Body    []byte
	Group   string
	// ReceiveCount counts deliveries of this message, this one included.
	ReceiveCount int
	SentAt       time.Time
}

// Receive delivers up to maxMessages (capped to 1..10) visible messages and hides each for visibility.
// It seeks the visibility index from its start and stops at the first message that is not
// yet visible, so its cost does not grow with messages in flight or delayed. A message that
// was already delivered MaxReceives times moves to "<name>-dlq" instead of being delivered.
func (q *Queue) Receive(ctx context.Context, name string, maxMessages int, visibility time.Duration) ([]Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("receive from %s: %w", name, err)
	}
	if visibility < 0 || visibility > MaxVisibility {
		return nil, fmt.Errorf("receive from %s: %w", name,
			domain.Invalid("visibility", "must be between 0 and %s, got %s", MaxVisibility, visibility))
	}
	n := min(MaxBatch, max(1, maxMessages))
	fifo := q.isFIFO(name)
	now := unixNano(q.now())
	if visible, err := q.anyVisible(name, now); err != nil || !visible {
		return nil, err
	}
	var out []Delivery
	var deadLettered bool
	// Through the group commit, as sends are: a delivery shares its commit (and sync) with
	// the accepts and other deliveries waiting for the writer (its function may run again).
	err := q.commits.Do(func(tx *bolt.Tx) error {
		out, deadLettered = nil, false
		b, ok, err := openBuckets(tx, name, false)
		if err != nil || !ok {
			return err
		}
		seen := map[uint64]bool{}
		for len(out) < n {
			due := visibleNow(b, now, n-len(out), seen)
			if len(due) == 0 {
				return nil
			}
			for _, seq := range due {
				seen[seq] = true
				r, found, err := b.load(seq)
				if err != nil {
					return err
				}
				if !found {
					return fmt.Errorf("visibility index points at missing message %d", seq)
				}
				if !isDLQ(name) && r.ReceiveCount >= q.opts.MaxReceives {
					if err := q.deadLetter(tx, b, name, seq, r, fifo, now); err != nil {
						return err
					}
					deadLettered = true
					continue
				}
				d, err := deliver(b, seq, r, now, visibility)
				if err != nil {
					return err
				}
				out = append(out, d)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("receive from %s: %w", name, err)
	}
	if deadLettered {
		q.notify(name + DLQSuffix)
		q.notify(name) // the next message of a dead-lettered FIFO head is visible now
	}
	return out, nil
}

// anyVisible reports, in a read transaction, whether name has a message visible at now. An
// empty poll (most polls, when the product is idle) then costs a read, not a write: the write
// lock and its sync are shared with every accept, the queue living in the store's file.
func (q *Queue) anyVisible(name string, now int64) (bool, error) {
	visible := false
	err := q.db.View(func(tx *bolt.Tx) error {
		b, ok, err := openBuckets(tx, name, false)
		if err != nil || !ok {
			return err
		}
		visible = len(visibleNow(b, now, 1, nil)) > 0
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("receive from %s: %w", name, err)
	}
	return visible, nil
}

// visibleNow lists up to n messages visible at now, oldest visibility first, skipping seen.
func visibleNow(b qbuckets, now int64, n int, seen map[uint64]bool) []uint64 {
	var due []uint64
	c := b.vis.Cursor()
	for k, _ := c.First(); k != nil && len(due) < n; k, _ = c.Next() {
		at, seq := parseVisKey(k)
		if at > now {
			break
		}
		if !seen[seq] {
			due = append(due, seq)
		}
	}
	return due
}

// deliver hides the message until now+visibility under a fresh receipt.
func deliver(b qbuckets, seq uint64, r record, now int64, visibility time.Duration) (Delivery, error) {
	receipt, err := newReceipt(seq, r.ReceiveCount+1)
	if err != nil {
		return Delivery{}, err
	}
	if err := b.vis.Delete(visKey(r.VisibleAt, seq)); err != nil {
		return Delivery{}, err
	}
	r.ReceiveCount++
	r.Receipt = receipt
	r.VisibleAt = now + int64(visibility)
	if err := b.vis.Put(visKey(r.VisibleAt, seq), nil); err != nil {
		return Delivery{}, err
	}
	if err := b.store(seq, r); err != nil {
		return Delivery{}, err
	}
	return Delivery{ID: r.ID, Receipt: receipt, Body: bytes.Clone(r.Body), Group: r.Group,
		ReceiveCount: r.ReceiveCount, SentAt: time.Unix(0, r.SentAt)}, nil
}

// deadLetter moves a message to the dead-letter queue in the same transaction, keeping its
// id, group, body and send time; its receive count starts again at 0.
func (q *Queue) deadLetter(tx *bolt.Tx, b qbuckets, name string, seq uint64, r record, fifo bool, now int64) error {
	if err := remove(b, seq, r, fifo, now); err != nil {
		return err
	}
	dlq, _, err := openBuckets(tx, name+DLQSuffix, true)
	if err != nil {
		return err
	}
	moved := record{ID: r.ID, Group: r.Group, DedupID: r.DedupID, Body: r.Body, SentAt: r.SentAt}
	if err := enqueue(dlq, moved, now, fifo); err != nil {
		return fmt.Errorf("dead-letter message %s: %w", r.ID, err)
	}
	return nil
}
