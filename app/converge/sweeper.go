package converge

import (
	"context"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// outboxGrace is how old an outbox record must be before the sweeper delivers it: younger ones
// are the API's own immediate send, still under way.
const outboxGrace = 30 * time.Second

// Sweeper finds operations nobody is working on (an operation parked on the deployment watcher
// is not stuck; the sweeper only makes sure the watcher ticks): it delivers outbox commands the API did not
// get to send (it crashed between the commit and the send; outbox.go), re-sends the command of an operation that
// sat in Accepted or Running past Timing.StuckAfter (the API or a worker died between writing and
// sending) and fails those past their deadline.
type Sweeper struct{ shared.Deps }

// SweepReport counts what one sweep did.
type SweepReport struct {
	Relayed int `json:"relayed"`
	Resent  int `json:"resent"`
	Failed  int `json:"failed"`
	Watched int `json:"watched"`
}

// Sweep runs once over every stuck operation, page by page.
func (s Sweeper) Sweep(ctx context.Context) (SweepReport, error) {
	var rep SweepReport
	now := s.Now()
	relayed, err := shared.Relay{Store: s.Store, Queue: s.Queue}.DeliverPending(ctx, now, outboxGrace)
	rep.Relayed = relayed
	if err != nil {
		return rep, err
	}
	below := shared.SortTime(now.Add(-s.Timing.StuckAfter))
	w := Worker(s)
	for _, status := range []domain.OperationStatus{domain.OperationAccepted, domain.OperationRunning} {
		q := domain.Query{Kind: domain.KindOperation, Index: domain.ByStatus, Key: string(status), Limit: 100, Below: below}
		for {
			ops, next, err := shared.List[domain.Operation](ctx, s.Store, q)
			if err != nil {
				return rep, err
			}
			for i := range ops {
				op := &ops[i]
				watched, err := s.watched(ctx, op)
				if err != nil {
					return rep, err
				}
				if watched && !now.After(op.Deadline) {
					rep.Watched++ // parked on the deployment watcher, not stuck
					continue
				}
				if now.After(op.Deadline) {
					if err := w.fail(ctx, op, fmt.Errorf("operation passed its deadline without finishing")); err != nil {
						return rep, err
					}
					rep.Failed++
					continue
				}
				if err := s.SendExecute(ctx, *op, fmt.Sprintf("%s-sweep-%d", op.ID, now.Unix()/60)); err != nil {
					return rep, fmt.Errorf("re-send %s: %w", op.ID, err)
				}
				rep.Resent++
			}
			if next == "" {
				break
			}
			q.Cursor = next
		}
	}
	if s.Cloud.Statuses != nil {
		// The backstop for a watcher tick lost in a crash.
		if err := s.EnsureWatchIfWaiting(ctx); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// watched reports whether op is parked on the deployment watcher (it has a wait record).
func (s Sweeper) watched(ctx context.Context, op *domain.Operation) (bool, error) {
	if op.Status != domain.OperationRunning || s.Cloud.Statuses == nil {
		return false, nil
	}
	v, err := s.DeploymentWaitVersion(ctx, op.ID)
	return v > 0, err
}
