package queue

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Send stores m durably before returning. On a FIFO queue a message whose DedupID was sent
// within the dedup window is dropped and Send still succeeds, like SQS.
func (q *Queue) Send(ctx context.Context, name string, m domain.Message) error {
	return q.SendBatch(ctx, name, []domain.Message{m})
}

// SendBatch stores every message in one commit (SendMessageBatch, without its limit of 10: the
// outbox relay hands over what one accept burst produced). Messages keep their order; the
// duplicates a FIFO queue drops are dropped one by one, the rest is sent.
func (q *Queue) SendBatch(ctx context.Context, name string, ms []domain.Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("send to %s: %w", name, err)
	}
	recs, ms, sent, err := q.prepare(name, ms)
	if err != nil || len(recs) == 0 {
		return err
	}
	now := unixNano(q.now())
	// Concurrent sends share one commit (one fsync for the lot); see groupcommit. The function
	// may run more than once; it only touches tx, so that is safe.
	err = q.commits.Do(func(tx *bolt.Tx) error { return q.put(tx, name, ms, recs, now) })
	if err != nil {
		return fmt.Errorf("send to %s: %w", name, err)
	}
	sent.count(q)
	q.notify(name)
	return nil
}

// SendTx enqueues m inside tx, a read-write transaction on the file the queue was opened in
// with OpenShared: the message is there exactly when tx commits (its receivers are woken then),
// and gone with tx when it rolls back. Same rules as Send (validation, FIFO dedup).
func (q *Queue) SendTx(tx *bolt.Tx, name string, m domain.Message) error {
	recs, ms, sent, err := q.prepare(name, []domain.Message{m})
	if err != nil {
		return err
	}
	if err := q.put(tx, name, ms, recs, unixNano(q.now())); err != nil {
		return fmt.Errorf("send to %s: %w", name, err)
	}
	// Counted on commit: tx may roll back, and a group commit may run this again.
	tx.OnCommit(func() { sent.count(q); q.notify(name) })
	return nil
}

// sendCounts is what one send adds to Duplicated once it is committed.
type sendCounts struct{ offered, copies int64 }

func (c sendCounts) count(q *Queue) {
	if q.opts.DuplicateRate > 0 {
		q.offered.Add(c.offered)
		q.duplicated.Add(c.copies)
	}
}

// prepare validates ms and makes their records (new message ids, bodies copied), with the
// copies Options.DuplicateRate adds and their messages beside, and what they count.
func (q *Queue) prepare(name string, ms []domain.Message) ([]record, []domain.Message, sendCounts, error) {
	fifo := q.isFIFO(name)
	recs := make([]record, len(ms))
	for i, m := range ms {
		if err := validateSend(name, fifo, m); err != nil {
			return nil, nil, sendCounts{}, fmt.Errorf("send to %s: %w", name, err)
		}
		id, err := newMessageID()
		if err != nil {
			return nil, nil, sendCounts{}, fmt.Errorf("send to %s: %w", name, err)
		}
		recs[i] = record{ID: id, Group: m.Group, DedupID: m.DedupID, Body: bytes.Clone(m.Body)}
	}
	offered := len(recs)
	recs, ms, err := q.duplicate(recs, ms)
	if err != nil {
		return nil, nil, sendCounts{}, fmt.Errorf("send to %s: %w", name, err)
	}
	return recs, ms, sendCounts{offered: int64(offered), copies: int64(len(recs) - offered)}, nil
}

// put enqueues recs (made from ms) in tx, dropping FIFO duplicates.
func (q *Queue) put(tx *bolt.Tx, name string, ms []domain.Message, recs []record, now int64) error {
	fifo := q.isFIFO(name)
	b, _, err := openBuckets(tx, name, true)
	if err != nil {
		return err
	}
	for i, r := range recs {
		if fifo {
			dup, err := q.seenDedup(b, r.DedupID, now)
			if err != nil {
				return err
			}
			if dup {
				continue
			}
		}
		r.SentAt = now
		if err := enqueue(b, r, now+int64(ms[i].Delay), fifo); err != nil {
			return err
		}
	}
	return nil
}

func validateSend(name string, fifo bool, m domain.Message) error {
	v := &domain.ValidationError{}
	if name == "" {
		v.Add("queue", "required")
	}
	if len(m.Body) == 0 || len(m.Body) > MaxBodyBytes {
		v.Add("body", "must hold 1 to %d bytes, got %d", MaxBodyBytes, len(m.Body))
	}
	if fifo {
		if m.Group == "" {
			v.Add("group", "required on FIFO queue %s", name)
		}
		if m.DedupID == "" {
			v.Add("dedupId", "required on FIFO queue %s (content-based dedup is off)", name)
		}
		if m.Delay != 0 {
			v.Add("delay", "per-message delay is not supported on FIFO queue %s", name)
		}
	} else {
		if m.DedupID != "" {
			v.Add("dedupId", "only FIFO queues deduplicate; %s is standard", name)
		}
		if m.Delay < 0 || m.Delay > MaxDelay {
			v.Add("delay", "must be between 0 and %s, got %s", MaxDelay, m.Delay)
		}
	}
	return v.OrNil()
}

// seenDedup reports whether id was sent within the window, recording it otherwise.
// Expired ids are purged a few at a time, oldest first.
func (q *Queue) seenDedup(b qbuckets, id string, now int64) (bool, error) {
	c := b.dedupExp.Cursor()
	var expired [][]byte
	for k, _ := c.First(); k != nil && len(expired) < 64; k, _ = c.Next() {
		if int64(binary.BigEndian.Uint64(k[:8])) > now {
			break
		}
		expired = append(expired, bytes.Clone(k))
	}
	for _, k := range expired {
		if err := b.dedupExp.Delete(k); err != nil {
			return false, err
		}
		if err := b.dedup.Delete(k[8:]); err != nil {
			return false, err
		}
	}
	if v := b.dedup.Get([]byte(id)); v != nil {
		exp := int64(binary.BigEndian.Uint64(v))
		if exp > now {
			return true, nil
		}
		if err := b.dedupExp.Delete(append(u64(uint64(exp)), id...)); err != nil {
			return false, err
		}
	}
	exp := now + int64(q.opts.DedupWindow)
	if err := b.dedup.Put([]byte(id), u64(uint64(exp))); err != nil {
		return false, err
	}
	return false, b.dedupExp.Put(append(u64(uint64(exp)), id...), nil)
}

// duplicate is Options.DuplicateRate: it appends a second copy of some messages (a new
// message id, the dedup id suffixed so a FIFO queue keeps it), and their Message beside.
func (q *Queue) duplicate(recs []record, ms []domain.Message) ([]record, []domain.Message, error) {
	if q.opts.DuplicateRate <= 0 {
		return recs, ms, nil
	}
	for i, n := 0, len(recs); i < n; i++ {
		if rand.Float64() >= q.opts.DuplicateRate {
			continue
		}
		id, err := newMessageID()
		if err != nil {
			return nil, nil, err
		}
		dup := recs[i]
		dup.ID = id
		if dup.DedupID != "" {
			dup.DedupID += "#dup-" + id
		}
		recs, ms = append(recs, dup), append(ms, ms[i])
	}
	return recs, ms, nil
}

// Duplicated counts the copies DuplicateRate added, and the messages sent while it was on.
func (q *Queue) Duplicated() (copies, sent int64) { return q.duplicated.Load(), q.offered.Load() }
