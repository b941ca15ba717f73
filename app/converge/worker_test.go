package converge_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

func (h *harness) accept(t *testing.T) intake.Accepted[domain.Distribution] {
	t.Helper()
	acc, err := intake.Distributions{Deps: h.deps}.Create(context.Background(), dev, createRequest(), "")
	require.NoError(t, err)
	return acc
}

func (h *harness) handle(t *testing.T, typ string, acc intake.Accepted[domain.Distribution], poll int) error {
	t.Helper()
	return converge.Worker{Deps: h.deps}.Handle(context.Background(), events.Command{Type: typ, Version: 1,
		OperationID: acc.Operation.ID, ResourceID: acc.Resource.ID, Poll: poll})
}

func (h *harness) operation(t *testing.T, id string) domain.Operation {
	t.Helper()
	op, err := intake.Operations{Deps: h.deps}.Get(context.Background(), dev, id)
	require.NoError(t, err)
	return op
}

func TestCreateSendsCommandAndWorkerConverges(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	acc := h.accept(t)
	require.Len(t, h.queue.sent, 1)
	assert.Equal(t, domain.QueueCommands, h.queue.sent[0].Queue)
	assert.Equal(t, acc.Resource.ID, h.queue.sent[0].Msg.Group, "one writer per distribution")
	assert.Equal(t, acc.Operation.ID, h.queue.sent[0].Msg.DedupID)

	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	assert.Equal(t, 1, h.cdn.count("Create"))
	require.Len(t, h.queue.sent, 2)
	assert.Equal(t, domain.QueuePolls, h.queue.sent[1].Queue)
	assert.Equal(t, 15*time.Second, h.queue.sent[1].Msg.Delay)

	// Still deploying: the next poll backs off.
	require.NoError(t, h.handle(t, events.CommandCheckDeployment, acc, 1))
	assert.Equal(t, 30*time.Second, h.queue.sent[2].Msg.Delay)

	h.cdn.status = domain.CloudStatusDeployed
	require.NoError(t, h.handle(t, events.CommandCheckDeployment, acc, 2))
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationSucceeded, op.Status)
	assert.Equal(t, "EFAKEA", op.Result.CloudFrontID)
	assert.Equal(t, []string{events.TypeDistributionDeployed, events.TypeOperationSucceeded}, h.bus.types())

	// A late duplicate changes nothing.
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	assert.Equal(t, 1, h.cdn.count("Create"))
}

func TestWorkerRecoversALostCreateResponse(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	acc := h.accept(t)
	// The first create reaches CloudFront but the record write never happens (crash): simulate
	// by creating once behind the worker's back with the same caller reference.
	_, err := h.cdn.CreateDistribution(context.Background(), domain.DistributionConfig{CallerReference: acc.Operation.ID})
	require.NoError(t, err)
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	d, err := intake.Distributions{Deps: h.deps}.Get(context.Background(), dev, acc.Resource.ID)
	require.NoError(t, err)
	assert.Equal(t, "EFAKEA", d.CloudFrontID, "the existing distribution was recovered")
	assert.Len(t, h.cdn.created, 1)
}

func TestWorkerRetriesTransientAndFailsPermanentErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	acc := h.accept(t)
	h.cdn.createErrs = []error{domain.RetryAfter(domain.ErrThrottled, time.Second)}
	err := h.handle(t, events.CommandExecute, acc, 0)
	require.ErrorIs(t, err, domain.ErrThrottled)
	d, _ := domain.RetryDelay(err)
	assert.Equal(t, time.Second, d)
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status)
	assert.Contains(t, op.LastError, "throttled")

	h.cdn.createErrs = []error{domain.Permanent(errors.New("InvalidOrigin"))}
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0), "a permanent failure is acknowledged")
	op = h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Equal(t, 2, op.Attempts)
	dist, err := intake.Distributions{Deps: h.deps}.Get(context.Background(), dev, acc.Resource.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.DistributionFailed, dist.Status)
	assert.Contains(t, h.bus.types(), events.TypeOperationFailed)
}

func TestIntentSurvivesAFailedSendAndTheSweeperRelaysIt(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.queue.fail = errors.New("queue down")
	acc := h.accept(t) // still 202: intent and command are committed together
	assert.Equal(t, domain.OperationAccepted, acc.Operation.Status)
	h.queue.fail = nil

	sw := converge.Sweeper{Deps: h.deps}
	rep, err := sw.Sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, converge.SweepReport{}, rep, "the API's own send may still be under way")

	h.now = h.now.Add(31 * time.Second)
	rep, err = sw.Sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, converge.SweepReport{Relayed: 1}, rep, "the outbox delivers within a sweep, not after StuckAfter")
	require.Len(t, h.queue.sent, 1)
	cmd, err := events.ParseCommand(h.queue.sent[0].Msg.Body)
	require.NoError(t, err)
	assert.Equal(t, acc.Operation.ID, cmd.OperationID)
	assert.Equal(t, acc.Operation.ID, h.queue.sent[0].Msg.DedupID, "the outbox sends the accept's own command")
	rep, err = sw.Sweep(context.Background())
	require.NoError(t, err)
	assert.Zero(t, rep.Relayed, "a delivered command leaves the outbox")

	h.now = h.now.Add(11 * time.Minute) // nobody ran it: the stuck-operation re-send still applies
	rep, err = sw.Sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Resent)
	require.Len(t, h.queue.sent, 2)
	assert.NotEqual(t, acc.Operation.ID, h.queue.sent[1].Msg.DedupID, "a re-send must not be dropped as a duplicate")

	h.now = h.now.Add(3 * time.Hour)
	rep, err = sw.Sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Failed, "past its deadline")
	assert.Equal(t, domain.OperationFailed, h.operation(t, acc.Operation.ID).Status)
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ds := intake.Distributions{Deps: h.deps}
	a, err := ds.Create(context.Background(), dev, createRequest(), "key-1")
	require.NoError(t, err)
	b, err := ds.Create(context.Background(), dev, createRequest(), "key-1")
	require.NoError(t, err)
	assert.True(t, b.Replayed)
	assert.Equal(t, a.Operation.ID, b.Operation.ID)
	other := createRequest()
	other.Name = "other"
	_, err = ds.Create(context.Background(), dev, other, "key-1")
	assert.ErrorIs(t, err, domain.ErrConflict)
	// Another user's identical key is independent.
	_, err = ds.Create(context.Background(), domain.Principal{Username: "eve", Groups: []string{domain.GroupDevelopers}}, createRequest(), "key-1")
	assert.NoError(t, err)
}
