package cloudtest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// RunLambdaFunctions runs the Lambda@Edge contract (replica behaviour is backend-specific).
func RunLambdaFunctions(t *testing.T, newLambda func(t *testing.T) domain.LambdaFunctions, opts Options) {
	run(t, opts, "lifecycle", func(t *testing.T) {
		l := newLambda(t)
		name := unique("ct-edge-")
		created, err := l.CreateFunction(t.Context(), name, opts.roleARN(), EdgeZip(t, "v1"))
		require.NoError(t, err)
		assert.Equal(t, name, created.Name)
		assert.True(t, strings.HasPrefix(created.ARN, "arn:aws:lambda:us-east-1:"), created.ARN)
		assert.NotEmpty(t, created.CodeSHA256)

		published, err := l.PublishVersion(t.Context(), name)
		require.NoError(t, err)
		assert.Equal(t, created.ARN+":1", published.VersionARN)
		got, err := l.GetFunction(t.Context(), name)
		require.NoError(t, err)
		assert.Equal(t, created.ARN, got.ARN)
		require.NoError(t, l.AllowCloudFront(t.Context(), name))
		require.NoError(t, l.AllowCloudFront(t.Context(), name), "granting twice is fine")

		require.NoError(t, l.DeleteFunction(t.Context(), name))
		_, err = l.GetFunction(t.Context(), name)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "publish-unchanged-is-idempotent", func(t *testing.T) {
		l := newLambda(t)
		name := createLambda(t, l, opts)
		first, err := l.PublishVersion(t.Context(), name)
		require.NoError(t, err)
		again, err := l.PublishVersion(t.Context(), name)
		require.NoError(t, err)
		assert.Equal(t, first.VersionARN, again.VersionARN, "a retried publish creates no second version")
	})

	run(t, opts, "name-reuse", func(t *testing.T) {
		l := newLambda(t)
		name := createLambda(t, l, opts)
		_, err := l.CreateFunction(t.Context(), name, opts.roleARN(), EdgeZip(t, "v2"))
		var exists *domain.AlreadyExistsError
		require.ErrorAs(t, err, &exists)
		assert.Contains(t, exists.ExistingID, name)
	})

	run(t, opts, "not-found", func(t *testing.T) {
		l := newLambda(t)
		name := unique("ct-missing-")
		_, err := l.GetFunction(t.Context(), name)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = l.PublishVersion(t.Context(), name)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, l.DeleteFunction(t.Context(), name), domain.ErrNotFound)
	})
}

func createLambda(t *testing.T, l domain.LambdaFunctions, opts Options) string {
	t.Helper()
	name := unique("ct-edge-")
	_, err := l.CreateFunction(t.Context(), name, opts.roleARN(), EdgeZip(t, "v1"))
	require.NoError(t, err)
	t.Cleanup(func() {
		if err := l.DeleteFunction(context.WithoutCancel(t.Context()), name); err != nil && !errors.Is(err, domain.ErrNotFound) {
			t.Logf("cleanup lambda %s: %v", name, err)
		}
	})
	return name
}

// EdgeZip is a Lambda@Edge package (index.mjs) whose code carries marker.
func EdgeZip(t testing.TB, marker string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create("index.mjs")
	require.NoError(t, err)
	_, err = f.Write([]byte("// " + marker + "\nexport const handler = async (event) => event.Records[0].cf.request;\n"))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}
