package cloud_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestDeploymentFollowsTheLastChange(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	d, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-1"))
	require.NoError(t, err)
	assert.Equal(t, domain.CloudStatusInProgress, d.Status)
	assert.Regexp(t, `^arn:aws:cloudfront::000000000000:distribution/E[A-Z0-9]{13}$`, d.ARN)

	clk.Advance(9 * time.Second)
	d, err = c.GetDistribution(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.CloudStatusInProgress, d.Status, "9 s after the create")

	cfg := d.Config
	cfg.Enabled = domain.Bool(false)
	d, err = c.UpdateDistribution(ctx, d.ID, cfg, d.ETag)
	require.NoError(t, err)
	clk.Advance(9 * time.Second)
	d, err = c.GetDistribution(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.CloudStatusInProgress, d.Status, "an update restarts the deployment")
	err = c.DeleteDistribution(ctx, d.ID, d.ETag)
	require.ErrorIs(t, err, domain.ErrConflict, "disabled but still InProgress")
	assert.Contains(t, err.Error(), "DistributionNotDisabled")

	clk.Advance(time.Second)
	d, err = c.GetDistribution(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, domain.CloudStatusDeployed, d.Status)
	require.NoError(t, c.DeleteDistribution(ctx, d.ID, d.ETag))
	n, err := c.DistributionCount()
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestStateSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := t.Context()
	c, err := cloud.Open(dir, cloud.Options{})
	require.NoError(t, err)
	oac, err := c.CreateOriginAccessControl(ctx, "oac-1", "")
	require.NoError(t, err)
	cfg := cloudtest.MinimalConfig("op-restart")
	cfg.Origins.Items[0].OriginAccessControlId = oac.ID
	d, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)
	require.NoError(t, c.TagResource(ctx, d.ARN, map[string]string{"owner": "alice"}))
	require.NoError(t, c.CreateBucket(ctx, "cfm-restart", "eu-west-1"))
	require.NoError(t, c.MergePolicyStatement(ctx, "cfm-restart", "eu-west-1",
		domain.PolicyStatement{Sid: "S1", JSON: []byte(`{"Sid":"S1","Effect":"Deny"}`)}))
	_, err = c.Lambda().CreateFunction(ctx, "edge-1", "arn:aws:iam::000000000000:role/r", cloudtest.EdgeZip(t, "x"))
	require.NoError(t, err)
	require.NoError(t, c.Close())

	c, err = cloud.Open(dir, cloud.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Close()) }()
	got, err := c.GetDistribution(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, d.ETag, got.ETag)
	assert.Equal(t, d.DomainName, got.DomainName)
	assert.Equal(t, oac.ID, got.Config.Origins.Items[0].OriginAccessControlId)
	_, err = c.CreateDistribution(ctx, cfg)
	var exists *domain.AlreadyExistsError
	require.ErrorAs(t, err, &exists, "the caller reference index is durable too")
	assert.Equal(t, d.ID, exists.ExistingID)
	tags, err := c.Tags(d.ARN)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"owner": "alice"}, tags)
	policy, err := c.GetPolicy(ctx, "cfm-restart", "eu-west-1")
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"Deny"}]}`, string(policy))
	_, err = c.Lambda().GetFunction(ctx, "edge-1")
	assert.NoError(t, err)
	n, err := c.DistributionCount()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestOpenTwiceFailsInsteadOfCorrupting(t *testing.T) {
	dir := t.TempDir()
	c, err := cloud.Open(dir, cloud.Options{})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Close()) }()
	_, err = cloud.Open(dir, cloud.Options{})
	assert.Error(t, err)
}

func TestDeleteRemovesInvalidationsAndTags(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	cfg := cloudtest.MinimalConfig("op-del")
	cfg.Enabled = domain.Bool(false)
	d, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)
	inv, err := c.CreateInvalidation(ctx, d.ID, "inv-1", []string{"/*"})
	require.NoError(t, err)
	require.NoError(t, c.TagResource(ctx, d.ARN, map[string]string{"k": "v"}))
	clk.Advance(10 * time.Second)
	require.NoError(t, c.DeleteDistribution(ctx, d.ID, d.ETag))

	_, err = c.GetInvalidation(ctx, d.ID, inv.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.ErrorIs(t, c.TagResource(ctx, d.ARN, map[string]string{"k": "v"}), domain.ErrNotFound)
	again, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err, "a deleted distribution frees its caller reference")
	assert.NotEqual(t, d.ID, again.ID)
}
