package cloudfront

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Moto 5.2.5 has no origin request policies (ListOriginRequestPolicies answers HTTP 404), so
// EnsureOriginRequestPolicy is tested on the fake.
func TestEnsureOriginRequestPolicy(t *testing.T) {
	ctx := context.Background()
	headers := []string{"CloudFront-Viewer-Country", "CloudFront-Viewer-Latitude", "CloudFront-Viewer-Longitude"}

	t.Run("creates when missing, then finds it by name across pages", func(t *testing.T) {
		f := newFake()
		c := newClient(f)
		_, err := c.EnsureOriginRequestPolicy(ctx, "other", nil)
		require.NoError(t, err)
		id, err := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", headers)
		require.NoError(t, err)
		cfg := f.policies[id].OriginRequestPolicyConfig
		assert.Equal(t, "cfm-geo", aws.ToString(cfg.Name))
		assert.Equal(t, types.OriginRequestPolicyHeaderBehaviorWhitelist, cfg.HeadersConfig.HeaderBehavior)
		assert.Equal(t, headers, cfg.HeadersConfig.Headers.Items)
		assert.Equal(t, int32(3), aws.ToInt32(cfg.HeadersConfig.Headers.Quantity))
		assert.Equal(t, types.OriginRequestPolicyCookieBehaviorNone, cfg.CookiesConfig.CookieBehavior)
		assert.Equal(t, types.OriginRequestPolicyQueryStringBehaviorNone, cfg.QueryStringsConfig.QueryStringBehavior)

		f.calls = nil
		again, err := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", []string{"cloudfront-viewer-longitude", "CloudFront-Viewer-Country", "CloudFront-Viewer-Latitude"})
		require.NoError(t, err)
		assert.Equal(t, id, again)
		assert.Equal(t, []string{"ListOriginRequestPolicies", "ListOriginRequestPolicies"}, f.calls, "second page holds it; no write")
	})

	t.Run("updates a drifted header list with the current ETag", func(t *testing.T) {
		f := newFake()
		c := newClient(f)
		id, err := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", headers[:1])
		require.NoError(t, err)
		f.calls = nil
		again, err := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", headers)
		require.NoError(t, err)
		assert.Equal(t, id, again)
		assert.Equal(t, []string{"ListOriginRequestPolicies", "GetOriginRequestPolicy", "UpdateOriginRequestPolicy"}, f.calls)
		assert.Equal(t, headers, f.policies[id].OriginRequestPolicyConfig.HeadersConfig.Headers.Items)
	})

	t.Run("a create lost to a concurrent worker returns the winner", func(t *testing.T) {
		f := newFake()
		f.createRace = true
		c := newClient(f)
		id, err := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", headers)
		require.NoError(t, err)
		assert.Equal(t, "orp1", id)
	})

	t.Run("no headers means header behavior none", func(t *testing.T) {
		cfg := originRequestPolicyConfig("x", nil)
		assert.Equal(t, types.OriginRequestPolicyHeaderBehaviorNone, cfg.HeadersConfig.HeaderBehavior)
		assert.Nil(t, cfg.HeadersConfig.Headers)
	})
}
