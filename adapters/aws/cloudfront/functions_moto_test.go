package cloudfront

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

const routeJS = `function handler(event) { return event.request; }`

// UpdateFunction and PublishFunction are not implemented by moto 5.2.5 (HTTP 500 and 404):
// they are covered with the recording fake in functions_test.go.
func TestCloudFrontFunctionLifecycleOnMoto(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)
	name := awstest.Name(t, "fn")

	fn, err := c.CreateFunction(ctx, name, "routing", []byte(routeJS))
	require.NoError(t, err)
	assert.Equal(t, name, fn.Name)
	assert.Contains(t, fn.ARN, ":function/"+name)
	assert.NotEmpty(t, fn.ETag)
	assert.Equal(t, "DEVELOPMENT", fn.Stage)

	got, err := c.DescribeFunction(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, fn, got)

	_, err = c.CreateFunction(ctx, name, "routing", []byte(routeJS))
	var ae *domain.AlreadyExistsError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, name, ae.ExistingID)

	require.NoError(t, c.DeleteFunction(ctx, name, got.ETag))
	_, err = c.DescribeFunction(ctx, name)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.ErrorIs(t, c.DeleteFunction(ctx, name, ""), domain.ErrNotFound)
	assert.ErrorIs(t, c.DeleteFunction(ctx, name, got.ETag), domain.ErrNotFound)
}
