package converge_test

import (
	"context"
	"fmt"
	"slices"
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

// escalating is a harness whose policy allows invalidation escalation.
func escalating(t *testing.T) *mutHarness {
	h := newMutHarness(t)
	h.deps.Policy.AllowInvalidationEscalation = true
	return h
}

// Exact coverage is the default: 3 001 file paths waiting together go out as they were asked,
// over two invalidations (CloudFront allows 3 000 in progress); with escalation allowed the
// same requests go out at once as "/img/*" plus the path that fitted, and every request reports
// the invalidation that covered it.
func TestInvalidationEscalationIsOptInAndCoversEveryRequest(t *testing.T) {
	t.Parallel()
	requests := func() [][]string {
		var out [][]string
		for r := range 4 {
			var paths []string
			for i := range 750 {
				paths = append(paths, fmt.Sprintf("/img/%d-%04d.png", r, i))
			}
			out = append(out, paths)
		}
		return append(out, []string{"/img/last.png", "/docs/a.html"})
	}
	for _, tc := range []struct {
		name      string
		h         *mutHarness
		calls     int
		wantPaths []string // of the batch after the first; nil: exactly the requested paths
	}{
		{name: "exact by default", h: newMutHarness(t), calls: 3},
		{name: "escalation allowed", h: escalating(t), calls: 2, wantPaths: []string{"/docs/a.html", "/img/*"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.h
			d := h.deployed(t)
			ops := []domain.Operation{h.invalidate(t, d, "/first")}
			for _, paths := range requests() {
				ops = append(ops, h.invalidate(t, d, paths...))
			}
			done := h.finish(t, ops)
			assert.Equal(t, tc.calls, h.cdn.count("CreateInvalidation"))
			sent := map[string]bool{}
			for _, op := range done {
				for _, p := range h.requireCovered(t, d, op) {
					sent[p] = true
				}
			}
			if tc.wantPaths == nil {
				assert.Len(t, sent, 1+3000+2, "every requested path sent as asked, nothing wider")
				assert.False(t, sent["/img/*"])
				return
			}
			batch := done[1].Result.InvalidationID
			for _, op := range done[1:] {
				assert.Equal(t, batch, op.Result.InvalidationID, "one escalated invalidation covers every waiting request")
				assert.Equal(t, 5, op.Result.CoalescedRequests)
			}
			assert.ElementsMatch(t, tc.wantPaths, h.requireCovered(t, d, done[1]))
			step := done[1].Steps[slices.IndexFunc(done[1].Steps, func(s domain.Step) bool { return s.Name == "CreateInvalidation" })]
			assert.Contains(t, step.Detail, "escalated to parent wildcards")
		})
	}
}

// With escalation allowed, 20 distinct wildcards that wait together exceed the 15 in
// progress: the narrowest parent that makes them fit is sent instead ("/*" when they only
// share the root; "/a/*" when they share /a/).
func TestInvalidationEscalationMergesWildcards(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{dir: "/dir%02d/*", want: []string{"/*"}},
		{dir: "/a/dir%02d/*", want: []string{"/a/*"}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			h := escalating(t)
			d := h.deployed(t)
			ops := []domain.Operation{h.invalidate(t, d, "/first")}
			for i := range 20 {
				ops = append(ops, h.invalidate(t, d, fmt.Sprintf(tc.dir, i)))
			}
			done := h.finish(t, ops)
			assert.Equal(t, 2, h.cdn.count("CreateInvalidation"), "no second round for the wildcards beyond 15")
			assert.ElementsMatch(t, tc.want, h.requireCovered(t, d, done[1]))
			for _, op := range done {
				h.requireCovered(t, d, op)
			}
		})
	}
}
