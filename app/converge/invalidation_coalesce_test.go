package converge_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// invalidate accepts and executes one coalescable request (no client reference).
func (h *mutHarness) invalidate(t *testing.T, d domain.Distribution, paths ...string) domain.Operation {
	t.Helper()
	inv, err := h.dists().Invalidate(context.Background(), dev, d.ID, intake.InvalidationRequest{Paths: paths}, "")
	require.NoError(t, err)
	require.NoError(t, h.handle(inv.Operation, events.CommandExecute))
	return inv.Operation
}

// finish polls every operation past the invalidation time until all are final.
func (h *mutHarness) finish(t *testing.T, ops []domain.Operation) []domain.Operation {
	t.Helper()
	for range 10 {
		done := true
		for _, op := range ops {
			if !h.op(t, op.ID).Status.Done() {
				done = false
				require.NoError(t, h.handle(op, events.CommandCheckDeployment))
			}
		}
		if done {
			break
		}
		h.advance(simInvalidation + 1e9)
	}
	out := make([]domain.Operation, len(ops))
	for i, op := range ops {
		out[i] = h.op(t, op.ID)
		require.Equal(t, domain.OperationSucceeded, out[i].Status, out[i].LastError)
	}
	return out
}

// requireCovered checks that every path the operation asked for is covered by the paths of the
// invalidation it reports, as CloudFront holds it.
func (h *mutHarness) requireCovered(t *testing.T, d domain.Distribution, op domain.Operation) []string {
	t.Helper()
	inv, err := h.cloud.GetInvalidation(context.Background(), d.CloudFrontID, op.Result.InvalidationID)
	require.NoError(t, err)
	assert.Equal(t, "Completed", inv.Status)
	asked := op.Result.Paths
	for _, p := range asked {
		covered := false
		for _, sent := range inv.Paths {
			covered = covered || sent == p || (strings.HasSuffix(sent, "*") && strings.HasPrefix(p, strings.TrimSuffix(sent, "*")))
		}
		assert.True(t, covered, "%s of %s is covered by %s %v", p, op.ID, inv.ID, inv.Paths)
	}
	return inv.Paths
}

func TestInvalidationsArrivingWhileOneIsInProgressShareOneCall(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	first := h.invalidate(t, d, "/a")
	assert.Equal(t, 1, h.cdn.count("CreateInvalidation"), "nothing in progress: sent at once")
	queued := []domain.Operation{
		h.invalidate(t, d, "/img/x.png", "/a"),
		h.invalidate(t, d, "/img/*"),
		h.invalidate(t, d, "/img/y.png", "/b"),
		h.invalidate(t, d, "/b"),
	}
	assert.Equal(t, 1, h.cdn.count("CreateInvalidation"), "waiting behind the one in progress")
	assert.Equal(t, "Queued", h.op(t, queued[0].ID).Result.Status)

	done := h.finish(t, append([]domain.Operation{first}, queued...))
	assert.Equal(t, 2, h.cdn.count("CreateInvalidation"))
	assert.Equal(t, first.ID, done[0].Result.CallerReference, "a batch of one keeps the operation id as reference")
	batch := done[1].Result.InvalidationID
	assert.NotEqual(t, done[0].Result.InvalidationID, batch)
	for _, op := range done[1:] {
		assert.Equal(t, batch, op.Result.InvalidationID, "each request reports the invalidation that covered it")
		assert.Equal(t, 4, op.Result.CoalescedRequests)
		assert.Equal(t, "Completed", op.Result.Status)
	}
	assert.ElementsMatch(t, []string{"/a", "/b", "/img/*"}, h.requireCovered(t, d, done[1]),
		"duplicates dropped, paths under the wildcard not sent")
	for _, op := range done {
		h.requireCovered(t, d, op)
	}
}

func TestInvalidationOfEverythingCoversEveryQueuedPath(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	first := h.invalidate(t, d, "/first")
	ops := []domain.Operation{first, h.invalidate(t, d, "/x"), h.invalidate(t, d, "/*"), h.invalidate(t, d, "/y/*", "/z")}
	done := h.finish(t, ops)
	assert.Equal(t, 2, h.cdn.count("CreateInvalidation"))
	assert.Equal(t, []string{"/*"}, h.requireCovered(t, d, done[1]))
	for _, op := range done {
		h.requireCovered(t, d, op)
	}
}

// 20 distinct wildcards wait together: CloudFront allows 15 in progress, so they go out as 15
// and then 5, never refused and never failed.
func TestInvalidationBatchesRespectTheWildcardLimit(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ops := []domain.Operation{h.invalidate(t, d, "/first")}
	for i := range 20 {
		ops = append(ops, h.invalidate(t, d, fmt.Sprintf("/dir%02d/*", i)))
	}
	done := h.finish(t, ops)
	assert.Equal(t, 3, h.cdn.count("CreateInvalidation"))
	sizes := map[string]int{}
	for _, op := range done[1:] {
		sizes[op.Result.InvalidationID]++
		h.requireCovered(t, d, op)
	}
	var counts []int
	for _, n := range sizes {
		counts = append(counts, n)
	}
	assert.ElementsMatch(t, []int{15, 5}, counts)
}
