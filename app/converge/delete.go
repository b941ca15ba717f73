package converge

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// notDisabledDelay is how long to wait after DistributionNotDisabled, which CloudFront can
// still answer shortly after the disabled config reports Deployed.
const notDisabledDelay = 30 * time.Second

// Names of the cleanup steps (see distributionCleanups).
const (
	// CleanupBucketPolicies removes the distribution's statements from its origins' bucket
	// policies (origin_attach.go).
	CleanupBucketPolicies = "RemoveFromBucketPolicies"
	// CleanupEdgeFunction schedules the deletion of the distribution's edge function, which
	// Lambda@Edge allows only hours after the last association is gone (edge_release.go).
	CleanupEdgeFunction = "ScheduleEdgeFunctionDeletion"
	// CleanupResponseHeadersPolicies deletes the distribution's CORS and custom response
	// headers policies no other distribution uses (references.go).
	CleanupResponseHeadersPolicies = "DeleteUnusedResponseHeadersPolicies"
)

// distributionCleanup is one step that runs after the CloudFront distribution is gone and
// before its record is removed. Run may append writes to r.writes (committed atomically with
// the operation's success and the record's removal) and events to r.events. An error retries
// the whole pass, so every step runs again and must be idempotent; a Permanent error fails the
// deletion (the record stays, marked Failed, and can be deleted again).
type distributionCleanup struct {
	Name string
	Run  func(w Worker, ctx context.Context, d domain.Distribution, r *run) error
}

// distributionCleanups are every delete cleanup, in the order they run: the edge function is
// released first (it reads the distribution's origins to revoke the edge role's read access),
// then the distribution leaves its origins' bucket policies; its response headers policies go
// last, once CloudFront no longer has the distribution that used them (a policy another
// distribution still uses is kept).
var distributionCleanups = []distributionCleanup{
	{Name: CleanupEdgeFunction, Run: Worker.releaseEdgeFunction},
	{Name: cleanupEdgeRoleRead, Run: Worker.revokeEdgeRoleRead},
	{Name: CleanupBucketPolicies, Run: func(w Worker, ctx context.Context, d domain.Distribution, _ *run) error {
		return w.DetachOrigins(ctx, d)
	}},
	{Name: CleanupResponseHeadersPolicies, Run: Worker.deleteUnusedHeaderPolicies},
}

// Step names of a deletion.
const (
	stepDisable       = "DisableDistribution"
	stepWaitDisabled  = "WaitForDisabledDeployment"
	stepDeleteInCloud = "DeleteDistribution"
	stepRemoveRecord  = "RemoveRecord"
	cleanupStepPrefix = "Cleanup:"
)

// deleteDistribution converges to "gone": disable (IfMatch) → wait until Deployed → delete
// with a fresh ETag (DistributionNotDisabled is transient) → cleanup steps → remove the
// record (the history stays) → distribution.deleted. "Already gone" counts as done at every
// step, so a redelivery or a crash between steps resumes where the cloud is.
func (w Worker) deleteDistribution(ctx context.Context, r *run) (outcome, error) {
	d, err := shared.Load[domain.Distribution](ctx, w.Store, domain.KindDistribution, r.op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return finished, nil // removed by an earlier pass whose success was recorded with it
	}
	if err != nil {
		return 0, err
	}
	if d.OperationID != r.op.ID {
		return 0, domain.Permanent(fmt.Errorf("distribution %s is owned by operation %q, not %s", d.ID, d.OperationID, r.op.ID))
	}
	if d.CloudFrontID != "" {
		gone, err := w.deleteInCloud(ctx, r, d)
		if err != nil || !gone {
			r.waitOn = d.CloudFrontID
			return waitDeployment, err
		}
	}
	for _, c := range distributionCleanups {
		if err := c.Run(w, ctx, d, r); err != nil {
			return 0, fmt.Errorf("cleanup %s of %s: %w", c.Name, d.ID, err)
		}
		r.op.Record(cleanupStepPrefix+c.Name, "Done", "", w.Now())
	}
	w.markDeleted(r, d)
	return finished, nil
}

// deleteInCloud takes one step towards the CloudFront distribution being gone; gone=false
// means wait (poll again).
func (w Worker) deleteInCloud(ctx context.Context, r *run, d domain.Distribution) (gone bool, err error) {
	id := d.CloudFrontID
	live, err := w.Cloud.CDN.GetDistribution(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("get distribution %s: %w", id, err)
	}
	if domain.BoolValue(live.Config.Enabled, true) {
		_, err := w.writeConfig(ctx, id, disabledConfig)
		if errors.Is(err, domain.ErrNotFound) {
			return true, nil
		}
		if err != nil {
			return false, fmt.Errorf("disable distribution %s: %w", id, err)
		}
		now := w.Now()
		r.op.Record(stepDisable, "Done", id, now)
		r.op.Record(stepWaitDisabled, "Waiting", "", now)
		return false, w.recordDeleteProgress(ctx, r, d, "Disabled", "CloudFront distribution "+id+" disabled; deploying")
	}
	if live.Status != domain.CloudStatusDeployed {
		r.op.Record(stepWaitDisabled, "Waiting", live.Status, w.Now())
		return false, nil
	}
	err = w.Cloud.CDN.DeleteDistribution(ctx, id, live.ETag)
	switch {
	case err == nil, errors.Is(err, domain.ErrNotFound):
		r.op.Record(stepWaitDisabled, "Done", "Deployed", w.Now())
		r.op.Record(stepDeleteInCloud, "Done", id, w.Now())
		return true, nil
	case errors.Is(err, domain.ErrPreconditionFailed):
		// Changed between the read and the delete: read again on the next pass, soon.
		return false, domain.RetryAfter(fmt.Errorf("delete distribution %s: %w", id, err), time.Second)
	case errors.Is(err, domain.ErrConflict):
		// DistributionNotDisabled: CloudFront has not caught up with the disabled config yet.
		if _, ok := domain.RetryDelay(err); ok {
			return false, fmt.Errorf("delete distribution %s: %w", id, err)
		}
		return false, domain.RetryAfter(fmt.Errorf("delete distribution %s: %w", id, err), notDisabledDelay)
	}
	return false, fmt.Errorf("delete distribution %s: %w", id, err)
}

// disabledConfig is the writeConfig step that turns a distribution off.
func disabledConfig(live domain.LiveDistribution) (domain.DistributionConfig, bool) {
	cfg := live.Config
	cfg.Enabled = domain.Bool(false)
	return cfg, domain.BoolValue(live.Config.Enabled, true)
}

// recordDeleteProgress persists a deletion step with a history entry.
func (w Worker) recordDeleteProgress(ctx context.Context, r *run, d domain.Distribution, action, msg string) error {
	now := w.Now()
	d.UpdatedAt = now
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: action, Actor: r.op.Actor, OperationID: r.op.ID, Message: msg, At: now}
	if err := w.Store.Write(ctx, shared.PutDistribution(&d), shared.PutOperation(r.op), shared.PutHistory(hist)); err != nil {
		return fmt.Errorf("record %s of %s: %w", action, d.ID, err)
	}
	return nil
}

// markDeleted prepares the record's removal, the history entry and distribution.deleted; they
// are committed with the operation's success.
func (w Worker) markDeleted(r *run, d domain.Distribution) {
	now := w.Now()
	r.op.Record(stepRemoveRecord, "Done", d.ID, now)
	r.op.Result = &domain.OperationResult{DistributionID: d.ID}
	if d.CloudFrontID != "" {
		r.op.Result.CloudFrontID = d.CloudFrontID
	}
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Deleted", Actor: r.op.Actor, OperationID: r.op.ID, At: now,
		Message: "distribution deleted; this history is kept"}
	r.writes = append(r.writes, shared.DeleteKey(domain.KindDistribution, d.ID, d.Version), shared.PutHistory(hist))
	r.events = append(r.events, events.New(events.TypeDistributionDeleted, r.op.ID, now, events.DistributionDeleted{
		Version: events.EventVersion, DistributionID: d.ID, CloudFrontID: d.CloudFrontID, OperationID: r.op.ID}))
}
