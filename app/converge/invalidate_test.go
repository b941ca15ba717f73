package converge_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

func TestInvalidateCreatesAndPollsUntilCompleted(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	inv, err := h.dists().Invalidate(context.Background(), dev, d.ID, intake.InvalidationRequest{Paths: []string{"/*", "/images/*"}}, "")
	require.NoError(t, err)
	assert.Equal(t, domain.OpInvalidate, inv.Operation.Kind)

	require.NoError(t, h.handle(inv.Operation, events.CommandExecute))
	op := h.op(t, inv.Operation.ID)
	require.Equal(t, domain.OperationRunning, op.Status)
	id := op.Result.InvalidationID
	require.NotEmpty(t, id, "the id is kept for the polls")
	assert.Equal(t, "InProgress", op.Result.Status)

	require.NoError(t, h.handle(inv.Operation, events.CommandCheckDeployment))
	assert.Equal(t, 1, h.cdn.count("CreateInvalidation"), "polls read, they do not create again")

	op = h.converge(t, inv.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Equal(t, id, op.Result.InvalidationID)
	assert.Equal(t, "Completed", op.Result.Status)
	assert.Equal(t, []string{"/*", "/images/*"}, op.Result.Paths)
	assert.Equal(t, inv.Operation.ID, op.Result.CallerReference, "CallerReference = operation id")
	assert.Equal(t, 1, h.cdn.count("CreateInvalidation"))
	assert.Equal(t, "Invalidated", h.history(t, d.ID)[0])
}

// With 15 wildcard paths in progress, CloudFront refuses a 16th: the operation waits for room
// and completes; it never fails for it.
func TestInvalidateWaitsForTheWildcardQuota(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	for i := range 15 {
		_, err := h.cloud.CreateInvalidation(ctx, d.CloudFrontID, fmt.Sprintf("other-%d", i), []string{fmt.Sprintf("/dir%d/*", i)})
		require.NoError(t, err)
	}
	inv, err := h.dists().Invalidate(ctx, dev, d.ID, intake.InvalidationRequest{Paths: []string{"/sixteenth/*"}}, "")
	require.NoError(t, err)

	require.NoError(t, h.handle(inv.Operation, events.CommandExecute), "a full quota is a wait, not an error")
	op := h.op(t, inv.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status)
	require.NotNil(t, op.Result)
	assert.Equal(t, "Queued", op.Result.Status, "no invalidation yet: the request waits in the distribution's queue")
	assert.Empty(t, op.Result.InvalidationID)
	require.NotEmpty(t, op.Steps)
	last := op.Steps[len(op.Steps)-1]
	assert.Equal(t, "WaitForInvalidationQuota", last.Name)
	assert.Equal(t, "Waiting", last.Status)
	assert.Equal(t, domain.QueuePolls, h.queue.sent[len(h.queue.sent)-1].Queue, "a delayed poll tries again")

	require.NoError(t, h.handle(inv.Operation, events.CommandCheckDeployment))
	assert.Empty(t, h.op(t, inv.Operation.ID).Result.InvalidationID, "still full")

	op = h.converge(t, inv.Operation) // the clock moves past the other invalidations
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.NotEmpty(t, op.Result.InvalidationID)
	assert.True(t, op.HasStep("WaitForInvalidationQuota"))
}

// The client's reference was already used in CloudFront for other paths: that will never
// work, so the operation fails and says so in the history.
func TestInvalidateReusedReferenceFails(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	_, err := h.cloud.CreateInvalidation(ctx, d.CloudFrontID, "ref-1", []string{"/old"})
	require.NoError(t, err)
	inv, err := h.dists().Invalidate(ctx, dev, d.ID, intake.InvalidationRequest{Paths: []string{"/new"}, CallerReference: "ref-1"}, "")
	require.NoError(t, err)
	h.advance(time.Second)
	require.NoError(t, h.handle(inv.Operation, events.CommandExecute))
	op := h.op(t, inv.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Contains(t, op.LastError, "InvalidationBatchAlreadyExists")
	assert.Equal(t, "InvalidationFailed", h.history(t, d.ID)[0])
	assert.Equal(t, domain.DistributionDeployed, h.dist(t, d.ID).Status, "the distribution is not touched")
}

// Found by the chaos run: an invalidation accepted just before its distribution's delete
// (its first attempts throttled) ran after the delete removed the record. It fails for good,
// with a reason in the API's words: no store key, no wrapped lookup error.
func TestInvalidateOfADeletedDistributionFailsWithAPlainReason(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	inv, err := h.dists().Invalidate(context.Background(), dev, d.ID, intake.InvalidationRequest{Paths: []string{"/late"}}, "")
	require.NoError(t, err)
	del, err := h.dists().Delete(context.Background(), dev, d.ID, "")
	require.NoError(t, err, "an invalidation does not hold the distribution")
	require.Equal(t, domain.OperationSucceeded, h.converge(t, del.Operation).Status)

	require.NoError(t, h.handle(inv.Operation, events.CommandExecute), "a permanent failure is recorded, not retried")
	op := h.op(t, inv.Operation.ID)
	require.Equal(t, domain.OperationFailed, op.Status)
	assert.Equal(t, "permanent: distribution "+d.ID+" was deleted before this invalidation ran", op.LastError)
}
