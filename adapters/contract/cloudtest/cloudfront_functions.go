package cloudtest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// FunctionCode is a small valid cloudfront-js-2.0 function.
const FunctionCode = `function handler(event) { return event.request; }`

// RunCloudFrontFunctions runs the CloudFront Functions contract.
func RunCloudFrontFunctions(t *testing.T, newFunctions func(t *testing.T) domain.CloudFrontFunctions, opts Options) {
	run(t, opts, "lifecycle", func(t *testing.T) {
		fns := newFunctions(t)
		name := unique("ct-fn-")
		created, err := fns.CreateFunction(t.Context(), name, "contract test", []byte(FunctionCode))
		require.NoError(t, err)
		assert.Equal(t, name, created.Name)
		assert.True(t, strings.HasSuffix(created.ARN, ":function/"+name), created.ARN)
		assert.Equal(t, "DEVELOPMENT", created.Stage)

		got, err := fns.DescribeFunction(t.Context(), name)
		require.NoError(t, err)
		require.NotEmpty(t, got.ETag)
		updated, err := fns.UpdateFunction(t.Context(), name, got.ETag, "changed", []byte(FunctionCode+"\n"))
		require.NoError(t, err)
		published, err := fns.PublishFunction(t.Context(), name, updated.ETag)
		require.NoError(t, err)
		assert.Equal(t, "LIVE", published.Stage)

		got, err = fns.DescribeFunction(t.Context(), name)
		require.NoError(t, err)
		require.NoError(t, fns.DeleteFunction(t.Context(), name, got.ETag))
		_, err = fns.DescribeFunction(t.Context(), name)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "name-reuse", func(t *testing.T) {
		fns := newFunctions(t)
		name := unique("ct-fn-")
		_, err := fns.CreateFunction(t.Context(), name, "", []byte(FunctionCode))
		require.NoError(t, err)
		t.Cleanup(func() { deleteFunction(t, fns, name) })
		_, err = fns.CreateFunction(t.Context(), name, "", []byte(FunctionCode))
		var exists *domain.AlreadyExistsError
		require.ErrorAs(t, err, &exists)
		assert.Equal(t, name, exists.ExistingID)
	})

	run(t, opts, "stale-etag", func(t *testing.T) {
		fns := newFunctions(t)
		name := unique("ct-fn-")
		created, err := fns.CreateFunction(t.Context(), name, "", []byte(FunctionCode))
		require.NoError(t, err)
		t.Cleanup(func() { deleteFunction(t, fns, name) })
		updated, err := fns.UpdateFunction(t.Context(), name, created.ETag, "", []byte(FunctionCode+"\n"))
		require.NoError(t, err)
		assert.NotEqual(t, created.ETag, updated.ETag)
		_, err = fns.UpdateFunction(t.Context(), name, created.ETag, "", []byte(FunctionCode))
		assert.ErrorIs(t, err, domain.ErrPreconditionFailed)
		_, err = fns.PublishFunction(t.Context(), name, created.ETag)
		assert.ErrorIs(t, err, domain.ErrPreconditionFailed)
		assert.ErrorIs(t, fns.DeleteFunction(t.Context(), name, created.ETag), domain.ErrPreconditionFailed)
	})

	run(t, opts, "not-found", func(t *testing.T) {
		fns := newFunctions(t)
		name := unique("ct-missing-")
		_, err := fns.DescribeFunction(t.Context(), name)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, fns.DeleteFunction(t.Context(), name, "E0NOSUCHETAG00"), domain.ErrNotFound)
	})
}

func deleteFunction(t *testing.T, fns domain.CloudFrontFunctions, name string) {
	ctx := context.WithoutCancel(t.Context())
	if f, err := fns.DescribeFunction(ctx, name); err == nil {
		if err := fns.DeleteFunction(ctx, name, f.ETag); err != nil {
			t.Logf("cleanup function %s: %v", name, err)
		}
	}
}
