package cloudfront

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// Update and Publish on the fake (moto 5.2.5 does not implement them).
func TestCloudFrontFunctionUpdateAndPublish(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	c := newClient(f)

	fn, err := c.CreateFunction(ctx, "route", "v1", []byte(routeJS))
	require.NoError(t, err)

	_, err = c.UpdateFunction(ctx, "route", "stale", "v2", []byte("function handler(e){return e.request}"))
	assert.ErrorIs(t, err, domain.ErrPreconditionFailed)

	upd, err := c.UpdateFunction(ctx, "route", fn.ETag, "v2", []byte("function handler(e){return e.request}"))
	require.NoError(t, err)
	assert.NotEqual(t, fn.ETag, upd.ETag)
	assert.Equal(t, "DEVELOPMENT", upd.Stage)

	_, err = c.PublishFunction(ctx, "route", fn.ETag)
	assert.ErrorIs(t, err, domain.ErrPreconditionFailed)

	pub, err := c.PublishFunction(ctx, "route", upd.ETag)
	require.NoError(t, err)
	assert.Equal(t, "LIVE", pub.Stage)
	assert.Equal(t, upd.ETag, pub.ETag, "the DEVELOPMENT ETag, read after publishing")
	assert.Equal(t, fn.ARN, pub.ARN)

	_, err = c.UpdateFunction(ctx, "missing", "x", "", nil)
	assert.ErrorIs(t, err, domain.ErrNotFound)
}
