package converge

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// Update coalescing. A PUT accepted while an earlier update deploys is queued on the
// distribution (intake merged its patch into the desired config, behind the earlier ones).
// When the deploying update is Deployed, the first queued operation becomes the carrier: its
// one UpdateDistribution sends the desired config, which holds every queued patch in order,
// and its success completes every operation it carried. Queued operations park until then.

const stepRideOn = "RideOnUpdate"

// updateOwner loads the distribution for an update pass. ok=false: the operation is queued
// behind another one and parks. A queued operation whose holder is gone (it failed) takes
// the lock and carries the queue itself.
func (w Worker) updateOwner(ctx context.Context, r *run) (d domain.Distribution, ok bool, err error) {
	d, err = shared.Load[domain.Distribution](ctx, w.Store, domain.KindDistribution, r.op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return d, false, domain.Permanent(err)
	}
	if err != nil || d.OperationID == r.op.ID {
		return d, err == nil, err
	}
	queued, carried := slices.Contains(d.QueuedUpdates, r.op.ID), slices.Contains(d.Carrying, r.op.ID)
	switch {
	case (queued || carried) && d.OperationID == "":
		// The update ahead failed and let go: this one carries what is left (itself first).
		rest := slices.DeleteFunc(append(slices.Clone(d.Carrying), d.QueuedUpdates...), func(id string) bool { return id == r.op.ID })
		d.QueuedUpdates = append([]string{r.op.ID}, rest...)
		takeOver(&d, r.op.ID)
		d.UpdatedAt = w.Now()
		if err := w.Store.Write(ctx, shared.PutDistribution(&d)); err != nil {
			return d, false, fmt.Errorf("take over the queued updates of %s: %w", d.ID, err)
		}
		return d, true, nil
	case queued || carried:
		r.op.Record(stepRideOn, "Waiting", "behind "+d.OperationID, w.Now())
		return d, false, nil
	}
	return d, false, domain.Permanent(fmt.Errorf("distribution %s is owned by operation %q, not %s", d.ID, d.OperationID, r.op.ID))
}

// takeOver makes carrier own the distribution and carry every queued update.
func takeOver(d *domain.Distribution, carrier string) {
	d.OperationID, d.Carrying, d.QueuedUpdates = carrier, d.QueuedUpdates, nil
	d.Status = domain.DistributionUpdating
}

// completeCarried prepares the success of every operation this update carried (committed with
// its own) and hands the distribution to the next queued update, whose command goes through
// the outbox in the same commit.
func (w Worker) completeCarried(ctx context.Context, r *run, d domain.Distribution) error {
	carried := slices.DeleteFunc(slices.Clone(d.Carrying), func(id string) bool { return id == r.op.ID })
	combined := append([]string{r.op.ID}, carried...)
	now := w.Now()
	for _, id := range carried {
		op, err := shared.Load[domain.Operation](ctx, w.Store, domain.KindOperation, id)
		if err != nil {
			return fmt.Errorf("carried update %s: %w", id, err)
		}
		if op.Status.Done() {
			continue
		}
		op.Record(stepRideOn, "Done", "carried by "+r.op.ID, now)
		op.Record(stepWaitForDeployment, "Done", "Deployed", now)
		op.Status, op.LastError, op.UpdatedAt = domain.OperationSucceeded, "", now
		op.Result = &domain.OperationResult{CloudFrontID: d.CloudFrontID, DomainName: d.DomainName, ARN: d.ARN,
			CarriedBy: r.op.ID, CombinedOperations: slices.Clone(combined)}
		r.writes = append(r.writes, shared.PutOperation(&op))
		r.events = append(r.events, events.New(events.TypeOperationSucceeded, op.ID, now, events.OperationSucceeded{
			Version: events.EventVersion, OperationID: op.ID, Kind: string(op.Kind), ResourceType: op.ResourceType,
			ResourceID: op.ResourceID, Actor: op.Actor, Result: op.Result}))
	}
	r.beforeDeployed = func(dd *domain.Distribution) {
		if r.op.Result != nil {
			r.op.Result.CombinedOperations = slices.Clone(combined)
		}
		dd.Carrying = nil
		if len(dd.QueuedUpdates) == 0 {
			return
		}
		next := dd.QueuedUpdates[0]
		takeOver(dd, next)
		dedup := next + "-carry"
		msg := shared.ExecuteMessage(domain.Operation{ID: next, ResourceID: dd.ID}, dedup)
		w, outboxID := shared.PutOutbox(dedup, domain.QueueCommands, msg, now)
		r.writes = append(r.writes, w)
		r.outbox = append(r.outbox, outboxID)
	}
	return nil
}
