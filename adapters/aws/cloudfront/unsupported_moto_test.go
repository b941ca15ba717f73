package cloudfront

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// The calls moto 5.2.5 lacks answer with a web page (404, or 500 for UpdateFunction): each
// is a permanent unsupported-API error, so the operation fails at once with it instead of
// retrying until its deadline.
func TestCallsMotoLacksArePermanentlyUnsupported(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)
	name := awstest.Name(t, "fn")
	fn, err := c.CreateFunction(ctx, name, "routing", []byte(routeJS))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.DeleteFunction(ctx, name, fn.ETag) })

	_, ensureErr := c.EnsureOriginRequestPolicy(ctx, "cfm-geo", []string{"CloudFront-Viewer-Country"})
	_, publishErr := c.PublishFunction(ctx, name, fn.ETag)
	_, updateErr := c.UpdateFunction(ctx, name, fn.ETag, "routing", []byte(routeJS))
	for call, err := range map[string]error{"ListOriginRequestPolicies": ensureErr, "PublishFunction": publishErr, "UpdateFunction": updateErr} {
		require.Error(t, err, call)
		assert.ErrorIs(t, err, awserr.ErrUnsupportedAPI, call)
		assert.True(t, domain.IsPermanent(err), call)
		assert.Contains(t, err.Error(), call)
	}
	// A real AWS error document is still classified by its code.
	_, err = c.GetDistribution(ctx, "E000000000000")
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.NotErrorIs(t, err, awserr.ErrUnsupportedAPI)
}

// moto 5.2.5 has no response headers policy API: ensuring one is a permanent unsupported-API
// error naming the call, so an operation that needs one fails at once instead of retrying.
func TestResponseHeadersPolicyCallsMotoLacksAreUnsupported(t *testing.T) {
	c := newMotoClient(t)
	_, err := c.EnsureResponseHeadersPolicy(context.Background(), domain.ResponseHeadersPolicySpec{Name: awstest.Name(t, "rhp"),
		Security: &domain.SecurityHeadersPreset{ContentSecurityPolicy: "default-src 'self'", HSTSMaxAgeSeconds: 1, FrameOption: "DENY", ReferrerPolicy: "no-referrer"}})
	require.Error(t, err)
	assert.ErrorIs(t, err, awserr.ErrUnsupportedAPI)
	assert.True(t, domain.IsPermanent(err))
	assert.Contains(t, err.Error(), "ListResponseHeadersPolicies")
	err = c.DeleteResponseHeadersPolicy(context.Background(), "cfm-none")
	assert.ErrorIs(t, err, awserr.ErrUnsupportedAPI)
}
