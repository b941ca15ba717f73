package shared

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// IdempotencyRecord remembers which operation an Idempotency-Key produced.
type IdempotencyRecord struct {
	OperationID string `json:"operationId"`
	RequestHash string `json:"requestHash"`
}

// Submitted is what a mutation answers: the operation and whether it was a replay of an
// earlier request with the same Idempotency-Key.
type Submitted struct {
	Operation domain.Operation
	Replayed  bool
}

// RequestHash fingerprints a request (kind, target and body) for Idempotency-Key checks.
func RequestHash(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		b, err := json.Marshal(p)
		if err != nil {
			panic(fmt.Sprintf("hash request: %v", err))
		}
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func IdempotencyID(actor, key string) string {
	sum := sha256.Sum256([]byte(actor + "\x00" + key))
	return hex.EncodeToString(sum[:])
}

// NewOperation builds an Accepted operation for a resource.
func (d Deps) NewOperation(kind domain.OperationKind, resourceType, resourceID string, p domain.Principal, key, hash string) domain.Operation {
	now := d.Now()
	return domain.Operation{ID: domain.NewID(domain.PrefixOperation), Kind: kind, ResourceType: resourceType,
		ResourceID: resourceID, Status: domain.OperationAccepted, Actor: p.Username, IdempotencyKey: key,
		RequestHash: hash, CreatedAt: now, UpdatedAt: now, Deadline: now.Add(d.Timing.OperationTimeout)}
}

// Replay returns the earlier operation for (actor, key), ok=false when the key is new.
// The same key with a different request is a conflict.
func (d Deps) Replay(ctx context.Context, op domain.Operation) (domain.Operation, bool, error) {
	if op.IdempotencyKey == "" {
		return domain.Operation{}, false, nil
	}
	rec, err := Load[IdempotencyRecord](ctx, d.Store, domain.KindIdempotency, IdempotencyID(op.Actor, op.IdempotencyKey))
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Operation{}, false, nil
	}
	if err != nil {
		return domain.Operation{}, false, err
	}
	if rec.RequestHash != op.RequestHash {
		return domain.Operation{}, false, fmt.Errorf("Idempotency-Key %q was used for a different request: %w", op.IdempotencyKey, domain.ErrConflict)
	}
	prev, err := Load[domain.Operation](ctx, d.Store, domain.KindOperation, rec.OperationID)
	return prev, err == nil, err
}

// Submit writes the intent (operation + resource writes + history) and the command that makes
// a worker converge it in one atomic commit (the transactional outbox, outbox.go): an accepted
// operation always has its command. Concurrent submits share commits (the store's group commit).
// The command is then delivered: by that same commit when Deps.EnqueuedInCommit (locally), else
// at once by this call (on AWS), with the sweeper's relay pass as the backstop. A
// failed delivery is not an error for the caller: the record stays in the outbox.
func (d Deps) Submit(ctx context.Context, op domain.Operation, writes ...domain.Write) (Submitted, error) {
	if prev, ok, err := d.Replay(ctx, op); err != nil || ok {
		return Submitted{Operation: prev, Replayed: ok}, err
	}
	all := append([]domain.Write{PutOperation(&op)}, writes...)
	if op.IdempotencyKey != "" {
		all = append(all, Put(domain.KindIdempotency, IdempotencyID(op.Actor, op.IdempotencyKey), 1, "", "",
			SortTime(op.CreatedAt), IdempotencyRecord{OperationID: op.ID, RequestHash: op.RequestHash}))
	}
	outbox, outboxID := PutOutbox(op.ID, domain.QueueCommands, ExecuteMessage(op, op.ID), op.CreatedAt)
	all = append(all, outbox)
	if err := d.Store.Write(ctx, all...); err != nil {
		if errors.Is(err, domain.ErrConflict) {
			// A concurrent request with the same key may have won the race.
			if prev, ok, rerr := d.Replay(ctx, op); rerr != nil || ok {
				return Submitted{Operation: prev, Replayed: ok}, rerr
			}
		}
		return Submitted{}, fmt.Errorf("write intent %s: %w", op.ID, err)
	}
	d.DeliverOutbox(ctx, outboxID)
	return Submitted{Operation: op}, nil
}

// DeliverOutbox sends just-committed outbox records at once, unless the commit enqueued them
// (Deps.EnqueuedInCommit). A failure is logged, not returned: the records stay in the outbox.
func (d Deps) DeliverOutbox(ctx context.Context, ids ...string) {
	if len(ids) == 0 {
		return
	}
	if d.EnqueuedInCommit {
		return
	}
	if err := (Relay{Store: d.Store, Queue: d.Queue}).Deliver(ctx, ids...); err != nil {
		d.Logger().WarnContext(ctx, "command not sent yet; the outbox relay will send it", "outbox", ids, "error", err)
	}
}

// SendExecute sends the FIFO command that makes a worker converge op. The queue drops a
// second command with the same dedup id (the operation id; the sweeper uses a fresh one).
func (d Deps) SendExecute(ctx context.Context, op domain.Operation, dedup string) error {
	return d.Queue.Send(ctx, domain.QueueCommands, ExecuteMessage(op, dedup))
}

// ExecuteMessage is the FIFO command that makes a worker converge op.
func ExecuteMessage(op domain.Operation, dedup string) domain.Message {
	cmd := events.Command{Type: events.CommandExecute, Version: events.CommandVersion, OperationID: op.ID, ResourceID: op.ResourceID}
	return domain.Message{Group: op.ResourceID, DedupID: dedup, Body: cmd.Marshal()}
}
