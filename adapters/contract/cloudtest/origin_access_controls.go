package cloudtest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// RunOriginAccessControls runs the OAC contract.
func RunOriginAccessControls(t *testing.T, newOACs func(t *testing.T) domain.OriginAccessControls, opts Options) {
	run(t, opts, "lifecycle", func(t *testing.T) {
		oacs := newOACs(t)
		name := unique("ct-oac-")
		created, err := oacs.CreateOriginAccessControl(t.Context(), name, "contract test")
		require.NoError(t, err)
		assert.Equal(t, name, created.Name)
		assert.NotEmpty(t, created.ID)
		got, err := oacs.GetOriginAccessControl(t.Context(), created.ID)
		require.NoError(t, err)
		assert.Equal(t, name, got.Name)
		assert.NotEmpty(t, got.ETag)
		require.NoError(t, oacs.DeleteOriginAccessControl(t.Context(), created.ID, got.ETag))
		_, err = oacs.GetOriginAccessControl(t.Context(), created.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "name-reuse", func(t *testing.T) {
		oacs := newOACs(t)
		name := unique("ct-oac-")
		first, err := oacs.CreateOriginAccessControl(t.Context(), name, "")
		require.NoError(t, err)
		t.Cleanup(func() { deleteOAC(t, oacs, first.ID) })
		_, err = oacs.CreateOriginAccessControl(t.Context(), name, "")
		var exists *domain.AlreadyExistsError
		require.ErrorAs(t, err, &exists)
		assert.Equal(t, first.ID, exists.ExistingID)
	})

	run(t, opts, "delete-stale-etag", func(t *testing.T) {
		oacs := newOACs(t)
		created, err := oacs.CreateOriginAccessControl(t.Context(), unique("ct-oac-"), "")
		require.NoError(t, err)
		t.Cleanup(func() { deleteOAC(t, oacs, created.ID) })
		assert.ErrorIs(t, oacs.DeleteOriginAccessControl(t.Context(), created.ID, "E0STALEETAG000"), domain.ErrPreconditionFailed)
		_, err = oacs.GetOriginAccessControl(t.Context(), created.ID)
		assert.NoError(t, err)
	})

	run(t, opts, "not-found", func(t *testing.T) {
		oacs := newOACs(t)
		_, err := oacs.GetOriginAccessControl(t.Context(), "E0NOSUCHOAC000")
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, oacs.DeleteOriginAccessControl(t.Context(), "E0NOSUCHOAC000", "E0NOSUCHETAG00"), domain.ErrNotFound)
	})
}

func deleteOAC(t *testing.T, oacs domain.OriginAccessControls, id string) {
	ctx := context.WithoutCancel(t.Context())
	if o, err := oacs.GetOriginAccessControl(ctx, id); err == nil {
		if err := oacs.DeleteOriginAccessControl(ctx, id, o.ETag); err != nil {
			t.Logf("cleanup OAC %s: %v", id, err)
		}
	}
}
