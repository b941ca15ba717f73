package watch

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// Watch reacts to CloudTrail records of CloudFront API calls (delivered through EventBridge):
// a change to a managed distribution made outside this product marks it drifted.
type Watch struct {
	shared.Deps
	// OwnPrincipal is a fragment of the ARN the worker calls CloudFront as (its role, e.g.
	// ":role/cfm-worker-"); calls by it are not drift. Empty: only the comparison of the live
	// config with the last applied one decides.
	OwnPrincipal string
}

// WatchOutcome says what one CloudTrail record led to.
type WatchOutcome string

const (
	WatchIgnored   WatchOutcome = "ignored"   // read-only, failed, or not about a distribution
	WatchUnmanaged WatchOutcome = "unmanaged" // a distribution this product does not manage
	WatchOwn       WatchOutcome = "own"       // made by this product
	WatchBusy      WatchOutcome = "busy"      // an operation is converging it; it re-applies the plan
	WatchInSync    WatchOutcome = "in-sync"   // live config equals the applied one
	WatchDrifted   WatchOutcome = "drifted"   // newly marked drifted
	WatchResolved  WatchOutcome = "resolved"  // drift gone (live equals applied again)
	WatchRecorded  WatchOutcome = "recorded"  // outside call that changes no config: history only
	WatchDuplicate WatchOutcome = "duplicate" // this record was handled already
)

// configActions change a distribution's config or existence; noteActions touch it without
// changing its config (recorded in the history). Everything else is ignored.
var (
	configActions = map[string]bool{"UpdateDistribution": true, "DeleteDistribution": true,
		"AssociateAlias": true, "UpdateDistributionWithStagingConfig": true,
		// Tags are part of the desired config (config.Tags): a change made elsewhere is drift.
		"TagResource": true, "UntagResource": true}
	noteActions = map[string]bool{"CreateInvalidation": true}
)

// HandleCloudTrail processes one recorded CloudFront API call. An error means "deliver again".
func (w Watch) HandleCloudTrail(ctx context.Context, call events.CloudTrailCall) (WatchOutcome, error) {
	action := call.Action()
	if call.EventSource != events.CloudFrontEventSource || call.ReadOnly || call.ErrorCode != "" ||
		(!configActions[action] && !noteActions[action]) {
		return WatchIgnored, nil
	}
	cfID := call.DistributionID()
	if cfID == "" {
		return WatchIgnored, nil
	}
	d, err := w.ManagedByCloudFrontID(ctx, cfID)
	if errors.Is(err, domain.ErrNotFound) {
		return WatchUnmanaged, nil
	}
	if err != nil {
		return "", err
	}
	if d.Status == domain.DistributionDeleted {
		return WatchUnmanaged, nil
	}
	own := call.MadeBy(w.OwnPrincipal)
	switch {
	case noteActions[action] && own:
		return WatchOwn, nil
	case noteActions[action]:
		return w.note(ctx, d, call)
	case d.Busy():
		// An operation is converging it and may be waiting for its deployment: look now
		// instead of at the watcher's next tick.
		if w.Cloud.Statuses != nil {
			if err := w.CheckDeploymentsNow(ctx); err != nil {
				return "", err
			}
		}
		return WatchBusy, nil
	case own && !d.Drifted:
		return WatchOwn, nil
	}
	return w.compare(ctx, d, driftSource{EventID: call.EventID, EventName: action, Actor: call.Actor()})
}

// driftSource names what revealed a possible drift: a CloudTrail record or a periodic check.
type driftSource struct {
	EventID   string
	EventName string
	Actor     string
}

// compare reads the live distribution and marks, keeps or clears the drift.
func (w Watch) compare(ctx context.Context, d domain.Distribution, src driftSource) (WatchOutcome, error) {
	rep, err := w.LastDriftReport(ctx, d.ID)
	if err != nil {
		return "", err
	}
	if src.EventID != "" && rep.EventID == src.EventID {
		return WatchDuplicate, nil
	}
	live, err := w.Cloud.CDN.GetDistribution(ctx, d.CloudFrontID)
	deleted := errors.Is(err, domain.ErrNotFound)
	if err != nil && !deleted {
		return "", fmt.Errorf("get distribution %s: %w", d.CloudFrontID, err)
	}
	var changes []domain.Change
	if !deleted {
		if live.Config.Tags, err = w.liveUserTags(ctx, d); err != nil {
			return "", err
		}
		changes = shared.ConfigDrift(d.AppliedConfig, &live.Config)
	}
	switch {
	case !deleted && len(changes) == 0 && d.Drifted:
		return WatchResolved, w.resolve(ctx, d, src)
	case !deleted && len(changes) == 0:
		return WatchInSync, nil
	case d.Drifted && rep.DeletedOutside == deleted && sameChanges(rep.Changes, changes) && src.EventID == "":
		return WatchDuplicate, nil // a periodic check finding the drift already reported
	}
	return WatchDrifted, w.markDrifted(ctx, d, rep, src, changes, deleted)
}

// liveUserTags reads the distribution's tags a request may set (config.Tags): the product's
// own (ManagedBy, cfm:…) are not the user's to drift from. Without a tagger there are none.
func (w Watch) liveUserTags(ctx context.Context, d domain.Distribution) (map[string]string, error) {
	if w.Cloud.Tagger == nil || d.ARN == "" {
		return nil, nil
	}
	tags, err := w.Cloud.Tagger.ListTags(ctx, d.ARN)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list tags of %s: %w", d.CloudFrontID, err)
	}
	return domain.UserTags(tags), nil
}
