package converge

import (
	"context"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// The deployment watcher's tick (see app/shared/deployment_watch.go for the records and the
// schedule). Each tick reads the wait records and, when there are any, every ListDistributions
// page once; CloudFront reads per minute are ticks × pages, flat in the number in flight.

// waitPageSize bounds one store page of wait records (and one write of their deletion).
const waitPageSize = 100

// waitForDeployment parks an operation on the watcher: its wait record is written with the
// operation's touch, in one commit, and the watcher's tick is started if it was idle.
func (w Worker) waitForDeployment(ctx context.Context, op *domain.Operation, cloudFrontID string) error {
	version, err := w.DeploymentWaitVersion(ctx, op.ID)
	if err != nil {
		return err
	}
	now := w.Now()
	op.UpdatedAt = now
	wait := shared.DeploymentWait{OperationID: op.ID, ResourceID: op.ResourceID, CloudFrontID: cloudFrontID, Since: now}
	if err := w.Store.Write(ctx, shared.PutOperation(op), shared.PutDeploymentWait(wait, version)); err != nil {
		return fmt.Errorf("park %s on the deployment watcher: %w", op.ID, err)
	}
	return w.EnsureWatch(ctx)
}

// watchDeployments runs one tick: wake every operation whose distribution is Deployed (or
// gone), then schedule the next tick, or go idle when nothing waits any more. A tick whose
// sequence is not the lease's is a duplicate (or was superseded) and does nothing; tick 0 is
// an immediate check that does not touch the schedule.
func (w Worker) watchDeployments(ctx context.Context, cmd events.Command) error {
	lease, version, err := w.LoadWatchLease(ctx)
	if err != nil {
		return err
	}
	if cmd.Tick != 0 && (lease.Idle || lease.Seq != cmd.Tick) {
		return nil
	}
	waiting, err := w.checkDeployments(ctx)
	if err != nil {
		return err // the message comes back: this tick is retried
	}
	if cmd.Tick == 0 {
		return nil
	}
	if waiting > 0 {
		return w.ScheduleTick(ctx, lease, version)
	}
	idled, err := w.IdleWatch(ctx, lease, version)
	if err != nil || !idled {
		return err
	}
	// A wait written while this tick went idle must not be left unwatched.
	page, err := w.Store.Query(ctx, domain.Query{Kind: domain.KindDeploymentWait, Index: domain.ByKind, Limit: 1})
	if err != nil {
		return fmt.Errorf("read deployment waits: %w", err)
	}
	if len(page.Items) > 0 {
		return w.EnsureWatch(ctx)
	}
	return nil
}

// checkDeployments reads the wait records and the distributions' statuses, wakes the
// operations that can go on and deletes their records; it returns how many still wait.
func (w Worker) checkDeployments(ctx context.Context) (int, error) {
	var waits []shared.DeploymentWait
	q := domain.Query{Kind: domain.KindDeploymentWait, Index: domain.ByKind, Limit: waitPageSize}
	for {
		page, next, err := shared.List[shared.DeploymentWait](ctx, w.Store, q)
		if err != nil {
			return 0, err
		}
		waits = append(waits, page...)
		if next == "" {
			break
		}
		q.Cursor = next
	}
	if len(waits) == 0 {
		return 0, nil
	}
	observedAt := w.Now()
	statuses, err := w.listStatuses(ctx)
	if err != nil {
		return 0, err
	}
	var woken []domain.Write
	still := 0
	for _, wait := range waits {
		st, listed := statuses[wait.CloudFrontID]
		if listed && (st.Status != domain.CloudStatusDeployed || !observedAt.After(wait.Since)) {
			still++
			continue
		}
		obs := &events.Observed{CloudFrontID: wait.CloudFrontID, Status: st.Status, DomainName: st.DomainName, At: observedAt}
		if !listed {
			obs.Status = "" // gone: the worker reads it to find out
		}
		cmd := events.Command{Type: events.CommandCheckDeployment, Version: events.CommandVersion,
			OperationID: wait.OperationID, ResourceID: wait.ResourceID, Observed: obs}
		if err := w.Queue.Send(ctx, domain.QueuePolls, domain.Message{Body: cmd.Marshal()}); err != nil {
			return 0, fmt.Errorf("wake %s: %w", wait.OperationID, err)
		}
		woken = append(woken, shared.DeleteKey(domain.KindDeploymentWait, wait.OperationID, 0))
		if len(woken) == waitPageSize {
			if err := w.Store.Write(ctx, woken...); err != nil {
				return 0, fmt.Errorf("clear deployment waits: %w", err)
			}
			woken = woken[:0]
		}
	}
	if len(woken) > 0 {
		if err := w.Store.Write(ctx, woken...); err != nil {
			return 0, fmt.Errorf("clear deployment waits: %w", err)
		}
	}
	return still, nil
}

// listStatuses reads every ListDistributions page once.
func (w Worker) listStatuses(ctx context.Context) (map[string]domain.DeploymentStatus, error) {
	out := map[string]domain.DeploymentStatus{}
	marker := ""
	for {
		page, next, err := w.Cloud.Statuses.ListDistributionStatuses(ctx, marker)
		if err != nil {
			return nil, cloudError(fmt.Errorf("list distributions: %w", err))
		}
		for _, s := range page {
			out[s.ID] = s
		}
		if next == "" {
			return out, nil
		}
		marker = next
	}
}

// deploymentStatus is the distribution's status: what the watcher observed when it woke this
// run, or else one read.
func (w Worker) deploymentStatus(ctx context.Context, r *run, cloudFrontID string) (domain.LiveDistribution, error) {
	if live, ok := r.observedDeployed(cloudFrontID); ok {
		return live, nil
	}
	live, err := w.Cloud.CDN.GetDistribution(ctx, cloudFrontID)
	if err != nil {
		return live, fmt.Errorf("get distribution %s: %w", cloudFrontID, err)
	}
	return live, nil
}

// observedDeployed returns what the watcher saw for cloudFrontID when it woke this run
// (Deployed), so the worker does not read the distribution again; ok=false: read it.
func (r *run) observedDeployed(cloudFrontID string) (domain.LiveDistribution, bool) {
	o := r.observed
	if o == nil || o.CloudFrontID != cloudFrontID || o.Status != domain.CloudStatusDeployed {
		return domain.LiveDistribution{}, false
	}
	return domain.LiveDistribution{ID: o.CloudFrontID, Status: o.Status, DomainName: o.DomainName}, true
}
