package converge

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// failingStore answers every Get with err (a store that is not reachable).
type failingStore struct {
	domain.Store
	err error
}

func (s failingStore) Get(context.Context, domain.Kind, string) (domain.Item, error) {
	return domain.Item{}, s.err
}

// statusCDN reports one status for every distribution, or err.
type statusCDN struct {
	domain.CDN
	status string
	err    error
}

func (c statusCDN) GetDistribution(context.Context, string) (domain.LiveDistribution, error) {
	return domain.LiveDistribution{Status: c.status}, c.err
}

// FindDistribution: no create of these tests reached CloudFront.
func (c statusCDN) FindDistribution(context.Context, string, time.Time) (domain.LiveDistribution, error) {
	return domain.LiveDistribution{}, domain.ErrNotFound
}

// lockedResource writes the resource of a kind, owned by opID, and returns how to read back
// its status and owning operation.
func lockedResource(t *testing.T, st domain.Store, kind domain.OperationKind, id, opID string) func() (status, owner string) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	switch kind {
	case domain.OpCreateDistribution, domain.OpUpdateDistribution, domain.OpDeleteDistribution, domain.OpInvalidate:
		d := domain.Distribution{ID: id, Status: domain.DistributionUpdating, CloudFrontID: "E1", OperationID: opID, CreatedAt: now}
		require.NoError(t, st.Write(ctx, shared.PutDistribution(&d)))
		return func() (string, string) {
			got, err := shared.Load[domain.Distribution](ctx, st, domain.KindDistribution, id)
			require.NoError(t, err)
			return string(got.Status), got.OperationID
		}
	case domain.OpCreateOrigin, domain.OpUpdateOrigin, domain.OpDeleteOrigin:
		o := domain.ManagedOrigin{ID: id, Status: domain.OriginUpdating, OperationID: opID, CreatedAt: now}
		require.NoError(t, st.Write(ctx, shared.PutOrigin(&o)))
		return func() (string, string) {
			got, err := shared.Load[domain.ManagedOrigin](ctx, st, domain.KindOrigin, id)
			require.NoError(t, err)
			return string(got.Status), got.OperationID
		}
	case domain.OpCreateEdgeFunction, domain.OpDeleteEdgeFunction:
		f := domain.EdgeFunction{ID: id, Status: domain.EdgeFunctionDeleting, OperationID: opID, CreatedAt: now}
		require.NoError(t, st.Write(ctx, shared.PutEdgeFunction(&f)))
		return func() (string, string) {
			got, err := shared.Load[domain.EdgeFunction](ctx, st, domain.KindEdgeFunction, id)
			require.NoError(t, err)
			return string(got.Status), got.OperationID
		}
	}
	t.Fatalf("no resource fixture for operation kind %s: add one", kind)
	return nil
}

// Every kind's failure hook: it releases the lock its operation holds (invalidations hold
// none), leaves a resource another operation owns alone, has nothing to do for a resource that
// is gone, and answers an error (so the message is retried) when it cannot read the resource.
func TestFailureHooksReleaseTheLockOrAskForARetry(t *testing.T) {
	for kind, h := range kinds {
		t.Run(string(kind), func(t *testing.T) {
			st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
			require.NoError(t, err)
			t.Cleanup(func() { _ = st.Close() })
			w := Worker{Deps: shared.Deps{Store: st, Cloud: shared.Cloud{CDN: statusCDN{status: domain.CloudStatusDeployed}}}}
			ctx := context.Background()
			op := &domain.Operation{ID: "op-1", Kind: kind, ResourceID: "res-1", Actor: "dev"}
			read := lockedResource(t, st, kind, "res-1", "op-1")
			cause := domain.Permanent(errors.New("rejected"))

			writes, err := h.fail(w, ctx, op, cause)
			require.NoError(t, err)
			require.NoError(t, st.Write(ctx, writes...))
			status, owner := read()
			if kind == domain.OpInvalidate {
				assert.Equal(t, "op-1", owner, "an invalidation runs beside the distribution's operation and holds no lock")
			} else {
				assert.Empty(t, owner, "the failed operation releases its resource")
				assert.NotContains(t, []string{"Creating", "Updating", "Deleting"}, status, "the resource is left in a final status")
			}

			other := lockedResource(t, st, kind, "res-2", "op-other")
			writes, err = h.fail(w, ctx, &domain.Operation{ID: "op-2", Kind: kind, ResourceID: "res-2"}, cause)
			require.NoError(t, err)
			require.NoError(t, st.Write(ctx, writes...))
			_, owner = other()
			assert.Equal(t, "op-other", owner, "a resource another operation owns is left alone")

			_, err = h.fail(w, ctx, &domain.Operation{ID: "op-3", Kind: kind, ResourceID: "res-gone"}, cause)
			assert.NoError(t, err, "a resource that is gone holds no lock")

			broken := Worker{Deps: shared.Deps{Store: failingStore{Store: st, err: fmt.Errorf("store: %w", domain.ErrThrottled)}}}
			if kind == domain.OpInvalidate {
				return // writes history only: it reads nothing
			}
			_, err = h.fail(broken, ctx, op, cause)
			assert.ErrorIs(t, err, domain.ErrThrottled, "a hook that cannot read the resource asks for a retry")
		})
	}
}

// A failed update leaves a serving distribution as CloudFront reports it; a distribution that
// is gone from CloudFront is Failed; a CloudFront that does not answer retries the hook.
func TestFailedDistributionOperationTakesTheStatusCloudFrontReports(t *testing.T) {
	cases := []struct {
		name string
		cdn  statusCDN
		want domain.DistributionStatus
	}{
		{"deployed", statusCDN{status: domain.CloudStatusDeployed}, domain.DistributionDeployed},
		{"deploying", statusCDN{status: "InProgress"}, domain.DistributionInProgress},
		{"gone", statusCDN{err: fmt.Errorf("NoSuchDistribution: %w", domain.ErrNotFound)}, domain.DistributionFailed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
			require.NoError(t, err)
			t.Cleanup(func() { _ = st.Close() })
			read := lockedResource(t, st, domain.OpUpdateDistribution, "dist-1", "op-1")
			w := Worker{Deps: shared.Deps{Store: st, Cloud: shared.Cloud{CDN: tc.cdn}}}
			writes, err := w.failDistribution(context.Background(), &domain.Operation{ID: "op-1", ResourceID: "dist-1"}, errors.New("x"))
			require.NoError(t, err)
			require.NoError(t, st.Write(context.Background(), writes...))
			status, owner := read()
			assert.Equal(t, string(tc.want), status)
			assert.Empty(t, owner)
		})
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	lockedResource(t, st, domain.OpUpdateDistribution, "dist-1", "op-1")
	w := Worker{Deps: shared.Deps{Store: st, Cloud: shared.Cloud{CDN: statusCDN{err: fmt.Errorf("GetDistribution: %w", domain.ErrThrottled)}}}}
	_, err = w.failDistribution(context.Background(), &domain.Operation{ID: "op-1", ResourceID: "dist-1"}, errors.New("x"))
	assert.ErrorIs(t, err, domain.ErrThrottled)
}
