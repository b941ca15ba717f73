package cloudfront

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestOriginAccessControlLifecycleOnMoto(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)
	name := awstest.Name(t, "oac")

	oac, err := c.CreateOriginAccessControl(ctx, name, "bucket site")
	require.NoError(t, err)
	assert.NotEmpty(t, oac.ID)
	assert.NotEmpty(t, oac.ETag)
	assert.Equal(t, name, oac.Name)

	got, err := c.GetOriginAccessControl(ctx, oac.ID)
	require.NoError(t, err)
	assert.Equal(t, oac, got)

	// A retried create converges: the existing OAC's id comes back (moto itself accepts
	// duplicate names; the adapter looks the name up first, as AWS would refuse).
	_, err = c.CreateOriginAccessControl(ctx, name, "bucket site")
	var ae *domain.AlreadyExistsError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, oac.ID, ae.ExistingID)

	require.NoError(t, c.DeleteOriginAccessControl(ctx, oac.ID, "")) // reads the ETag itself
	_, err = c.GetOriginAccessControl(ctx, oac.ID)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	// Without an ETag the adapter reads first, so a missing OAC is ErrNotFound even on moto
	// (whose DeleteOriginAccessControl of a missing id is an HTTP 500).
	assert.ErrorIs(t, c.DeleteOriginAccessControl(ctx, oac.ID, ""), domain.ErrNotFound)
}
