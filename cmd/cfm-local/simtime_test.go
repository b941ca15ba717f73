package main

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/bus"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// simWorld runs the real worker, store and simulated CloudFront (with its rate limits) on
// virtual time: a virtual queue delivers each message at its due time, one at a time, and the
// clock jumps to the next due message. Minutes of CloudFront time take seconds of real time,
// and what is measured (calls, throttles, how late a deployment was seen) is exactly what the
// code did; what it leaves out is the real latency of queue delivery and of the calls.
type simWorld struct {
	mu     sync.Mutex
	now    time.Time
	deps   shared.Deps
	cloud  *cloud.Cloud
	queue  *virtualQueue
	worker converge.Worker
	// deploy draws each distribution's deployment duration (by CloudFront id, once).
	deploy    func() time.Duration
	durations map[string]time.Duration
	// handled counts delivered messages.
	handled int
	today   bool
}

// failedOperations counts the operations that ended Failed.
func (w *simWorld) failedOperations(tb testing.TB) int {
	tb.Helper()
	n := 0
	q := domain.Query{Kind: domain.KindOperation, Index: domain.ByStatus, Key: string(domain.OperationFailed), Limit: 100}
	for {
		page, err := w.deps.Store.Query(context.Background(), q)
		require.NoError(tb, err)
		n += len(page.Items)
		if page.Next == "" {
			return n
		}
		q.Cursor = page.Next
	}
}

type simOptions struct {
	timing       shared.Timing
	deploy       func() time.Duration
	invalidation time.Duration
	watcher      bool // false: today's per-operation polls
	rateLimits   bool
	today        bool // measures today's behaviour (for the totals row)
}

func newSimWorld(tb testing.TB, o simOptions) *simWorld {
	tb.Helper()
	w := &simWorld{now: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), deploy: o.deploy, durations: map[string]time.Duration{}, today: o.today}
	st, err := store.OpenUnsynced(filepath.Join(tb.TempDir(), "store.db"))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = st.Close() })
	var limits *cloud.RateLimits
	if o.rateLimits {
		limits = cloud.ObservedRateLimits()
	}
	cl, err := cloud.Open(filepath.Join(tb.TempDir(), "cloud"), cloud.Options{Clock: w.clock, RateLimits: limits, NoSync: true,
		InvalidationSeconds: o.invalidation.Seconds(), DeployDuration: w.deployDuration})
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = cl.Close() })
	b, err := bus.Open(filepath.Join(tb.TempDir(), "events.jsonl"))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = b.Close() })
	w.cloud = cl
	w.queue = &virtualQueue{clock: w.clock, seen: map[string]bool{}}
	c := shared.Cloud{CDN: cl, OACs: cl, RequestPols: cl, HeaderPols: cl, LambdaOAC: cl, CFFunctions: cl.Functions(), Tagger: cl, Buckets: cl,
		Certificates: cl, Lambdas: cl.Lambda()}
	if o.watcher {
		c.Statuses = cl
	}
	w.deps = shared.Deps{Store: st, Queue: w.queue, Bus: b, Cloud: c, Policy: domain.DefaultPolicy(), Timing: o.timing,
		Prefix: "cfm", EdgeRoleARN: "arn:aws:iam::" + cl.AccountID() + ":role/cfm-edge", Clock: w.clock,
		Log: slog.New(slog.DiscardHandler)}
	w.worker = converge.Worker{Deps: w.deps}
	// Registered last, so it runs before the store and the simulator close.
	tb.Cleanup(func() { w.tally(tb) })
	return w
}

// simTotals are the throttles and failed operations of every world of this run, by whether
// the world measured today's behaviour (index 0) or the new one (1); worlds add theirs as
// they are torn down.
var simTotals struct{ throttles, failed [2]int }

func (w *simWorld) tally(tb testing.TB) {
	i := 1
	if w.today {
		i = 0
	}
	simTotals.throttles[i] += w.throttles()
	simTotals.failed[i] += w.failedOperations(tb)
}

func (w *simWorld) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *simWorld) deployDuration(id string) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	d, ok := w.durations[id]
	if !ok {
		d = w.deploy()
		w.durations[id] = d
	}
	return d
}

// advanceTo moves the clock forward (never back).
func (w *simWorld) advanceTo(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t.After(w.now) {
		w.now = t
	}
}

// runUntil delivers due messages in order until done() or the clock passes limit.
func (w *simWorld) runUntil(tb testing.TB, limit time.Time, done func() bool) {
	tb.Helper()
	ctx := context.Background()
	for i := 0; i%50 != 0 || !done(); i++ {
		m, ok := w.queue.next()
		if !ok || m.due.After(limit) {
			w.advanceTo(limit)
			return
		}
		w.advanceTo(m.due)
		cmd, err := events.ParseCommand(m.body)
		require.NoError(tb, err)
		w.handled++
		err = w.worker.Handle(ctx, cmd)
		w.queue.finish(m, err)
	}
}

// virtualQueue is the two queues on virtual time: the FIFO command queue delivers a group's
// messages one at a time in order (dedup by id), the poll queue by due time. A failed message
// comes back after its retry delay (or a 30 s visibility timeout), like SQS.
type virtualQueue struct {
	mu    sync.Mutex
	clock func() time.Time
	seq   int
	msgs  []*vmsg
	seen  map[string]bool
}

type vmsg struct {
	seq   int
	queue string
	group string
	body  []byte
	due   time.Time
}

func (q *virtualQueue) Send(_ context.Context, name string, m domain.Message) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if m.DedupID != "" {
		if q.seen[m.DedupID] {
			return nil
		}
		q.seen[m.DedupID] = true
	}
	q.seq++
	q.msgs = append(q.msgs, &vmsg{seq: q.seq, queue: name, group: m.Group, body: m.Body, due: q.clock().Add(m.Delay)})
	return nil
}

// next returns the earliest deliverable message (a FIFO group's head only), leaving it queued.
func (q *virtualQueue) next() (*vmsg, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	heads := map[string]bool{}
	var best *vmsg
	for _, m := range q.msgs {
		if m.group != "" {
			if heads[m.group] {
				continue
			}
			heads[m.group] = true
		}
		if best == nil || m.due.Before(best.due) || (m.due.Equal(best.due) && m.seq < best.seq) {
			best = m
		}
	}
	return best, best != nil
}

// finish acks m, or schedules it again after the error's retry delay.
func (q *virtualQueue) finish(m *vmsg, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err != nil {
		d, ok := domain.RetryDelay(err)
		if !ok {
			d = 30 * time.Second
		}
		m.due = q.clock().Add(d)
		return
	}
	for i, x := range q.msgs {
		if x == m {
			q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
			return
		}
	}
}

// reads counts the CloudFront read calls the simulator answered.
func (w *simWorld) reads() int {
	c := w.cloud.Calls()
	return c["GetDistribution"] + c["ListDistributions"] + c["GetInvalidation"]
}

func (w *simWorld) throttles() int {
	n := 0
	for _, v := range w.cloud.Throttled() {
		n += v
	}
	return n
}

// operations returns every operation's final status counts.
func (w *simWorld) statusOf(tb testing.TB, ids []string) map[domain.OperationStatus]int {
	tb.Helper()
	out := map[domain.OperationStatus]int{}
	for _, id := range ids {
		op, err := shared.Load[domain.Operation](context.Background(), w.deps.Store, domain.KindOperation, id)
		require.NoError(tb, err)
		out[op.Status]++
	}
	return out
}

func (w *simWorld) allDone(tb testing.TB, ids []string) func() bool {
	return func() bool {
		for _, id := range ids {
			op, err := shared.Load[domain.Operation](context.Background(), w.deps.Store, domain.KindOperation, id)
			if err != nil {
				tb.Fatal(err)
			}
			if !op.Status.Done() {
				return false
			}
		}
		return true
	}
}

// uniform draws durations between lo and hi from a seeded source.
func uniform(seed uint64, lo, hi time.Duration) func() time.Duration {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var mu sync.Mutex
	return func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return lo + time.Duration(r.Int64N(int64(hi-lo)))
	}
}
