package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// BenchmarkGoals measures issue 12's goals on virtual time (simtime_test.go) with the
// simulator's CloudFront rate limits on, each next to today's behaviour (per-operation polls,
// one invalidation per request) measured in the same run, and prints one table row per goal.
// `make bench` runs it once (-benchtime 1x); the accept-path row comes from BenchmarkAcceptPath.
func BenchmarkGoals(b *testing.B) {
	goals := []struct {
		name string
		row  func(b *testing.B) [3]string
	}{
		{"seen-aws", func(b *testing.B) [3]string { return deploymentSeenRow(b, "AWS default tick", shared.DefaultTiming()) }},
		{"seen-local", func(b *testing.B) [3]string { return deploymentSeenRow(b, "local tick", localTiming()) }},
		{"reads", readsRow},
		{"invalidations", invalidationRow},
		{"updates", updateRow},
	}
	var rows [][3]string
	for _, g := range goals {
		b.Run(g.name, func(b *testing.B) {
			for range b.N {
				began := time.Now()
				rows = append(rows, g.row(b))
				fmt.Fprintf(os.Stderr, "goal %s measured in %s\n", g.name, time.Since(began).Round(time.Millisecond))
			}
		})
	}
	rows = append(rows, throttleRow())
	fmt.Println("| figure | today (same run) | now |")
	fmt.Println("|---|---|---|")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %s |\n", r[0], r[1], r[2])
	}
}

// localTiming is cfm-local's timing (1 s tick ± 200 ms, polls from 2 s up to 30 s).
func localTiming() shared.Timing {
	t := shared.DefaultTiming()
	t.PollInitial, t.PollMax, t.StuckAfter = 2*time.Second, 30*time.Second, time.Minute
	t.WatchTick, t.WatchJitter = time.Second, 200*time.Millisecond
	return t
}

var benchDev = domain.Principal{Username: "bench", Groups: []string{domain.GroupDevelopers}}

func benchCreateRequest(i int) domain.DistributionRequest {
	return domain.DistributionRequest{Name: fmt.Sprintf("bench %d", i), Config: domain.DistributionConfig{
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "o1", DomainName: "bucket1.s3.amazonaws.com"}}}}}
}

// createAll accepts n creates, one every 1.2 s (a steady stream that CloudFront's write limit
// of about 1 per second lets through), and returns their operation ids.
func createAll(b *testing.B, w *simWorld, n int) []string {
	b.Helper()
	ids := make([]string, 0, n)
	for i := range n {
		if i > 0 {
			w.runUntil(b, w.clock().Add(1200*time.Millisecond), func() bool { return false })
		}
		acc, err := intake.Distributions{Deps: w.deps}.Create(context.Background(), benchDev, benchCreateRequest(i), "")
		require.NoError(b, err)
		ids = append(ids, acc.Operation.ID)
	}
	return ids
}

func (w *simWorld) operation(b *testing.B, id string) domain.Operation {
	b.Helper()
	op, err := shared.Load[domain.Operation](context.Background(), w.deps.Store, domain.KindOperation, id)
	require.NoError(b, err)
	return op
}

func percentile(ds []time.Duration, p int) time.Duration {
	slices.Sort(ds)
	return ds[min(len(ds)-1, len(ds)*p/100)]
}

func outcome(counts map[domain.OperationStatus]int, throttles int) string {
	return fmt.Sprintf("%d succeeded, %d failed, %d throttles", counts[domain.OperationSucceeded], counts[domain.OperationFailed], throttles)
}

// deploymentSeen creates 100 distributions whose deployments take 2 to 8 minutes and measures
// how long after the simulator reports Deployed each operation succeeded.
func deploymentSeen(b *testing.B, timing shared.Timing, watcher bool) (p50, p99 time.Duration, result string) {
	w := newSimWorld(b, simOptions{timing: timing, deploy: uniform(7, 2*time.Minute, 8*time.Minute), watcher: watcher, rateLimits: true, today: !watcher})
	ids := createAll(b, w, 100)
	w.runUntil(b, w.clock().Add(3*time.Hour), w.allDone(b, ids))
	var lags []time.Duration
	for _, id := range ids {
		op := w.operation(b, id)
		if op.Status != domain.OperationSucceeded {
			continue
		}
		live, err := w.cloud.GetDistribution(context.Background(), op.Result.CloudFrontID)
		require.NoError(b, err)
		deployed := live.LastModifiedTime.Add(w.deployDuration(live.ID))
		lags = append(lags, op.UpdatedAt.Sub(deployed))
	}
	require.NotEmpty(b, lags)
	return percentile(lags, 50), percentile(lags, 99), outcome(w.statusOf(b, ids), w.throttles())
}

func deploymentSeenRow(b *testing.B, label string, timing shared.Timing) [3]string {
	_, oldP99, _ := deploymentSeen(b, timing, false)
	p50, p99, res := deploymentSeen(b, timing, true)
	return [3]string{"Deployed seen, p99 of 100 (2-8 min deployments), " + label,
		fmt.Sprintf("p99 %s", oldP99.Round(100*time.Millisecond)),
		fmt.Sprintf("p99 %s, p50 %s (%s)", p99.Round(100*time.Millisecond), p50.Round(100*time.Millisecond), res)}
}

// readsPerMinute parks n creates on a 2-hour deployment and counts CloudFront reads over the
// next 10 minutes (AWS timing).
func readsPerMinute(b *testing.B, n int, watcher bool) float64 {
	w := newSimWorld(b, simOptions{timing: shared.DefaultTiming(), deploy: func() time.Duration { return 2 * time.Hour }, watcher: watcher,
		rateLimits: true, today: !watcher})
	createAll(b, w, n)
	w.runUntil(b, w.clock().Add(5*time.Minute), func() bool { return false }) // past every create's first passes
	r0, t0 := w.reads(), w.clock()
	w.runUntil(b, t0.Add(10*time.Minute), func() bool { return false })
	return float64(w.reads()-r0) / 10
}

func readsRow(b *testing.B) [3]string {
	var old, now []string
	for _, n := range []int{10, 100, 500} {
		old = append(old, fmt.Sprintf("%d: %.1f", n, readsPerMinute(b, n, false)))
		now = append(now, fmt.Sprintf("%d: %.1f", n, readsPerMinute(b, n, true)))
	}
	return [3]string{"CloudFront reads/min with 10 / 100 / 500 in flight", strings.Join(old, ", "), strings.Join(now, ", ")}
}

// invalidations sends 1000 one-path requests (10 % wildcards over 10 directories) at random
// times within 60 s to one distribution; perRequest gives each its own CallerReference (today:
// one CreateInvalidation per request). Invalidations take 30 s in the simulator.
func invalidations(b *testing.B, perRequest bool) (calls int, result string) {
	w := newSimWorld(b, simOptions{timing: shared.DefaultTiming(), deploy: func() time.Duration { return time.Minute },
		invalidation: 30 * time.Second, watcher: true, rateLimits: true, today: perRequest})
	ctx := context.Background()
	create := createAll(b, w, 1)
	w.runUntil(b, w.clock().Add(time.Hour), w.allDone(b, create))
	distID := w.operation(b, create[0]).ResourceID
	d, err := intake.Distributions{Deps: w.deps}.Get(ctx, benchDev, distID)
	require.NoError(b, err)
	before := w.cloud.Calls()["CreateInvalidation"]
	r := rand.New(rand.NewPCG(12, 34))
	start := w.clock()
	at := make([]time.Duration, 1000)
	for i := range at {
		at[i] = time.Duration(r.Int64N(int64(60 * time.Second)))
	}
	sort.Slice(at, func(i, j int) bool { return at[i] < at[j] })
	var ids []string
	for i, off := range at {
		w.runUntil(b, start.Add(off), func() bool { return false })
		path := fmt.Sprintf("/dir%d/file-%d.html", r.IntN(10), r.IntN(1000))
		if r.IntN(10) == 0 {
			path = fmt.Sprintf("/dir%d/*", r.IntN(10))
		}
		req := intake.InvalidationRequest{Paths: []string{path}}
		if perRequest {
			req.CallerReference = fmt.Sprintf("req-%d", i)
		}
		inv, err := intake.Distributions{Deps: w.deps}.Invalidate(ctx, benchDev, distID, req, "")
		require.NoError(b, err)
		ids = append(ids, inv.Operation.ID)
	}
	w.runUntil(b, w.clock().Add(6*time.Hour), w.allDone(b, ids))
	uncovered := 0
	for _, id := range ids {
		op := w.operation(b, id)
		if op.Status != domain.OperationSucceeded {
			continue
		}
		inv, err := w.cloud.GetInvalidation(ctx, d.CloudFrontID, op.Result.InvalidationID)
		require.NoError(b, err)
		asked := op.Result.Paths
		for _, p := range asked {
			if !slices.ContainsFunc(inv.Paths, func(s string) bool {
				return s == p || (strings.HasSuffix(s, "*") && strings.HasPrefix(p, strings.TrimSuffix(s, "*")))
			}) {
				uncovered++
			}
		}
	}
	return w.cloud.Calls()["CreateInvalidation"] - before,
		fmt.Sprintf("%s, %d paths uncovered, last done %s after the first request", outcome(w.statusOf(b, ids), w.throttles()), uncovered,
			lastUpdate(b, w, ids).Sub(start).Round(time.Second))
}

func lastUpdate(b *testing.B, w *simWorld, ids []string) time.Time {
	var last time.Time
	for _, id := range ids {
		if t := w.operation(b, id).UpdatedAt; t.After(last) {
			last = t
		}
	}
	return last
}

func invalidationRow(b *testing.B) [3]string {
	oldCalls, oldRes := invalidations(b, true)
	calls, res := invalidations(b, false)
	return [3]string{"CreateInvalidation calls for 1000 requests in 60 s (10 % wildcards)",
		fmt.Sprintf("%d calls (%s)", oldCalls, oldRes), fmt.Sprintf("%d calls (%s)", calls, res)}
}

// updates sends 20 PUTs (one every 5 s, each a merge patch) to one distribution while its
// first change deploys (5 minutes); watcher=false is today's one-update-at-a-time behaviour.
func updates(b *testing.B) (calls int, result string) {
	w := newSimWorld(b, simOptions{timing: shared.DefaultTiming(), deploy: func() time.Duration { return 5 * time.Minute },
		watcher: true, rateLimits: true})
	ctx := context.Background()
	create := createAll(b, w, 1)
	w.runUntil(b, w.clock().Add(time.Hour), w.allDone(b, create))
	distID := w.operation(b, create[0]).ResourceID
	before := w.cloud.Calls()["UpdateDistribution"]
	var ids []string
	refused := 0
	for i := range 20 {
		patch := json.RawMessage(fmt.Sprintf(`{"Comment":"change %d","DefaultRootObject":"index-%d.html"}`, i, i))
		if i%2 == 1 {
			patch = json.RawMessage(fmt.Sprintf(`{"Comment":"change %d"}`, i))
		}
		up, err := intake.Distributions{Deps: w.deps}.Update(ctx, benchDev, distID, intake.DistributionChange{Config: patch}, "")
		if err != nil {
			refused++
		} else {
			ids = append(ids, up.Operation.ID)
		}
		w.runUntil(b, w.clock().Add(5*time.Second), func() bool { return false })
	}
	w.runUntil(b, w.clock().Add(time.Hour), w.allDone(b, ids))
	d, err := intake.Distributions{Deps: w.deps}.Get(ctx, benchDev, distID)
	require.NoError(b, err)
	live, err := w.cloud.GetDistribution(ctx, d.CloudFrontID)
	require.NoError(b, err)
	inOrder := live.Config.Comment == "change 19" && live.Config.DefaultRootObject == "index-18.html"
	return w.cloud.Calls()["UpdateDistribution"] - before, fmt.Sprintf("%d accepted, %d refused, %s; final config = all patches in order: %t",
		len(ids), refused, outcome(w.statusOf(b, ids), w.throttles()), inOrder)
}

func updateRow(b *testing.B) [3]string {
	calls, res := updates(b)
	return [3]string{"UpdateDistribution calls for 20 PUTs in one deploy window",
		"1 call: the 19 PUTs during the deployment were refused with 409 (read from the code before this change)",
		fmt.Sprintf("%d calls (%s)", calls, res)}
}

// throttleRow sums, over every world of this run, the Throttling answers the simulator's
// rate limits gave and the operations that failed.
func throttleRow() [3]string {
	t, n := simTotals.throttles, simTotals.failed
	return [3]string{"Throttles caused by all of the above (simulator: burst 4 then 1/s writes, same for invalidations)",
		fmt.Sprintf("%d throttles, %d failed operations", t[0], n[0]), fmt.Sprintf("%d throttles, %d failed operations", t[1], n[1])}
}
