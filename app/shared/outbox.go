package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// The transactional outbox: a command is written as an outbox record in the same commit as the
// intent that needs it, so an accepted operation always has its command somewhere durable. A
// relay then hands the records to their queue and deletes them. A crash between the commit and
// the send leaves the record, and the next relay pass (on start, on its tick) sends it; a crash
// between the send and the delete sends it twice, which the FIFO queue drops by its dedup id.

// OutboxEntry is one command waiting in the outbox.
type OutboxEntry struct {
	Queue   string         `json:"queue"`
	Message domain.Message `json:"message"`
	At      time.Time      `json:"at"`
}

// outboxPageSize bounds one relay pass: one query page, one send, one delete (the store's
// write limit is 100 changes).
const outboxPageSize = 100

// PutOutbox is the write that puts m into the outbox under OutboxID(at, ref) (ref: the
// operation id for an execute command, one per operation). It returns the record's id for
// DeliverOutbox.
func PutOutbox(ref, queue string, m domain.Message, at time.Time) (domain.Write, string) {
	id := OutboxID(at, ref)
	return Put(domain.KindOutbox, id, 1, "", "", id, OutboxEntry{Queue: queue, Message: m, At: at}), id
}

// DecodeOutbox reads an outbox record's body.
func DecodeOutbox(it domain.Item) (OutboxEntry, error) {
	var e OutboxEntry
	if err := json.Unmarshal(it.Body, &e); err != nil {
		return e, fmt.Errorf("decode outbox %s: %w", it.ID, err)
	}
	return e, nil
}

// OutboxID keys an outbox record by time first: records are written at the end of the outbox
// and deleted from its front, so a burst of accepts and the relay's delete of them touch a
// few neighbouring store pages instead of one random page each.
func OutboxID(at time.Time, ref string) string { return SortTime(at) + "#" + ref }

// Relay delivers outbox records to their queues, oldest first.
type Relay struct {
	Store domain.Store
	Queue domain.Sender
}

// Deliver sends the outbox records with the given ids (those the caller just committed) and
// deletes them: the immediate send after an accept. A record already gone was delivered by
// someone else.
func (r Relay) Deliver(ctx context.Context, ids ...string) error {
	items := make([]domain.Item, 0, len(ids))
	for _, id := range ids {
		it, err := r.Store.Get(ctx, domain.KindOutbox, id)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("outbox %s: %w", id, err)
		}
		items = append(items, it)
	}
	return r.send(ctx, items)
}

// DeliverPending sends every outbox record written before olderThan ago (0: all of them), page
// by page, and reports how many it delivered. cfm-local runs it once at start; the sweeper runs
// it as the backstop of the API's immediate send (on AWS) and of that start pass.
func (r Relay) DeliverPending(ctx context.Context, now time.Time, olderThan time.Duration) (int, error) {
	q := domain.Query{Kind: domain.KindOutbox, Index: domain.ByKind, Limit: outboxPageSize}
	if olderThan > 0 {
		q.Below = SortTime(now.Add(-olderThan))
	}
	total := 0
	for {
		page, err := r.Store.Query(ctx, q)
		if err != nil {
			return total, fmt.Errorf("read the outbox: %w", err)
		}
		if err := r.send(ctx, page.Items); err != nil {
			return total, err
		}
		total += len(page.Items)
		// Delivered records are deleted, so the next page starts at the front again.
		if page.Next == "" || len(page.Items) == 0 {
			return total, nil
		}
	}
}

// send hands items to their queues in order (one batch per queue when the queue takes
// batches), then deletes them in one write.
func (r Relay) send(ctx context.Context, items []domain.Item) error {
	if len(items) == 0 {
		return nil
	}
	var order []string
	byQueue := map[string][]domain.Message{}
	deletes := make([]domain.Write, 0, len(items))
	for _, it := range items {
		e, err := DecodeOutbox(it)
		if err != nil {
			return err
		}
		if _, ok := byQueue[e.Queue]; !ok {
			order = append(order, e.Queue)
		}
		byQueue[e.Queue] = append(byQueue[e.Queue], e.Message)
		deletes = append(deletes, DeleteKey(domain.KindOutbox, it.ID, 0))
	}
	for _, name := range order {
		if err := r.sendAll(ctx, name, byQueue[name]); err != nil {
			return fmt.Errorf("relay %d outbox command(s) to %s: %w", len(byQueue[name]), name, err)
		}
	}
	if err := r.Store.Write(ctx, deletes...); err != nil {
		return fmt.Errorf("clear %d delivered outbox record(s): %w", len(deletes), err)
	}
	return nil
}

func (r Relay) sendAll(ctx context.Context, name string, ms []domain.Message) error {
	if b, ok := r.Queue.(domain.BatchSender); ok {
		return b.SendBatch(ctx, name, ms)
	}
	for _, m := range ms {
		if err := r.Queue.Send(ctx, name, m); err != nil {
			return err
		}
	}
	return nil
}
