package cloud_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestLambdaReplicasBlockDeletion(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	l := c.Lambda()
	_, err := l.CreateFunction(ctx, "edge", "arn:aws:iam::000000000000:role/r", cloudtest.EdgeZip(t, "v1"))
	require.NoError(t, err)
	v1, err := l.PublishVersion(ctx, "edge")
	require.NoError(t, err)
	cfg := cloudtest.MinimalConfig("op-edge")
	cfg.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc(v1.VersionARN)
	d, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)

	err = l.DeleteFunction(ctx, "edge")
	delay, ok := domain.RetryDelay(err)
	require.True(t, ok, "in use: retry later, got %v", err)
	assert.Equal(t, 60*time.Second, delay)
	assert.Contains(t, err.Error(), "replicated function")
	assert.ErrorIs(t, err, domain.ErrConflict)

	cfg.DefaultCacheBehavior.LambdaFunctionAssociations = nil
	_, err = c.UpdateDistribution(ctx, d.ID, cfg, d.ETag)
	require.NoError(t, err)
	clk.Advance(45 * time.Second)
	err = l.DeleteFunction(ctx, "edge")
	delay, ok = domain.RetryDelay(err)
	require.True(t, ok, "replicas linger after the association is gone: %v", err)
	assert.Equal(t, 15*time.Second, delay)

	clk.Advance(15 * time.Second)
	require.NoError(t, l.DeleteFunction(ctx, "edge"))
	_, err = l.GetFunction(ctx, "edge")
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestLambdaDeletedDistributionReleasesReplicas(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	l := c.Lambda()
	_, err := l.CreateFunction(ctx, "edge", "arn:aws:iam::000000000000:role/r", cloudtest.EdgeZip(t, "v1"))
	require.NoError(t, err)
	v1, err := l.PublishVersion(ctx, "edge")
	require.NoError(t, err)
	cfg := cloudtest.MinimalConfig("op-edge")
	cfg.Enabled = domain.Bool(false)
	cfg.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc(v1.VersionARN)
	d, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)
	clk.Advance(10 * time.Second)
	require.NoError(t, c.DeleteDistribution(ctx, d.ID, d.ETag))
	_, ok := domain.RetryDelay(l.DeleteFunction(ctx, "edge"))
	assert.True(t, ok, "replicas outlive the distribution")
	clk.Advance(60 * time.Second)
	assert.NoError(t, l.DeleteFunction(ctx, "edge"))
}

func TestLambdaVersions(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	l := c.Lambda()
	fn, err := l.CreateFunction(ctx, "edge", "arn:aws:iam::000000000000:role/r", cloudtest.EdgeZip(t, "v1"))
	require.NoError(t, err)
	assert.Empty(t, fn.VersionARN, "nothing published yet")
	assert.Equal(t, "arn:aws:lambda:us-east-1:000000000000:function:edge", fn.ARN)
	v1, err := l.PublishVersion(ctx, "edge")
	require.NoError(t, err)
	assert.Equal(t, fn.ARN+":1", v1.VersionARN)
	changed, err := l.UpdateFunctionCode(ctx, "edge", cloudtest.EdgeZip(t, "v2"))
	require.NoError(t, err)
	assert.NotEqual(t, fn.CodeSHA256, changed.CodeSHA256)
	v2, err := l.PublishVersion(ctx, "edge")
	require.NoError(t, err)
	assert.Equal(t, fn.ARN+":2", v2.VersionARN)

	for name, zip := range map[string][]byte{"not a zip": []byte("hello"), "empty": nil} {
		_, err := l.CreateFunction(ctx, "other", "arn:aws:iam::000000000000:role/r", zip)
		assert.True(t, domain.IsPermanent(err), "%s: %v", name, err)
	}
	_, err = l.CreateFunction(ctx, "bad name!", "arn:aws:iam::000000000000:role/r", cloudtest.EdgeZip(t, "x"))
	assert.True(t, domain.IsPermanent(err))
}
