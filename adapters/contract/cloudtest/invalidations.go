package cloudtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func runInvalidations(t *testing.T, newCDN func(t *testing.T) domain.CDN, opts Options) {
	run(t, opts, "invalidation-completes", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		inv, err := cdn.CreateInvalidation(t.Context(), d.ID, unique("inv-"), []string{"/index.html", "/assets/*"})
		require.NoError(t, err)
		assert.NotEmpty(t, inv.ID)
		assert.ElementsMatch(t, []string{"/index.html", "/assets/*"}, inv.Paths)
		eventually(t, opts, "invalidation "+inv.ID+" Completed", func() (bool, error) {
			got, err := cdn.GetInvalidation(t.Context(), d.ID, inv.ID)
			return err == nil && strings.EqualFold(got.Status, "Completed"), err
		})
	})

	run(t, opts, "invalidation-idempotent", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		ref := unique("inv-")
		first, err := cdn.CreateInvalidation(t.Context(), d.ID, ref, []string{"/a", "/b"})
		require.NoError(t, err)
		again, err := cdn.CreateInvalidation(t.Context(), d.ID, ref, []string{"/a", "/b"})
		require.NoError(t, err, "same reference, same paths: the existing invalidation")
		assert.Equal(t, first.ID, again.ID)
		_, err = cdn.CreateInvalidation(t.Context(), d.ID, ref, []string{"/c"})
		require.ErrorIs(t, err, domain.ErrConflict, "same reference, other paths")
		assert.Contains(t, err.Error(), "InvalidationBatchAlreadyExists")
	})

	run(t, opts, "invalidation-quota", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		for name, paths := range map[string][]string{
			"16 wildcard paths": numbered("/w%d/*", 16),
			"3001 file paths":   numbered("/f%d.html", 3001),
		} {
			_, err := cdn.CreateInvalidation(t.Context(), d.ID, unique("inv-"), paths)
			require.ErrorIs(t, err, domain.ErrConflict, name)
			assert.Contains(t, err.Error(), "TooManyInvalidationsInProgress", name)
			delay, ok := domain.RetryDelay(err)
			assert.True(t, ok && delay >= time.Second, "%s: asks to retry later, got %v", name, delay)
		}
		_, err := cdn.CreateInvalidation(t.Context(), d.ID, unique("inv-"), numbered("/w%d/*", 15))
		assert.NoError(t, err, "15 wildcard paths are within the quota")
	})

	run(t, opts, "invalidation-not-found", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		_, err := cdn.GetInvalidation(t.Context(), d.ID, "I0NOSUCHINVAL0")
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = cdn.CreateInvalidation(t.Context(), "E0NOSUCHDIST00", unique("inv-"), []string{"/"})
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}

func numbered(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}
