package intake

import (
	"context"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Delete records the intent to delete a distribution and sends the command. The owner or an
// admin may delete, and only while no other operation owns the distribution (409 otherwise).
// The worker disables it, waits until Deployed, deletes it, runs the cleanup steps and then
// removes the record; the history stays.
func (a Distributions) Delete(ctx context.Context, p domain.Principal, id, idemKey string) (Accepted[domain.Distribution], error) {
	if !p.CanCreate() {
		return Accepted[domain.Distribution]{}, fmt.Errorf("delete distribution %s: %w", id, domain.ErrForbidden)
	}
	op := a.NewOperation(domain.OpDeleteDistribution, "distribution", id, p, idemKey, shared.RequestHash("delete-distribution", id))
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		return a.replayed(ctx, prev, err)
	}
	d, err := a.loadForChange(ctx, p, id, "delete")
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	if err := checkIdle(d); err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	now := a.Now()
	d.Status, d.OperationID, d.UpdatedAt = domain.DistributionDeleting, op.ID, now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "DeleteRequested", Actor: p.Username, OperationID: op.ID, At: now}
	sub, err := a.Submit(ctx, op, shared.PutDistribution(&d), shared.PutHistory(hist))
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	return Accepted[domain.Distribution]{Resource: d, Operation: sub.Operation}, nil
}
