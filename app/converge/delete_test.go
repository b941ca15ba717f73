package converge_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

func (h *mutHarness) history(t *testing.T, id string) []string {
	t.Helper()
	page, err := h.dists().History(context.Background(), mutViewer, id, intake.PageRequest{Limit: 100})
	require.NoError(t, err)
	var actions []string
	for _, e := range page.Items {
		actions = append(actions, e.Action)
	}
	return actions
}

func (h *mutHarness) cloudCount(t *testing.T) int {
	t.Helper()
	n, err := h.cloud.DistributionCount()
	require.NoError(t, err)
	return n
}

// Not parallel: it registers a cleanup step (package state).
func TestDeleteDisablesWaitsDeletesCleansUpAndRemovesTheRecord(t *testing.T) {
	h := newMutHarness(t)
	d := h.deployed(t)
	var cleaned []string
	cleanupErrs := []error{errors.New("bucket policy service unavailable")}
	defer converge.AddDistributionCleanupForTest("test", func(got domain.Distribution) error {
		cleaned = append(cleaned, got.ID)
		if len(cleanupErrs) > 0 {
			err := cleanupErrs[0]
			cleanupErrs = cleanupErrs[1:]
			return err
		}
		return nil
	})()

	h.advance(time.Second) // distinct history times: the frozen clock would tie them
	acc, err := h.dists().Delete(context.Background(), dev, d.ID, "")
	require.NoError(t, err)
	assert.Equal(t, domain.DistributionDeleting, acc.Resource.Status)
	assert.Equal(t, acc.Operation.ID, acc.Resource.OperationID)

	h.advance(time.Second)
	require.NoError(t, h.handle(acc.Operation, events.CommandExecute))
	live := h.live(t, d.CloudFrontID)
	assert.False(t, domain.BoolValue(live.Config.Enabled, true), "disabled first")
	assert.Equal(t, domain.CloudStatusInProgress, live.Status)

	// Still deploying the disabled config: nothing is deleted yet.
	require.NoError(t, h.handle(acc.Operation, events.CommandCheckDeployment))
	assert.Zero(t, h.cdn.count("Delete"))

	h.advance(simDeploy + 1)
	err = h.handle(acc.Operation, events.CommandCheckDeployment)
	require.Error(t, err, "the failing cleanup step retries the pass")
	assert.False(t, domain.IsPermanent(err))
	assert.Equal(t, 1, h.cdn.count("Delete"))
	assert.Zero(t, h.cloudCount(t), "CloudFront distribution gone")
	_, err = h.dists().Get(context.Background(), mutAdmin, d.ID)
	require.NoError(t, err, "the record stays until the cleanup succeeded")

	require.NoError(t, h.handle(acc.Operation, events.CommandCheckDeployment))
	assert.Equal(t, []string{d.ID, d.ID}, cleaned, "the cleanup ran again after the failure")
	assert.Equal(t, 1, h.cdn.count("Delete"), "already gone: not deleted twice")
	op := h.op(t, acc.Operation.ID)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Equal(t, d.CloudFrontID, op.Result.CloudFrontID)

	_, err = h.dists().Get(context.Background(), mutAdmin, d.ID)
	require.ErrorIs(t, err, domain.ErrNotFound)
	actions := h.history(t, d.ID)
	assert.Equal(t, []string{"Deleted", "Disabled", "DeleteRequested"}, actions[:3], "history stays, newest first")
	assert.Contains(t, h.bus.types(), events.TypeDistributionDeleted)

	// A late duplicate of the finished deletion does nothing.
	require.NoError(t, h.handle(acc.Operation, events.CommandExecute))
	again, err := h.dists().Delete(context.Background(), dev, d.ID, "")
	require.ErrorIs(t, err, domain.ErrNotFound, "%+v", again)
}

func TestDeleteRetriesDistributionNotDisabled(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	acc, err := h.dists().Delete(context.Background(), mutAdmin, d.ID, "")
	require.NoError(t, err)
	require.NoError(t, h.handle(acc.Operation, events.CommandExecute))
	h.advance(simDeploy + 1)
	h.cdn.deleteErrs = []error{fmt.Errorf("DistributionNotDisabled: %w", domain.ErrConflict)}
	err = h.handle(acc.Operation, events.CommandCheckDeployment)
	require.ErrorIs(t, err, domain.ErrConflict)
	delay, ok := domain.RetryDelay(err)
	require.True(t, ok, "transient, with a delay")
	assert.Positive(t, delay)
	assert.Equal(t, domain.OperationRunning, h.op(t, acc.Operation.ID).Status)

	op := h.converge(t, acc.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Zero(t, h.cloudCount(t))
}

func TestDeleteOfADistributionNeverCreatedInCloudFront(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	h.cdn.createErrs = []error{domain.Permanent(errors.New("InvalidArgument: rejected"))}
	acc, err := h.dists().Create(context.Background(), dev, createRequest(), "")
	require.NoError(t, err)
	require.NoError(t, h.handle(acc.Operation, events.CommandExecute))
	require.Equal(t, domain.DistributionFailed, h.dist(t, acc.Resource.ID).Status)

	del, err := h.dists().Delete(context.Background(), dev, acc.Resource.ID, "del-1")
	require.NoError(t, err)
	op := h.converge(t, del.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Zero(t, h.cdn.count("Get"), "no CloudFront id: nothing to ask CloudFront")
	_, err = h.dists().Get(context.Background(), dev, acc.Resource.ID)
	require.ErrorIs(t, err, domain.ErrNotFound)

	replay, err := h.dists().Delete(context.Background(), dev, acc.Resource.ID, "del-1")
	require.NoError(t, err, "the same Idempotency-Key answers the original operation after the record is gone")
	assert.Equal(t, del.Operation.ID, replay.Operation.ID)
}

func TestDeleteOfADistributionAlreadyGoneFromCloudFront(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	// Someone deletes it outside the product.
	ctx := context.Background()
	live := h.live(t, d.CloudFrontID)
	cfg := live.Config
	cfg.Enabled = domain.Bool(false)
	live, err := h.cloud.UpdateDistribution(ctx, d.CloudFrontID, cfg, live.ETag)
	require.NoError(t, err)
	h.advance(simDeploy + 1)
	require.NoError(t, h.cloud.DeleteDistribution(ctx, d.CloudFrontID, live.ETag))

	acc, err := h.dists().Delete(ctx, dev, d.ID, "")
	require.NoError(t, err)
	op := h.converge(t, acc.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Zero(t, h.cdn.count("Update"))
	assert.Zero(t, h.cdn.count("Delete"))
}
