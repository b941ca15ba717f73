package converge

import (
	"context"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

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
	if err := w.LinkOrigins(ctx, d); err != nil {
		return fmt.Errorf("attach distribution %s to its origins: %w", d.ID, err)
	}
	for _, id := range d.OriginIDs {
		if err := w.SyncOriginPolicy(ctx, id); err != nil {
			return fmt.Errorf("attach distribution %s to origin %s: %w", d.ID, id, err)
		}
	}
	now := w.Now()
	r.op.Record(stepSyncBucketPolicies, "Done", strings.Join(d.OriginIDs, ","), now)
	r.op.UpdatedAt = now
	if err := w.Store.Write(ctx, shared.PutOperation(r.op)); err != nil {
		return fmt.Errorf("record %s of %s: %w", stepSyncBucketPolicies, r.op.ID, err)
	}
	return nil
}
