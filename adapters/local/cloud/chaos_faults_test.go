package cloud_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestThrottleRate(t *testing.T) {
	c := fast(t)
	c.InjectFaults(cloud.Faults{ThrottleRate: 1})
	for range 3 {
		_, err := c.GetDistribution(t.Context(), "E0NOSUCHDIST00")
		require.ErrorIs(t, err, domain.ErrThrottled)
	}
	assert.Equal(t, 3, c.FaultCounts()["throttle"])
	c.InjectFaults(cloud.Faults{ThrottleRate: 0})
	_, err := c.GetDistribution(t.Context(), "E0NOSUCHDIST00")
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

// An ETag race: another client's change lands between the caller's read and its write, so the
// write fails with PreconditionFailed and a fresh read sees the new ETag and the changed config.
func TestETagRaceRate(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	live, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-race"))
	require.NoError(t, err)
	c.InjectFaults(cloud.Faults{ETagRaceRate: 1})
	cfg := live.Config
	cfg.Comment = "mine"
	_, err = c.UpdateDistribution(ctx, live.ID, cfg, live.ETag)
	require.ErrorIs(t, err, domain.ErrPreconditionFailed)
	err = c.DeleteDistribution(ctx, live.ID, live.ETag)
	require.ErrorIs(t, err, domain.ErrPreconditionFailed)
	c.InjectFaults(cloud.Faults{})
	again, err := c.GetDistribution(ctx, live.ID)
	require.NoError(t, err)
	assert.NotEqual(t, live.ETag, again.ETag, "the out-of-band save committed")
	assert.NotEqual(t, live.Config.Comment, again.Config.Comment, "it changed the config")
	assert.NotEqual(t, cfg.Comment, again.Config.Comment, "and the stale write did not land")
	assert.Equal(t, 2, c.FaultCounts()["etagRace"])
	_, err = c.UpdateDistribution(ctx, live.ID, cfg, again.ETag)
	assert.NoError(t, err, "the fresh ETag wins")
}

// CrashAfterWriteRate runs Options.Crash after the write committed: a reopened simulator has it.
func TestCrashAfterWriteRate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cloud")
	crashed := 0
	c, err := cloud.Open(dir, cloud.Options{DeploySeconds: -1, Crash: func() { crashed++ }})
	require.NoError(t, err)
	c.InjectFaults(cloud.Faults{CrashAfterWriteRate: 1})
	live, err := c.CreateDistribution(t.Context(), cloudtest.MinimalConfig("op-crash"))
	require.NoError(t, err, "the crash hook returned (a real one never does)")
	assert.Equal(t, 1, crashed)
	_, err = c.UpdateDistribution(t.Context(), live.ID, live.Config, live.ETag)
	require.NoError(t, err)
	assert.Equal(t, 2, crashed, "an update is a write too")
	_, err = c.GetDistribution(t.Context(), live.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, crashed, "a read is not")
	require.NoError(t, c.Close())

	c, err = cloud.Open(dir, cloud.Options{})
	require.NoError(t, err)
	defer c.Close()
	inv, err := c.Inventory()
	require.NoError(t, err)
	require.Len(t, inv.Distributions, 1)
	assert.Equal(t, "op-crash", inv.Distributions[0].Config.CallerReference)
}

func TestInventory(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	live, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-inv"))
	require.NoError(t, err)
	require.NoError(t, c.TagResource(ctx, live.ARN, map[string]string{"cfm:distribution": "dist-1"}))
	oac, err := c.CreateOriginAccessControl(ctx, "oac-1", "")
	require.NoError(t, err)
	require.NoError(t, c.CreateBucket(ctx, "bucket-1", "us-east-1"))
	inv, err := c.Inventory()
	require.NoError(t, err)
	require.Len(t, inv.Distributions, 1)
	assert.Equal(t, "dist-1", inv.Distributions[0].Tags["cfm:distribution"])
	assert.Equal(t, []domain.OriginAccessControl{{ID: oac.ID, Name: "oac-1", ETag: oac.ETag}}, inv.OACs)
	assert.Equal(t, []string{"bucket-1"}, inv.Buckets)
	assert.Empty(t, inv.LambdaFunctions)
}
