package converge

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// stepWaitUntilDeletable is recorded while CloudFront still holds Lambda@Edge replicas or a
// distribution still uses a CloudFront Function; it stays in the steps (Done) as evidence.
const stepWaitUntilDeletable = "WaitUntilDeletable"

// createEdgeFunction deploys a standalone routing function (POST /api/lambda-edge/functions).
func (w Worker) createEdgeFunction(ctx context.Context, r *run) (outcome, error) {
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, r.op.ResourceID)
	if err != nil {
		return 0, err
	}
	if f.OperationID != r.op.ID {
		return 0, domain.Permanent(fmt.Errorf("edge function %s is owned by operation %q, not %s", f.ID, f.OperationID, r.op.ID))
	}
	if err := w.ensureEdgeFunction(ctx, r, &f); err != nil {
		return 0, err
	}
	now := w.Now()
	f.Status = domain.EdgeFunctionActive
	f.OperationID = ""
	f.UpdatedAt = now
	r.op.Result = &domain.OperationResult{FunctionID: f.ID, FunctionName: f.Name, FunctionARN: f.FunctionARN}
	if f.VersionARN != "" {
		r.op.Result.VersionARN = f.VersionARN
	}
	hist := domain.HistoryEntry{ResourceID: f.ID, Action: "Deployed", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: associationARN(f), At: now}
	r.writes = append(r.writes, shared.PutEdgeFunction(&f), shared.PutHistory(hist))
	return finished, nil
}

// deleteEdgeFunction converges to "gone": the cloud function is deleted (NotFound counts), then
// the record. While CloudFront still holds Lambda@Edge replicas (hours after the last
// association went away) or a distribution still uses a CloudFront Function, the operation
// waits on the poll queue (backoff up to Timing.PollMax) instead of failing or burning receives.
func (w Worker) deleteEdgeFunction(ctx context.Context, r *run) (outcome, error) {
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, r.op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return finished, nil // removed by an earlier pass whose success was recorded with it
	}
	if err != nil {
		return 0, err
	}
	if f.OperationID != r.op.ID {
		return 0, domain.Permanent(fmt.Errorf("edge function %s is owned by operation %q, not %s", f.ID, f.OperationID, r.op.ID))
	}
	if len(f.AssociatedDistributions) > 0 {
		return 0, domain.Permanent(fmt.Errorf("edge function %s is associated with %s: %w",
			f.ID, strings.Join(f.AssociatedDistributions, ", "), domain.ErrConflict))
	}
	gone, wait, err := w.deleteEdgeFunctionInCloud(ctx, f)
	if err != nil {
		return 0, err
	}
	now := w.Now()
	if !gone {
		r.op.Record(stepWaitUntilDeletable, "Waiting", wait, now)
		return waitDeployment, nil
	}
	if n := len(r.op.Steps); n > 0 && r.op.Steps[n-1].Name == stepWaitUntilDeletable {
		r.op.Record(stepWaitUntilDeletable, "Done", "deletable now; last wait: "+r.op.Steps[n-1].Detail, now)
	}
	r.op.Record(stepDeleteFunction, "Done", f.Name, now)
	r.op.Result = &domain.OperationResult{FunctionID: f.ID, FunctionName: f.Name}
	hist := domain.HistoryEntry{ResourceID: f.ID, Action: "Deleted", Actor: r.op.Actor, OperationID: r.op.ID, At: now,
		Message: "edge function deleted; this history is kept"}
	r.writes = append(r.writes, shared.DeleteKey(domain.KindEdgeFunction, f.ID, f.Version), shared.PutHistory(hist))
	return finished, nil
}

// failEdgeFunction records a failed create or delete on the function: Failed, no owning
// operation, so it can be deleted (again).
func (w Worker) failEdgeFunction(ctx context.Context, op *domain.Operation, cause error) ([]domain.Write, error) {
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil || f.OperationID != op.ID {
		return nil, err
	}
	f.Status = domain.EdgeFunctionFailed
	f.OperationID = ""
	f.UpdatedAt = w.Now()
	return []domain.Write{shared.PutEdgeFunction(&f), shared.PutHistory(domain.HistoryEntry{ResourceID: f.ID, Action: "Failed",
		Actor: op.Actor, OperationID: op.ID, Message: cause.Error(), At: f.UpdatedAt})}, nil
}
