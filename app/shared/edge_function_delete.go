package shared

import (
	"context"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// EdgeDeleteTimeout bounds an edge function deletion: Lambda@Edge replicas are removed by
// CloudFront "within a few hours" of the last association's removal.
const EdgeDeleteTimeout = 24 * time.Hour

// ScheduleEdgeDelete marks f Deleting under op and submits op; it answers the submitted (or
// replayed) operation and the function as written.
func (d Deps) ScheduleEdgeDelete(ctx context.Context, op domain.Operation, f domain.EdgeFunction) (Submitted, domain.EdgeFunction, error) {
	now := d.Now()
	f.Status = domain.EdgeFunctionDeleting
	f.OperationID = op.ID
	f.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: f.ID, Action: "DeleteRequested", Actor: op.Actor, OperationID: op.ID, At: now}
	sub, err := d.Submit(ctx, op, PutEdgeFunction(&f), PutHistory(hist))
	return sub, f, err
}
