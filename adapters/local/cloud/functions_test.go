package cloud_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestCloudFrontFunctionAssociation(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	fns := c.Functions()
	fn, err := fns.CreateFunction(ctx, "router", "", []byte(cloudtest.FunctionCode))
	require.NoError(t, err)
	cfg := cloudtest.MinimalConfig("op-fn")
	cfg.DefaultCacheBehavior.FunctionAssociations = functionAssoc(fn.ARN)
	_, err = c.CreateDistribution(ctx, cfg)
	require.ErrorContains(t, err, "not published")

	live, err := fns.PublishFunction(ctx, "router", fn.ETag)
	require.NoError(t, err)
	d, err := c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)

	err = fns.DeleteFunction(ctx, "router", live.ETag)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "FunctionInUse")

	dev, err := fns.UpdateFunction(ctx, "router", live.ETag, "", []byte(cloudtest.FunctionCode+"// v2"))
	require.NoError(t, err)
	assert.Equal(t, "DEVELOPMENT", dev.Stage, "an unpublished change")
	devCode, liveCode, err := fns.Code("router")
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(devCode), "// v2"))
	assert.Equal(t, cloudtest.FunctionCode, string(liveCode), "LIVE keeps serving the published code")

	cfg.Enabled = domain.Bool(false)
	cfg.DefaultCacheBehavior.FunctionAssociations = nil
	d, err = c.UpdateDistribution(ctx, d.ID, cfg, d.ETag)
	require.NoError(t, err)
	clk.Advance(10 * time.Second)
	require.NoError(t, fns.DeleteFunction(ctx, "router", dev.ETag))
	require.NoError(t, c.DeleteDistribution(ctx, d.ID, d.ETag))
}

func TestCloudFrontFunctionLimits(t *testing.T) {
	fns := fast(t).Functions()
	for name, tc := range map[string]struct {
		fn   string
		code []byte
	}{
		"empty code":   {"f", nil},
		"code > 10 KB": {"f", []byte(strings.Repeat("x", 10*1024+1))},
		"bad name":     {"no spaces", []byte(cloudtest.FunctionCode)},
	} {
		_, err := fns.CreateFunction(t.Context(), tc.fn, "", tc.code)
		assert.True(t, domain.IsPermanent(err), "%s: %v", name, err)
	}
}

func TestOriginAccessControlInUse(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	oac, err := c.CreateOriginAccessControl(ctx, "oac", "")
	require.NoError(t, err)
	cfg := cloudtest.MinimalConfig("op-oac")
	cfg.Origins.Items[0].OriginAccessControlId = oac.ID
	_, err = c.CreateDistribution(ctx, cfg)
	require.NoError(t, err)
	err = c.DeleteOriginAccessControl(ctx, oac.ID, oac.ETag)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "OriginAccessControlInUse")
}

func TestOriginRequestPolicyIsEnsuredByName(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	id, err := c.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", []string{"CloudFront-Viewer-Country"})
	require.NoError(t, err)
	again, err := c.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", []string{"CloudFront-Viewer-Country"})
	require.NoError(t, err)
	assert.Equal(t, id, again)
	changed, err := c.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", []string{"CloudFront-Viewer-Country", "CloudFront-Viewer-Latitude"})
	require.NoError(t, err)
	assert.Equal(t, id, changed, "a changed header list updates the same policy")
	other, err := c.EnsureOriginRequestPolicy(ctx, "other", nil)
	require.NoError(t, err)
	assert.NotEqual(t, id, other)
	_, err = c.EnsureOriginRequestPolicy(ctx, "", nil)
	assert.True(t, domain.IsPermanent(err))
}
