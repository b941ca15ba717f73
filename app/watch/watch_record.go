package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// markDrifted publishes distribution.drifted (id from the record, so a redelivery is dropped by
// subscribers), then records the flag, the report and a "Drifted" history entry atomically.
func (w Watch) markDrifted(ctx context.Context, d domain.Distribution, rep shared.DriftReport, src driftSource,
	changes []domain.Change, deleted bool) error {
	now := w.Now()
	key := src.EventID
	if key == "" {
		key = d.ID + ":" + shared.SortTime(now)
	}
	ev := events.New(events.TypeDistributionDrifted, key, now, events.DistributionDrifted{Version: events.EventVersion,
		DistributionID: d.ID, CloudFrontID: d.CloudFrontID, EventName: src.EventName, Actor: src.Actor, Changes: changes})
	if err := w.Bus.Publish(ctx, ev); err != nil {
		return fmt.Errorf("publish drift of %s: %w", d.ID, err)
	}
	msg := fmt.Sprintf("%s by %s changed %d field(s) outside the product", src.EventName, src.Actor, len(changes))
	if deleted {
		msg = fmt.Sprintf("%s by %s: the CloudFront distribution is gone", src.EventName, src.Actor)
	}
	if changes == nil {
		changes = []domain.Change{}
	}
	rep.CloudFrontID, rep.DetectedAt, rep.EventID, rep.EventName, rep.Actor = d.CloudFrontID, now, src.EventID, src.EventName, src.Actor
	rep.DeletedOutside, rep.Changes = deleted, changes
	d.Drifted = true
	d.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Drifted", Actor: src.Actor, Changes: changes, Message: msg, At: now}
	if err := w.Store.Write(ctx, shared.PutDistribution(&d), shared.PutDriftReport(&rep), shared.PutHistory(hist)); err != nil {
		return fmt.Errorf("record drift of %s: %w", d.ID, err)
	}
	w.Logger().WarnContext(ctx, "distribution drifted", "distribution", d.ID, "cloudfrontId", d.CloudFrontID,
		"eventName", src.EventName, "actor", src.Actor, "changes", len(changes), "deleted", deleted)
	return nil
}

// resolve clears the drift flag once the live config equals the applied one again.
func (w Watch) resolve(ctx context.Context, d domain.Distribution, src driftSource) error {
	now := w.Now()
	d.Drifted = false
	d.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "DriftResolved", Actor: src.Actor,
		Message: "the live config equals the last applied one again (" + src.EventName + ")", At: now}
	rep, err := w.LastDriftReport(ctx, d.ID)
	if err != nil {
		return err
	}
	writes := []domain.Write{shared.PutDistribution(&d), shared.PutHistory(hist)}
	if rep.Version > 0 {
		writes = append(writes, shared.DeleteKey(shared.KindDriftReport, d.ID, rep.Version))
	}
	if err := w.Store.Write(ctx, writes...); err != nil {
		return fmt.Errorf("record drift resolution of %s: %w", d.ID, err)
	}
	return nil
}

// note records an outside call that changes no config (an invalidation, tags) in the history.
func (w Watch) note(ctx context.Context, d domain.Distribution, call events.CloudTrailCall) (WatchOutcome, error) {
	hist := domain.HistoryEntry{ID: "h-ct-" + call.EventID, ResourceID: d.ID, Action: "ChangedOutside", Actor: call.Actor(),
		Message: call.Action() + " outside the product", At: w.Now()}
	if call.EventID == "" {
		hist.ID = ""
	}
	err := w.Store.Write(ctx, shared.PutHistory(hist))
	if errors.Is(err, domain.ErrConflict) {
		return WatchDuplicate, nil // the same record, delivered again
	}
	if err != nil {
		return "", fmt.Errorf("record %s on %s: %w", call.Action(), d.ID, err)
	}
	return WatchRecorded, nil
}

// sameChanges compares two change lists as JSON (a stored report went through JSON).
func sameChanges(a, b []domain.Change) bool {
	if len(a) != len(b) {
		return false
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
