package converge_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// fakeStatuses lists the fake CDN's distributions, pageSize per page, counting the calls.
type fakeStatuses struct {
	cdn      *fakeCDN
	pageSize int
	mu       sync.Mutex
	lists    int
}

func (f *fakeStatuses) ListDistributionStatuses(_ context.Context, marker string) ([]domain.DeploymentStatus, string, error) {
	f.mu.Lock()
	f.lists++
	f.mu.Unlock()
	f.cdn.mu.Lock()
	defer f.cdn.mu.Unlock()
	var ids []string
	for _, id := range f.cdn.created {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var page []domain.DeploymentStatus
	for _, id := range ids {
		if id <= marker {
			continue
		}
		if len(page) == f.pageSize {
			return page, page[len(page)-1].ID, nil
		}
		l := f.cdn.live(id)
		page = append(page, domain.DeploymentStatus{ID: id, ARN: l.ARN, DomainName: l.DomainName, Status: l.Status})
	}
	return page, "", nil
}

// sentOf returns the commands sent to queue of type typ since index from.
func (h *harness) sentOf(t *testing.T, from int, typ string) []events.Command {
	t.Helper()
	h.queue.mu.Lock()
	defer h.queue.mu.Unlock()
	var out []events.Command
	for _, s := range h.queue.sent[from:] {
		cmd, err := events.ParseCommand(s.Msg.Body)
		require.NoError(t, err)
		if cmd.Type == typ {
			out = append(out, cmd)
		}
	}
	return out
}

func TestDeploymentWatcherCompletesWaitingOperationsWithOneListPerTick(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	lister := &fakeStatuses{cdn: h.cdn, pageSize: 2}
	h.deps.Cloud.Statuses = lister
	w := converge.Worker{Deps: h.deps}
	ctx := context.Background()

	var accs []intake.Accepted[domain.Distribution]
	for range 3 {
		acc := h.accept(t)
		require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
		accs = append(accs, acc)
	}
	assert.Empty(t, h.sentOf(t, 0, events.CommandCheckDeployment), "no poll loop per operation")
	ticks := h.sentOf(t, 0, events.CommandWatchDeployments)
	require.Len(t, ticks, 1, "one watcher for the account, started by the first wait")
	assert.Equal(t, int64(1), ticks[0].Tick)
	for _, s := range h.queue.sent {
		if cmd, _ := events.ParseCommand(s.Msg.Body); cmd.Type == events.CommandWatchDeployments {
			assert.Equal(t, domain.QueuePolls, s.Queue)
			assert.GreaterOrEqual(t, s.Msg.Delay, 6*time.Second, "the AWS tick: 7 s ± 1 s")
			assert.LessOrEqual(t, s.Msg.Delay, 8*time.Second)
		}
	}

	// Tick 1 while everything deploys: one pass over the pages (3 distributions, 2 per page),
	// nothing woken, tick 2 scheduled.
	h.now = h.now.Add(7 * time.Second)
	mark := len(h.queue.sent)
	require.NoError(t, w.Handle(ctx, ticks[0]))
	assert.Equal(t, 2, lister.lists)
	assert.Empty(t, h.sentOf(t, mark, events.CommandCheckDeployment))
	next := h.sentOf(t, mark, events.CommandWatchDeployments)
	require.Len(t, next, 1)
	assert.Equal(t, int64(2), next[0].Tick)

	// A duplicate of tick 1 is dropped without reading CloudFront.
	require.NoError(t, w.Handle(ctx, ticks[0]))
	assert.Equal(t, 2, lister.lists)

	// Deployed: tick 2 wakes all three with what it saw and goes idle.
	h.cdn.status = domain.CloudStatusDeployed
	h.now = h.now.Add(7 * time.Second)
	mark = len(h.queue.sent)
	require.NoError(t, w.Handle(ctx, next[0]))
	assert.Equal(t, 4, lister.lists)
	wakes := h.sentOf(t, mark, events.CommandCheckDeployment)
	require.Len(t, wakes, 3)
	assert.Empty(t, h.sentOf(t, mark, events.CommandWatchDeployments), "nothing waits: the watcher idles")

	gets := len(h.cdn.calls)
	for _, wake := range wakes {
		require.NotNil(t, wake.Observed)
		assert.Equal(t, domain.CloudStatusDeployed, wake.Observed.Status)
		require.NoError(t, w.Handle(ctx, wake))
	}
	assert.Equal(t, gets, len(h.cdn.calls), "completing an operation reads nothing: the watcher's observation is used")
	for _, acc := range accs {
		op := h.operation(t, acc.Operation.ID)
		assert.Equal(t, domain.OperationSucceeded, op.Status)
		assert.Equal(t, "d1.cloudfront.net", op.Result.DomainName)
	}

	// The next wait starts a new tick (the lease was idle).
	mark = len(h.queue.sent)
	h.cdn.status = domain.CloudStatusInProgress
	acc := h.accept(t)
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	restart := h.sentOf(t, mark, events.CommandWatchDeployments)
	require.Len(t, restart, 1)
	assert.Equal(t, int64(3), restart[0].Tick)

	// A status read at the instant of the change says nothing about it: not woken.
	h.cdn.status = domain.CloudStatusDeployed
	mark = len(h.queue.sent)
	require.NoError(t, w.Handle(ctx, events.Command{Type: events.CommandWatchDeployments, Version: 1})) // immediate
	assert.Empty(t, h.sentOf(t, mark, events.CommandCheckDeployment))
	h.now = h.now.Add(time.Second)
	require.NoError(t, w.Handle(ctx, events.Command{Type: events.CommandWatchDeployments, Version: 1}))
	assert.Len(t, h.sentOf(t, mark, events.CommandCheckDeployment), 1)
	assert.Empty(t, h.sentOf(t, mark, events.CommandWatchDeployments), "an immediate check leaves the schedule alone")
}

func TestSweeperLeavesWatchedOperationsAloneAndRestartsALostTick(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.deps.Cloud.Statuses = &fakeStatuses{cdn: h.cdn, pageSize: 100}
	acc := h.accept(t)
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	// The tick message is lost (crash); an hour later the sweeper finds the operation parked.
	h.now = h.now.Add(time.Hour)
	mark := len(h.queue.sent)
	rep, err := converge.Sweeper{Deps: h.deps}.Sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, converge.SweepReport{Watched: 1}, rep, "not re-sent: it waits on the watcher")
	ticks := h.sentOf(t, mark, events.CommandWatchDeployments)
	require.Len(t, ticks, 1, "the overdue tick is restarted")
	assert.Equal(t, int64(2), ticks[0].Tick)
}
