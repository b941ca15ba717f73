package converge

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// cleanupEdgeRoleRead removes the edge role's bucket statement from origins that no
// Lambda@Edge distribution uses any more.
const cleanupEdgeRoleRead = "RevokeEdgeRoleRead"

// stepScheduleEdgeFunctionDeletion records, on the distribution's delete operation, which
// operation deletes its edge function.
const stepScheduleEdgeFunctionDeletion = "EdgeFunctionDeletionScheduled"

// releaseEdgeFunction runs once the distribution is gone from CloudFront (a delete cleanup):
// it removes the distribution from its function's associations and, when no distribution is
// left, schedules an OpDeleteEdgeFunction. That operation waits on the poll queue while
// CloudFront removes Lambda@Edge replicas (hours) and deletes the function afterwards.
// Idempotent: a function already Deleting (or gone) is left alone, and the function record and
// the new operation are written together.
func (w Worker) releaseEdgeFunction(ctx context.Context, d domain.Distribution, r *run) error {
	if d.LambdaEdgeFunctionID == "" {
		return nil
	}
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, d.LambdaEdgeFunctionID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("edge function of distribution %s: %w", d.ID, err)
	}
	if f.Status == domain.EdgeFunctionDeleting {
		return nil
	}
	f.AssociatedDistributions = slices.DeleteFunc(f.AssociatedDistributions, func(a string) bool { return a == d.ARN })
	if f.AssociatedDistributions == nil {
		f.AssociatedDistributions = []string{}
	}
	if len(f.AssociatedDistributions) > 0 {
		f.UpdatedAt = w.Now()
		if err := w.Store.Write(ctx, shared.PutEdgeFunction(&f)); err != nil {
			return fmt.Errorf("release edge function %s from %s: %w", f.ID, d.ID, err)
		}
		return nil
	}
	op := w.NewOperation(domain.OpDeleteEdgeFunction, "edgeFunction", f.ID, domain.Principal{Username: r.op.Actor}, "",
		shared.RequestHash("release-edge-function", f.ID, d.ID))
	op.Deadline = op.CreatedAt.Add(max(shared.EdgeDeleteTimeout, w.Timing.OperationTimeout))
	sub, _, err := w.ScheduleEdgeDelete(ctx, op, f)
	if err != nil {
		return fmt.Errorf("schedule deletion of edge function %s: %w", f.ID, err)
	}
	r.op.Record(stepScheduleEdgeFunctionDeletion, "Done", sub.Operation.ID, w.Now())
	return nil
}

// revokeEdgeRoleRead removes EdgeRoleStatementSid from the buckets of a Lambda@Edge
// distribution's origins unless another Lambda@Edge distribution still uses the origin.
func (w Worker) revokeEdgeRoleRead(ctx context.Context, d domain.Distribution, _ *run) error {
	if !d.IsMultiOrigin || domain.MultiOriginTarget(d.MultiOriginConfig) != domain.EdgeTargetLambdaEdge || w.Cloud.Buckets == nil {
		return nil
	}
	for _, id := range d.OriginIDs {
		o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, id)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("revoke edge role read on origin %s: %w", id, err)
		}
		users, err := w.OriginUsers(ctx, id)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(users, func(u domain.Distribution) bool {
			return u.ID != d.ID && u.IsMultiOrigin && domain.MultiOriginTarget(u.MultiOriginConfig) == domain.EdgeTargetLambdaEdge
		}) {
			continue
		}
		err = w.Cloud.Buckets.MergePolicyStatement(ctx, o.BucketName, o.Region, edgeRoleStatement(o.BucketName, ""))
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("revoke edge role read on bucket %s: %w", o.BucketName, err)
		}
	}
	return nil
}
