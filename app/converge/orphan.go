package converge

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// orphanPollDelay is how soon a failing create looks again at an orphan it is deleting.
const orphanPollDelay = notDisabledDelay

// adoptOrphan runs before a create fails when its record holds no CloudFront id: a create whose
// response was lost (and whose retries then failed) may have made a distribution nobody
// recorded. Found by the operation's CallerReference, it is recorded on d (and indexed), so
// the product tracks it and DELETE removes it; the returned writes commit with the failure.
func (w Worker) adoptOrphan(ctx context.Context, op *domain.Operation, d *domain.Distribution) ([]domain.Write, error) {
	if w.Cloud.CDN == nil {
		return nil, nil
	}
	live, err := w.Cloud.CDN.FindDistribution(ctx, op.ID, op.CreatedAt)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look for the distribution of %s by its caller reference: %w", op.ID, err)
	}
	w.Logger().WarnContext(ctx, "failing create had made a distribution; adopting it", "operation", op.ID, "cloudfrontId", live.ID)
	d.CloudFrontID, d.ARN, d.DomainName = live.ID, live.ARN, live.DomainName
	applied := d.Config
	applied.CallerReference = op.ID
	d.AppliedConfig = &applied
	op.Record("AdoptDistribution", "Done", live.ID, w.Now())
	return []domain.Write{shared.PutCloudFrontIndex(d), shared.PutHistory(domain.HistoryEntry{ResourceID: d.ID, Action: "Adopted",
		Actor: op.Actor, OperationID: op.ID, At: w.Now(),
		Message: "CloudFront distribution " + live.ID + " was created by this failed operation (found by its caller reference); it is recorded here and DELETE removes it"})}, nil
}

// deleteOrphan runs before a create fails whose record is gone: nothing could adopt the
// distribution its CallerReference made, so it is deleted (disable, wait until Deployed,
// delete). Until it is gone the answer is a retry error, so the failure is recorded only then.
func (w Worker) deleteOrphan(ctx context.Context, op *domain.Operation) error {
	if w.Cloud.CDN == nil {
		return nil
	}
	live, err := w.Cloud.CDN.FindDistribution(ctx, op.ID, op.CreatedAt)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look for the distribution of %s by its caller reference: %w", op.ID, err)
	}
	id := live.ID
	if domain.BoolValue(live.Config.Enabled, true) {
		_, err := w.writeConfig(ctx, id, disabledConfig)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("disable orphaned distribution %s: %w", id, err)
		}
		w.Logger().WarnContext(ctx, "failing create had made a distribution whose record is gone; deleting it", "operation", op.ID, "cloudfrontId", id)
		return domain.RetryAfter(fmt.Errorf("orphaned distribution %s of %s disabled; deleting it once deployed", id, op.ID), orphanPollDelay)
	}
	if live.Status != domain.CloudStatusDeployed {
		return domain.RetryAfter(fmt.Errorf("orphaned distribution %s of %s is still deploying its disabled config", id, op.ID), orphanPollDelay)
	}
	if err := w.Cloud.CDN.DeleteDistribution(ctx, id, live.ETag); err != nil && !errors.Is(err, domain.ErrNotFound) {
		return domain.RetryAfter(fmt.Errorf("delete orphaned distribution %s of %s: %w", id, op.ID, err), orphanPollDelay)
	}
	return nil
}
