package converge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Bounds of the read-ETag-then-write loop: a write that keeps losing to concurrent writers is
// retried later as a whole instead of spinning.
const (
	maxPreconditionAttempts = 5
	preconditionRetryDelay  = 5 * time.Second
)

// Step names of an update (recorded on the operation).
const (
	stepUpdateRouting     = "UpdateRoutingFunction"
	stepUpdate            = "UpdateDistribution"
	stepWaitForDeployment = "WaitForDeployment"
	stepDetachOldOrigins  = "DetachPreviousOrigins"
)

// updateDistribution applies the distribution's desired config: the origins it now uses list
// it in their bucket policies, a changed routing function is rewritten and published, then
// the config is written (read the live config and its ETag, write with IfMatch, re-read on
// PreconditionFailed); once CloudFront reports Deployed, the origins it no longer uses drop
// it. A redelivery after the write was sent finds the live config equal to the desired one
// and does not send it again.
func (w Worker) updateDistribution(ctx context.Context, r *run) (outcome, error) {
	d, owner, err := w.updateOwner(ctx, r) // update_coalesce.go
	if err != nil || !owner {
		return parked, err
	}
	if d.CloudFrontID == "" {
		return 0, domain.Permanent(fmt.Errorf("distribution %s has no CloudFront distribution to update", d.ID))
	}
	var in shared.UpdateDistributionInput
	if len(r.op.Input) > 0 {
		if err := json.Unmarshal(r.op.Input, &in); err != nil {
			return 0, domain.Permanent(fmt.Errorf("decode the input of %s: %w", r.op.ID, err))
		}
	}
	if !r.op.HasStep(stepUpdate) {
		if err := w.attachOrigins(ctx, r, d); err != nil { // origin_attach.go
			return 0, err
		}
		if err := w.updateRouting(ctx, r, in.Routing); err != nil {
			return 0, err
		}
		if err := w.applyConfig(ctx, r, &d); err != nil {
			return 0, err
		}
		r.waitOn = d.CloudFrontID
		return waitDeployment, nil
	}
	live, err := w.deploymentStatus(ctx, r, d.CloudFrontID)
	if err != nil {
		return 0, cloudError(err)
	}
	if live.Status != domain.CloudStatusDeployed {
		r.waitOn = d.CloudFrontID
		return waitDeployment, nil
	}
	if err := w.detachPreviousOrigins(ctx, r, d, in.PreviousOriginIDs); err != nil {
		return 0, err
	}
	if err := w.completeCarried(ctx, r, d); err != nil {
		return 0, err
	}
	w.markDeployed(r, &d, live)
	return finished, nil
}

// updateRouting regenerates and publishes a multi-origin distribution's routing function for
// its new origins (once per operation), before the config that relies on it is sent. A
// CloudFront Function keeps its ARN, so the planned config already names it.
func (w Worker) updateRouting(ctx context.Context, r *run, rt *shared.RoutingChange) error {
	if rt == nil || r.op.HasStep(stepUpdateRouting) {
		return nil
	}
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, rt.FunctionID)
	if err != nil {
		return fmt.Errorf("routing function %s: %w", rt.FunctionID, err)
	}
	f.Origins, f.Preset = rt.Origins, rt.Preset
	if err := w.ensureEdgeFunction(ctx, r, &f); err != nil { // edge_deploy.go
		return err
	}
	now := w.Now()
	f.UpdatedAt = now
	r.op.Record(stepUpdateRouting, "Done", associationARN(f), now)
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: f.ID, Action: "Updated", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: fmt.Sprintf("routing regenerated for %d origins and published", 1+len(rt.Origins.Additional)), At: now}
	if err := w.Store.Write(ctx, shared.PutEdgeFunction(&f), shared.PutOperation(r.op), shared.PutHistory(hist)); err != nil {
		return fmt.Errorf("record routing of %s: %w", f.ID, err)
	}
	return nil
}

// detachPreviousOrigins removes the distribution from the links and bucket policies of the
// managed origins it used before the update and no longer uses, once the config that stopped
// using them is deployed. Idempotent: a removed link stays removed.
func (w Worker) detachPreviousOrigins(ctx context.Context, r *run, d domain.Distribution, previous []string) error {
	var gone []string
	for _, id := range previous {
		if !slices.Contains(d.OriginIDs, id) {
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 || r.op.HasStep(stepDetachOldOrigins) {
		return nil
	}
	if err := w.DetachOrigins(ctx, domain.Distribution{ID: d.ID, OriginIDs: gone}); err != nil {
		return err
	}
	r.op.Record(stepDetachOldOrigins, "Done", strings.Join(gone, ","), w.Now())
	return nil
}

// applyConfig converges the live config to d.Config and records that CloudFront accepted it.
func (w Worker) applyConfig(ctx context.Context, r *run, d *domain.Distribution) error {
	desired, err := w.resolveReferences(ctx, d.Config) // references.go
	if err != nil {
		return fmt.Errorf("update distribution %s: %w", d.ID, err)
	}
	sent, err := w.writeConfig(ctx, d.CloudFrontID, func(live domain.LiveDistribution) (domain.DistributionConfig, bool) {
		if desired.CallerReference == "" {
			desired.CallerReference = live.Config.CallerReference
		}
		cfg := withoutTags(desired)
		return cfg, len(domain.DiffConfigs(&live.Config, &cfg)) > 0
	})
	if err != nil {
		return fmt.Errorf("update distribution %s: %w", d.ID, err)
	}
	if err := w.syncTags(ctx, d.ARN, desired.Tags); err != nil {
		return fmt.Errorf("update distribution %s: %w", d.ID, err)
	}
	now := w.Now()
	detail := "sent"
	if !sent {
		detail = "already applied"
	}
	applied := desired
	d.AppliedConfig = &applied
	d.Status = domain.DistributionInProgress
	d.UpdatedAt = now
	r.op.Record(stepUpdate, "Done", detail, now)
	r.op.Record(stepWaitForDeployment, "Waiting", "", now)
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Updated", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: "CloudFront accepted the new config; deploying", At: now}
	if err := w.Store.Write(ctx, shared.PutDistribution(d), shared.PutOperation(r.op), shared.PutHistory(hist)); err != nil {
		return fmt.Errorf("record update of %s: %w", d.ID, err)
	}
	return nil
}

// writeConfig reads the live distribution (fresh ETag), asks next for the config to write and
// whether it differs, and writes it with IfMatch. PreconditionFailed means someone wrote in
// between: read again and re-apply, a bounded number of times. sent reports whether a write
// was needed.
func (w Worker) writeConfig(ctx context.Context, cloudFrontID string,
	next func(live domain.LiveDistribution) (domain.DistributionConfig, bool)) (sent bool, err error) {
	for attempt := 1; ; attempt++ {
		live, err := w.Cloud.CDN.GetDistribution(ctx, cloudFrontID)
		if err != nil {
			return false, cloudError(fmt.Errorf("get distribution %s: %w", cloudFrontID, err))
		}
		cfg, differs := next(live)
		if !differs {
			return false, nil
		}
		_, err = w.Cloud.CDN.UpdateDistribution(ctx, cloudFrontID, cfg, live.ETag)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, domain.ErrPreconditionFailed) && attempt < maxPreconditionAttempts:
			w.Logger().InfoContext(ctx, "ETag changed under the write; re-reading", "cloudfrontId", cloudFrontID, "attempt", attempt)
			continue
		case errors.Is(err, domain.ErrPreconditionFailed):
			return false, domain.RetryAfter(fmt.Errorf("update distribution %s: still stale after %d attempts: %w",
				cloudFrontID, attempt, err), preconditionRetryDelay)
		}
		return false, cloudError(fmt.Errorf("update distribution %s: %w", cloudFrontID, err))
	}
}

// cloudError makes a missing distribution permanent: the worker cannot converge a resource
// that is gone. Everything else keeps its class (throttling and conflicts are retried).
func cloudError(err error) error {
	if errors.Is(err, domain.ErrNotFound) && !domain.IsPermanent(err) {
		return domain.Permanent(err)
	}
	return err
}
