package converge

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// updateOrigin converges the bucket to the requested CORS / website settings, then records
// them with the new name.
func (w Worker) updateOrigin(ctx context.Context, r *run) (outcome, error) {
	if err := w.requireOriginPorts(); err != nil {
		return 0, err
	}
	o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, r.op.ResourceID)
	if err != nil {
		return 0, err
	}
	var in shared.UpdateOriginInput
	if err := json.Unmarshal(r.op.Input, &in); err != nil {
		return 0, domain.Permanent(fmt.Errorf("decode input of %s: %w", r.op.ID, err))
	}
	o.Name, o.WebsiteHosting, o.CORSConfiguration = in.Name, in.Website, in.CORS
	if err := w.configureBucket(ctx, o); err != nil {
		return 0, err
	}
	now := w.Now()
	r.op.Record(stepConfigureBucket, "Done", "", now)
	o.Status, o.OperationID, o.UpdatedAt = domain.OriginActive, "", now
	r.op.Result = &domain.OperationResult{OriginID: o.ID}
	r.writes = append(r.writes, shared.PutOrigin(&o), shared.PutHistory(domain.HistoryEntry{ResourceID: o.ID, Action: "Updated",
		Actor: r.op.Actor, OperationID: r.op.ID, At: now}))
	return finished, nil
}

// failOriginChange returns the origin to the status it had before a failed update or delete.
func (w Worker) failOriginChange(ctx context.Context, op *domain.Operation, cause error) ([]domain.Write, error) {
	o, held, err := w.heldOrigin(ctx, op)
	if err != nil || !held {
		return nil, err
	}
	var in struct {
		Previous domain.OriginStatus `json:"previous"`
	}
	if json.Unmarshal(op.Input, &in) != nil || in.Previous == "" {
		in.Previous = domain.OriginActive
	}
	action := "UpdateFailed"
	if op.Kind == domain.OpDeleteOrigin {
		action = "DeleteFailed"
	}
	return w.settleOrigin(o, op, in.Previous, action, cause), nil
}
