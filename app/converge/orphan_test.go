package converge_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// lostCreate accepts a create whose CloudFront response is lost (the simulator commits the
// distribution, then errors), and moves the clock past the operation's deadline, so the next
// delivery fails the create.
func lostCreate(t *testing.T, h *mutHarness) (domain.Operation, domain.LiveDistribution) {
	t.Helper()
	acc, err := h.dists().Create(context.Background(), mutAdmin, createRequest(), "")
	require.NoError(t, err)
	h.cloud.InjectFaults(cloud.Faults{FailAfterWrite: 1})
	require.ErrorIs(t, h.handle(acc.Operation, events.CommandExecute), cloud.ErrLostResponse)
	require.Empty(t, h.dist(t, acc.Resource.ID).CloudFrontID, "nobody recorded the distribution")
	orphan, err := h.cloud.FindDistribution(context.Background(), acc.Operation.ID, time.Time{})
	require.NoError(t, err, "but CloudFront has it")
	h.advance(3 * time.Hour)
	return acc.Operation, orphan
}

// A create that fails after its CloudFront response was lost adopts the distribution its
// CallerReference made: the record carries it (tracked, and DELETE removes it), nothing is
// orphaned, and the operation still fails with its reason.
func TestFailingCreateAdoptsTheDistributionItMade(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	op, orphan := lostCreate(t, h)

	require.NoError(t, h.handle(op, events.CommandExecute), "past the deadline: the create fails (ack)")
	got := h.op(t, op.ID)
	assert.Equal(t, domain.OperationFailed, got.Status)
	assert.Contains(t, got.LastError, "deadline")
	assert.True(t, got.HasStep("AdoptDistribution"))
	d := h.dist(t, op.ResourceID)
	assert.Equal(t, orphan.ID, d.CloudFrontID, "adopted")
	assert.Equal(t, orphan.ARN, d.ARN)
	assert.Equal(t, domain.DistributionDeployed, d.Status, "as CloudFront reports it, not Failed")
	assert.Empty(t, d.OperationID, "unlocked: DELETE can remove it")
	managed, err := h.deps.ManagedByCloudFrontID(context.Background(), orphan.ID)
	require.NoError(t, err)
	assert.Equal(t, d.ID, managed.ID, "indexed, so the watch knows it as managed")
}

// When the record is gone, nothing can adopt the distribution: the failing create deletes it
// (disable, wait until deployed, delete), and only then records the failure.
func TestFailingCreateDeletesTheDistributionItCannotAdopt(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	op, orphan := lostCreate(t, h)
	d := h.dist(t, op.ResourceID)
	require.NoError(t, h.deps.Store.Write(context.Background(), shared.DeleteKey(domain.KindDistribution, d.ID, d.Version)))

	err := h.handle(op, events.CommandExecute)
	require.Error(t, err, "disabled first; the failure waits for the deletion")
	delay, ok := domain.RetryDelay(err)
	assert.True(t, ok)
	assert.Positive(t, delay)
	live, err := h.cloud.GetDistribution(context.Background(), orphan.ID)
	require.NoError(t, err)
	assert.False(t, domain.BoolValue(live.Config.Enabled, true), "disabled")
	assert.Equal(t, domain.OperationRunning, h.op(t, op.ID).Status)

	h.advance(simDeploy + time.Second)
	require.NoError(t, h.handle(op, events.CommandExecute))
	assert.Equal(t, domain.OperationFailed, h.op(t, op.ID).Status)
	_, err = h.cloud.GetDistribution(context.Background(), orphan.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound, "deleted, not orphaned")
	assert.Contains(t, h.bus.types(), events.TypeOperationFailed)
}
