package converge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Step names of an invalidation.
const (
	stepInvalidationQuota  = "WaitForInvalidationQuota"
	stepCreateInvalidation = "CreateInvalidation"
	stepWaitInvalidation   = "WaitForInvalidation"
)

// Invalidation statuses as CloudFront reports them.
const invalidationCompleted = "Completed"

// invalidate creates the invalidation (CallerReference = the client's reference or the
// operation id, so a retry returns the same invalidation) and polls it until Completed. When
// CloudFront's in-progress quota is full (TooManyInvalidationsInProgress) it waits for room
// through the same delayed polls; it never fails for that. The invalidation id is kept in
// op.Result, so later polls only read it.
func (w Worker) invalidate(ctx context.Context, r *run) (outcome, error) {
	var in shared.InvalidationInput
	if err := json.Unmarshal(r.op.Input, &in); err != nil {
		return 0, domain.Permanent(fmt.Errorf("decode input of %s: %w", r.op.ID, err))
	}
	d, err := shared.Load[domain.Distribution](ctx, w.Store, domain.KindDistribution, r.op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		// Deleted after this invalidation was accepted (an invalidation does not hold the
		// distribution): nothing left to invalidate. The reason names no store key.
		return 0, domain.Permanent(fmt.Errorf("distribution %s was deleted before this invalidation ran", r.op.ResourceID))
	}
	if err != nil {
		return 0, err
	}
	if d.CloudFrontID == "" {
		return 0, domain.Permanent(fmt.Errorf("distribution %s has no CloudFront distribution", d.ID))
	}
	if in.CallerReference == r.op.ID {
		return w.coalescedInvalidate(ctx, r, d, in) // invalidation_coalesce.go
	}
	var inv domain.Invalidation
	if res := r.op.Result; res != nil && res.InvalidationID != "" {
		id := res.InvalidationID
		inv, err = w.Cloud.CDN.GetInvalidation(ctx, d.CloudFrontID, id)
		if err != nil {
			return 0, cloudError(fmt.Errorf("get invalidation %s on %s: %w", id, d.CloudFrontID, err))
		}
	} else {
		inv, err = w.Cloud.CDN.CreateInvalidation(ctx, d.CloudFrontID, in.CallerReference, in.Paths)
		if quotaFull(err) {
			w.Logger().InfoContext(ctx, "invalidation quota full; waiting for room", "operation", r.op.ID, "error", err)
			r.op.Record(stepInvalidationQuota, "Waiting", err.Error(), w.Now())
			return waitDeployment, nil
		}
		if err != nil {
			return 0, invalidationError(fmt.Errorf("create invalidation on %s: %w", d.CloudFrontID, err))
		}
		now := w.Now()
		if hasStepNamed(r.op, stepInvalidationQuota) {
			r.op.Record(stepInvalidationQuota, "Done", "room available", now)
		}
		r.op.Record(stepCreateInvalidation, "Done", inv.ID, now)
	}
	return w.invalidationResult(r, d, in, inv, in.CallerReference, 1)
}

// invalidationResult reports inv on the operation (covering requests of one call: n) and
// finishes it once inv is Completed.
func (w Worker) invalidationResult(r *run, d domain.Distribution, in shared.InvalidationInput, inv domain.Invalidation, callerRef string, n int) (outcome, error) {
	r.op.Result = &domain.OperationResult{InvalidationID: inv.ID, Status: inv.Status, Paths: slices.Clone(in.Paths),
		CallerReference: callerRef, CloudFrontID: d.CloudFrontID, CoalescedRequests: n}
	if inv.Status != invalidationCompleted {
		r.op.Record(stepWaitInvalidation, "Waiting", inv.Status, w.Now())
		return waitDeployment, nil // the touch persists op.Result
	}
	now := w.Now()
	r.op.Record(stepWaitInvalidation, "Done", invalidationCompleted, now)
	r.writes = append(r.writes, shared.PutHistory(domain.HistoryEntry{ResourceID: d.ID, Action: "Invalidated", Actor: r.op.Actor,
		OperationID: r.op.ID, Message: fmt.Sprintf("invalidation %s completed: %s", inv.ID, shared.SummarizePaths(in.Paths)), At: now}))
	return finished, nil
}

// quotaFull recognizes TooManyInvalidationsInProgress: a conflict that asks to retry later.
// InvalidationBatchAlreadyExists is a conflict without a delay: the reference was reused.
func quotaFull(err error) bool {
	_, delayed := domain.RetryDelay(err)
	return delayed && errors.Is(err, domain.ErrConflict)
}

// invalidationError classifies a create error: a gone distribution and a reused reference will
// not get better; throttling and lost responses are retried (the reference makes it safe).
func invalidationError(err error) error {
	if _, delayed := domain.RetryDelay(err); !delayed && errors.Is(err, domain.ErrConflict) {
		return domain.Permanent(err)
	}
	return cloudError(err)
}

// hasStepNamed reports whether the operation recorded a step of that name, in any status.
func hasStepNamed(op *domain.Operation, name string) bool {
	for _, s := range op.Steps {
		if s.Name == name {
			return true
		}
	}
	return false
}

// failInvalidation records a failed invalidation in the distribution's history; the
// distribution record itself is not touched (invalidations run beside other operations).
func (w Worker) failInvalidation(_ context.Context, op *domain.Operation, cause error) ([]domain.Write, error) {
	return []domain.Write{shared.PutHistory(domain.HistoryEntry{ResourceID: op.ResourceID, Action: "InvalidationFailed",
		Actor: op.Actor, OperationID: op.ID, Message: cause.Error(), At: w.Now()})}, nil
}
