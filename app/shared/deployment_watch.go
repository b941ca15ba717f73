package shared

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// The deployment watcher: one per account instead of one poll loop per operation. An operation
// that waits for CloudFront to report Deployed leaves a DeploymentWait record; while any exist,
// the watcher ticks (a delayed deployment.watch message on the poll queue, rescheduled by each
// tick, on Lambda and locally alike), reads every distribution's status through
// ListDistributions pages, and wakes the operations whose distribution is Deployed. A lease
// record keeps the tick single: only the message carrying the lease's sequence number goes on.

// watchLeaseID names the account's one lease record.
const watchLeaseID = "deployments"

// DeploymentWait says that an operation waits for its distribution's deployment.
type DeploymentWait struct {
	OperationID  string `json:"operationId"`
	ResourceID   string `json:"resourceId"`
	CloudFrontID string `json:"cloudfrontId"`
	// Since is when the change was sent: a status read before it says nothing about it.
	Since time.Time `json:"since"`
}

// WatchLease is the watcher's tick schedule: the sequence number of the one live tick message
// and when it is due; Idle when nothing waits.
type WatchLease struct {
	Seq    int64     `json:"seq"`
	NextAt time.Time `json:"nextAt"`
	Idle   bool      `json:"idle"`
}

// PutDeploymentWait is the write that records w (version: the stored record's, 0 if none).
func PutDeploymentWait(w DeploymentWait, version int64) domain.Write {
	return Put(domain.KindDeploymentWait, w.OperationID, version+1, w.ResourceID, "", SortTime(w.Since)+"#"+w.OperationID, w)
}

// DeploymentWaitVersion returns the stored version of an operation's wait record (0: none).
func (d Deps) DeploymentWaitVersion(ctx context.Context, opID string) (int64, error) {
	it, err := d.Store.Get(ctx, domain.KindDeploymentWait, opID)
	if errors.Is(err, domain.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("deployment wait of %s: %w", opID, err)
	}
	return it.Version, nil
}

// NextTick is the jittered delay until the watcher's next tick.
func (t Timing) NextTick() time.Duration {
	d := t.WatchTick
	if d <= 0 {
		d = time.Second
	}
	if t.WatchJitter > 0 {
		d += time.Duration(rand.Int64N(int64(2*t.WatchJitter)+1)) - t.WatchJitter
	}
	return max(d, 0)
}

// LoadWatchLease reads the lease and its stored version (0: never written).
func (d Deps) LoadWatchLease(ctx context.Context) (WatchLease, int64, error) {
	it, err := d.Store.Get(ctx, domain.KindWatchLease, watchLeaseID)
	if errors.Is(err, domain.ErrNotFound) {
		return WatchLease{Idle: true}, 0, nil
	}
	if err != nil {
		return WatchLease{}, 0, fmt.Errorf("watch lease: %w", err)
	}
	l, err := Load[WatchLease](ctx, d.Store, domain.KindWatchLease, watchLeaseID)
	return l, it.Version, err
}

// ScheduleTick moves the lease from version to its next tick and sends that tick. A lost race
// (someone else moved the lease first) is not an error: their tick is the live one.
func (d Deps) ScheduleTick(ctx context.Context, lease WatchLease, version int64) error {
	delay := d.Timing.NextTick()
	next := WatchLease{Seq: lease.Seq + 1, NextAt: d.Now().Add(delay)}
	err := d.Store.Write(ctx, Put(domain.KindWatchLease, watchLeaseID, version+1, "", "", "", next))
	if errors.Is(err, domain.ErrConflict) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("schedule deployment watch: %w", err)
	}
	return d.sendTick(ctx, next.Seq, delay)
}

// IdleWatch marks the lease idle (nothing waits); false means the lease moved meanwhile.
func (d Deps) IdleWatch(ctx context.Context, lease WatchLease, version int64) (bool, error) {
	lease.Idle = true
	err := d.Store.Write(ctx, Put(domain.KindWatchLease, watchLeaseID, version+1, "", "", "", lease))
	if errors.Is(err, domain.ErrConflict) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("idle deployment watch: %w", err)
	}
	return true, nil
}

// EnsureWatch starts the watcher's tick unless one is scheduled: after writing a wait record,
// and from the sweeper (the backstop for a tick message lost in a crash).
func (d Deps) EnsureWatch(ctx context.Context) error {
	lease, version, err := d.LoadWatchLease(ctx)
	if err != nil {
		return err
	}
	overdue := d.Now().Add(-3*d.Timing.NextTick() - 10*time.Second)
	if !lease.Idle && lease.NextAt.After(overdue) {
		return nil
	}
	return d.ScheduleTick(ctx, lease, version)
}

// EnsureWatchIfWaiting runs EnsureWatch when any operation waits: on start and from every
// sweep, so a tick lost in a crash is restarted within a sweep.
func (d Deps) EnsureWatchIfWaiting(ctx context.Context) error {
	page, err := d.Store.Query(ctx, domain.Query{Kind: domain.KindDeploymentWait, Index: domain.ByKind, Limit: 1})
	if err != nil {
		return fmt.Errorf("read deployment waits: %w", err)
	}
	if len(page.Items) == 0 {
		return nil
	}
	return d.EnsureWatch(ctx)
}

// CheckDeploymentsNow asks the watcher for one immediate pass outside its schedule (a
// CloudTrail event about a distribution being deployed).
func (d Deps) CheckDeploymentsNow(ctx context.Context) error {
	return d.sendTick(ctx, 0, 0)
}

func (d Deps) sendTick(ctx context.Context, seq int64, delay time.Duration) error {
	cmd := events.Command{Type: events.CommandWatchDeployments, Version: events.CommandVersion, Tick: seq}
	if err := d.Queue.Send(ctx, domain.QueuePolls, domain.Message{Body: cmd.Marshal(), Delay: delay}); err != nil {
		return fmt.Errorf("send deployment watch tick %d: %w", seq, err)
	}
	return nil
}
