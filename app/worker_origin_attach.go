package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

func init() {
	distributionCleanups = append(distributionCleanups, distributionCleanup{Name: CleanupBucketPolicies,
		Run: func(w Worker, ctx context.Context, d domain.Distribution, _ *run) error {
			return w.detachOrigins(ctx, d)
		}})
}

// stepSyncBucketPolicies is the distribution-operation step that lists the distribution's ARN
// in the bucket policies of its managed origins.
const stepSyncBucketPolicies = "SyncBucketPolicies"

// attachOrigins lets the distribution read its managed origins' buckets: once it exists in
// CloudFront (it has an ARN), every origin it uses gets its bucket policy recomputed. It runs
// once per operation (a recorded step) and is safe to repeat.
func (w Worker) attachOrigins(ctx context.Context, r *run, d domain.Distribution) error {
	if len(d.OriginIDs) == 0 || d.ARN == "" || r.op.HasStep(stepSyncBucketPolicies) {
		return nil
	}
	if err := w.linkOrigins(ctx, d); err != nil {
		return fmt.Errorf("attach distribution %s to its origins: %w", d.ID, err)
	}
	for _, id := range d.OriginIDs {
		if err := w.SyncOriginPolicy(ctx, id); err != nil {
			return fmt.Errorf("attach distribution %s to origin %s: %w", d.ID, id, err)
		}
	}
	now := w.now()
	r.op.Record(stepSyncBucketPolicies, "Done", strings.Join(d.OriginIDs, ","), now)
	r.op.UpdatedAt = now
	if err := w.Store.Write(ctx, putOperation(r.op)); err != nil {
		return fmt.Errorf("record %s of %s: %w", stepSyncBucketPolicies, r.op.ID, err)
	}
	return nil
}

// detachOrigins removes a distribution from the bucket policies of the managed origins it
// used: it drops the links, then recomputes each origin's statement (the last user's removal
// removes the statement). The delete worker calls it once the distribution is gone from
// CloudFront; it is idempotent.
func (w Worker) detachOrigins(ctx context.Context, d domain.Distribution) error {
	if len(d.OriginIDs) == 0 {
		return nil
	}
	writes := make([]domain.Write, 0, len(d.OriginIDs))
	for _, id := range d.OriginIDs {
		writes = append(writes, deleteKey(kindOriginUse, originUseID(id, d.ID), 0))
	}
	if err := w.Store.Write(ctx, writes...); err != nil {
		return fmt.Errorf("unlink distribution %s from its origins: %w", d.ID, err)
	}
	for _, id := range d.OriginIDs {
		if err := w.SyncOriginPolicy(ctx, id); err != nil {
			return fmt.Errorf("detach distribution %s from origin %s: %w", d.ID, id, err)
		}
	}
	return nil
}
