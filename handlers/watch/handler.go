// Package watch is the EventBridge transport of the watch logic: CloudTrail records of
// CloudFront API calls (drift) and the scheduled drift check.
package watch

import (
	"context"
	"fmt"
	"log/slog"

	lambdaevents "github.com/aws/aws-lambda-go/events"

	appwatch "github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/events"
)

// DetailTypeScheduled is the detail-type of an EventBridge schedule rule's event.
const DetailTypeScheduled = "Scheduled Event"

// Watcher is the use case the handler calls (watch.Watch).
type Watcher interface {
	HandleCloudTrail(ctx context.Context, call events.CloudTrailCall) (appwatch.WatchOutcome, error)
	CheckAll(ctx context.Context) (appwatch.DriftCheckReport, error)
}

// Handler receives EventBridge events.
type Handler struct {
	Watch Watcher
	Log   *slog.Logger
}

// Handle dispatches on the detail-type. An error makes Lambda retry the (asynchronous)
// invocation and, after its retries, send the event to the function's failure destination; an
// event that can never be processed (undecodable, unknown type) is logged and dropped instead.
func (h Handler) Handle(ctx context.Context, ev lambdaevents.EventBridgeEvent) error {
	switch ev.DetailType {
	case events.DetailTypeCloudTrailCall:
		call, err := events.ParseCloudTrailCall(ev.Detail)
		if err != nil {
			h.log().WarnContext(ctx, "CloudTrail event dropped", "id", ev.ID, "error", err)
			return nil
		}
		out, err := h.Watch.HandleCloudTrail(ctx, call)
		if err != nil {
			return fmt.Errorf("handle %s record %s: %w", call.EventName, call.EventID, err)
		}
		h.log().InfoContext(ctx, "CloudTrail record handled", "eventName", call.EventName, "eventId", call.EventID, "outcome", out)
		return nil
	case DetailTypeScheduled:
		rep, err := h.Watch.CheckAll(ctx)
		if err != nil {
			return fmt.Errorf("drift check: %w", err)
		}
		h.log().InfoContext(ctx, "drift check", "checked", rep.Checked, "drifted", rep.Drifted, "resolved", rep.Resolved)
		return nil
	}
	h.log().WarnContext(ctx, "event of unexpected detail-type dropped", "id", ev.ID, "detailType", ev.DetailType, "source", ev.Source)
	return nil
}

func (h Handler) log() *slog.Logger {
	if h.Log == nil {
		return slog.Default()
	}
	return h.Log
}
