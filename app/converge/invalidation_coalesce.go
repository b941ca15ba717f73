package converge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Invalidation coalescing. Per distribution, requests that arrive while one of the product's
// invalidations is in progress there wait in a queue; when none is in progress, every waiting
// request that fits CloudFront's in-progress limits (3000 file paths, 15 wildcard paths) goes
// out as one CreateInvalidation. Duplicates are dropped, a path under a wildcard of the same
// batch is not sent, and "/*" covers everything. Each request keeps its operation, which reports
// the invalidation that covered it and completes when that invalidation completes. A request
// with the client's own CallerReference is sent as asked, on its own (invalidate.go).
//
// Paths already in an earlier, in-progress invalidation are sent again: that invalidation was
// created before the request, so it may have run before the content the request is about.

// CloudFront's in-progress limits per distribution.
const (
	maxInProgressFiles     = 3000
	maxInProgressWildcards = 15
)

const (
	// invalidationCheckEvery bounds GetInvalidation: the batch's status is read at most this
	// often, whichever of its operations polls.
	invalidationCheckEvery = time.Second
	// keptBatches is how many completed batches the queue remembers (older operations read
	// their invalidation by id).
	keptBatches = 50
	// queueWriteAttempts bounds the optimistic retries on a busy queue record.
	queueWriteAttempts = 8
)

// invalidationQueue is one distribution's coalescing state (one store record).
type invalidationQueue struct {
	Pending []queuedInvalidation `json:"pending,omitempty"` // not sent yet, in arrival order
	Batches []invalidationBatch  `json:"batches,omitempty"` // sent or about to be, oldest first
}

type queuedInvalidation struct {
	OperationID string   `json:"operationId"`
	Paths       []string `json:"paths"`
}

// invalidationBatch is one CreateInvalidation for several requests. Its CallerReference is the
// first operation's id, and it is written before the call, so a retry after a crash sends the
// same batch and CloudFront returns the same invalidation.
type invalidationBatch struct {
	CallerReference string    `json:"callerReference"`
	ID              string    `json:"id,omitempty"` // "" until CloudFront accepted it
	Status          string    `json:"status,omitempty"`
	Paths           []string  `json:"paths"`
	Operations      []string  `json:"operations"`
	CheckedAt       time.Time `json:"checkedAt,omitzero"`
	// Escalated: some requested paths are covered by a parent wildcard sent instead of them.
	Escalated bool `json:"escalated,omitempty"`
}

func (q *invalidationQueue) batchOf(opID string) *invalidationBatch {
	for i := range q.Batches {
		if slices.Contains(q.Batches[i].Operations, opID) {
			return &q.Batches[i]
		}
	}
	return nil
}

func (q *invalidationQueue) pending(opID string) bool {
	return slices.ContainsFunc(q.Pending, func(p queuedInvalidation) bool { return p.OperationID == opID })
}

// inFlight is a batch not known to be completed (sent or not).
func (q *invalidationQueue) inFlight() bool {
	return slices.ContainsFunc(q.Batches, func(b invalidationBatch) bool { return b.Status != invalidationCompleted })
}

// planBatch moves every pending request that still fits the limits into a new batch. With
// escalate (the policy's allowInvalidationEscalation), requests that would wait for room go in
// too, and exact paths (then wildcards) are replaced by parent wildcards until the batch fits.
func (q *invalidationQueue) planBatch(escalate bool) {
	set := pathSet{exact: map[string]bool{}}
	var ops []string
	var rest []queuedInvalidation
	for _, p := range q.Pending {
		next := set.with(p.Paths)
		if len(ops) > 0 && !escalate && !next.fits() {
			rest = append(rest, p)
			continue
		}
		set = next
		ops = append(ops, p.OperationID)
	}
	if len(ops) == 0 {
		return
	}
	escalated := false
	if !set.fits() && escalate {
		set, escalated = set.escalated(), true
	}
	q.Pending = rest
	q.Batches = append(q.Batches, invalidationBatch{CallerReference: ops[0], Paths: set.paths(), Operations: ops, Escalated: escalated})
	// Forget the oldest completed batches beyond keptBatches.
	for done := 0; len(q.Batches) > keptBatches; {
		i := slices.IndexFunc(q.Batches[done:], func(b invalidationBatch) bool { return b.Status == invalidationCompleted })
		if i < 0 {
			break
		}
		q.Batches = slices.Delete(q.Batches, done+i, done+i+1)
	}
}

// pathSet is a deduplicated set of invalidation paths where a wildcard covers what it prefixes.
type pathSet struct {
	exact     map[string]bool
	wildcards []string
}

// fits reports whether the set stays within CloudFront's in-progress limits.
func (s pathSet) fits() bool {
	return len(s.exact) <= maxInProgressFiles && len(s.wildcards) <= maxInProgressWildcards
}

// escalated replaces entries by parent wildcards until the set fits: each step sends the
// deepest directory that covers at least two entries as "<dir>*" (the narrowest escalation
// that makes room), so "/*" is reached only when nothing narrower fits.
func (s pathSet) escalated() pathSet {
	for !s.fits() {
		counts := map[string]int{}
		for _, e := range s.paths() {
			for _, dir := range parentDirs(e) {
				counts[dir]++
			}
		}
		best := ""
		for dir, n := range counts {
			if n < 2 {
				continue
			}
			if d, b := strings.Count(dir, "/"), strings.Count(best, "/"); best == "" || d > b || (d == b && (n > counts[best] || (n == counts[best] && dir < best))) {
				best = dir
			}
		}
		if best == "" { // a single entry always fits
			break
		}
		s = s.with([]string{best + "*"})
	}
	return s
}

// parentDirs lists the directories whose wildcard would cover an entry from above:
// "/a/b/c.png" → "/a/b/", "/a/", "/"; "/a/b/*" → "/a/", "/" (its own wildcard is itself).
func parentDirs(entry string) []string {
	prefix := strings.TrimSuffix(entry, "*")
	var out []string
	for i := len(prefix) - 1; i >= 0; i-- {
		if dir := prefix[:i+1]; prefix[i] == '/' && dir+"*" != entry {
			out = append(out, dir)
		}
	}
	return out
}

func covers(wildcard, path string) bool {
	return strings.HasPrefix(path, strings.TrimSuffix(wildcard, "*"))
}

// with returns the set plus paths (s is left as it was).
func (s pathSet) with(paths []string) pathSet {
	out := pathSet{exact: make(map[string]bool, len(s.exact)+len(paths)), wildcards: slices.Clone(s.wildcards)}
	for p := range s.exact {
		out.exact[p] = true
	}
	for _, p := range paths {
		if slices.ContainsFunc(out.wildcards, func(w string) bool { return covers(w, p) }) {
			continue // duplicate or covered
		}
		if !strings.HasSuffix(p, "*") {
			out.exact[p] = true
			continue
		}
		out.wildcards = slices.DeleteFunc(out.wildcards, func(w string) bool { return covers(p, w) })
		for e := range out.exact {
			if covers(p, e) {
				delete(out.exact, e)
			}
		}
		out.wildcards = append(out.wildcards, p)
	}
	return out
}

func (s pathSet) paths() []string {
	out := append(slices.Sorted(func(yield func(string) bool) {
		for p := range s.exact {
			if !yield(p) {
				return
			}
		}
	}), s.wildcards...)
	return out
}

// loadInvalidationQueue reads a distribution's queue and its version (0: none yet).
func (w Worker) loadInvalidationQueue(ctx context.Context, distID string) (invalidationQueue, int64, error) {
	it, err := w.Store.Get(ctx, domain.KindInvalidationQueue, distID)
	if errors.Is(err, domain.ErrNotFound) {
		return invalidationQueue{}, 0, nil
	}
	if err != nil {
		return invalidationQueue{}, 0, fmt.Errorf("invalidation queue of %s: %w", distID, err)
	}
	var q invalidationQueue
	if err := json.Unmarshal(it.Body, &q); err != nil {
		return q, 0, fmt.Errorf("decode invalidation queue of %s: %w", distID, err)
	}
	return q, it.Version, nil
}

func putInvalidationQueue(distID string, q invalidationQueue, version int64) domain.Write {
	return shared.Put(domain.KindInvalidationQueue, distID, version+1, "", "", "", q)
}

// coalescedInvalidate runs one pass of a coalesced request: join the queue, refresh the
// status of the batch in progress, send the next batch when nothing is in progress, and report
// on the batch that covers this request.
func (w Worker) coalescedInvalidate(ctx context.Context, r *run, d domain.Distribution, in shared.InvalidationInput) (outcome, error) {
	for attempt := 1; ; attempt++ {
		out, err := w.coalescePass(ctx, r, d, in)
		if !errors.Is(err, domain.ErrConflict) || attempt == queueWriteAttempts {
			return out, err
		}
		// Another request of the same distribution wrote the queue in between: read it again.
	}
}

func (w Worker) coalescePass(ctx context.Context, r *run, d domain.Distribution, in shared.InvalidationInput) (outcome, error) {
	q, version, err := w.loadInvalidationQueue(ctx, d.ID)
	if err != nil {
		return 0, err
	}
	op := r.op
	now := w.Now()
	changed := false
	if q.batchOf(op.ID) == nil && !q.pending(op.ID) {
		if op.Result != nil && op.Result.InvalidationID != "" {
			return w.followInvalidation(ctx, r, d, in, op.Result.InvalidationID) // its batch was forgotten: read it by id
		}
		q.Pending = append(q.Pending, queuedInvalidation{OperationID: op.ID, Paths: in.Paths})
		changed = true
	}
	for i := range q.Batches {
		b := &q.Batches[i]
		if b.ID == "" || b.Status == invalidationCompleted || now.Sub(b.CheckedAt) < invalidationCheckEvery {
			continue
		}
		inv, err := w.Cloud.CDN.GetInvalidation(ctx, d.CloudFrontID, b.ID)
		if err != nil {
			return 0, cloudError(fmt.Errorf("get invalidation %s on %s: %w", b.ID, d.CloudFrontID, err))
		}
		b.Status, b.CheckedAt, changed = inv.Status, now, true
	}
	if !q.inFlight() && len(q.Pending) > 0 {
		q.planBatch(w.Policy.AllowInvalidationEscalation)
		changed = true
	}
	if changed {
		if err := w.Store.Write(ctx, putInvalidationQueue(d.ID, q, version)); err != nil {
			return 0, fmt.Errorf("record invalidation queue of %s: %w", d.ID, err)
		}
		version++
	}
	if i := slices.IndexFunc(q.Batches, func(b invalidationBatch) bool { return b.ID == "" }); i >= 0 {
		if err := w.sendBatch(ctx, r, d, &q, version, i); err != nil {
			return 0, err
		}
	}
	return w.reportBatch(r, d, in, q.batchOf(op.ID))
}

// sendBatch creates the planned invalidation and records its id. A full quota (someone else's
// invalidations) leaves it planned; the next pass tries again.
func (w Worker) sendBatch(ctx context.Context, r *run, d domain.Distribution, q *invalidationQueue, version int64, i int) error {
	b := &q.Batches[i]
	inv, err := w.Cloud.CDN.CreateInvalidation(ctx, d.CloudFrontID, b.CallerReference, b.Paths)
	if quotaFull(err) {
		w.Logger().InfoContext(ctx, "invalidation quota full; the batch waits for room", "distribution", d.ID, "error", err)
		if slices.Contains(b.Operations, r.op.ID) {
			r.op.Record(stepInvalidationQuota, "Waiting", err.Error(), w.Now())
		}
		return nil
	}
	if err != nil {
		err = invalidationError(fmt.Errorf("create invalidation on %s: %w", d.CloudFrontID, err))
		if domain.IsPermanent(err) {
			// Never going to work: forget the batch, so the requests behind it are not held up
			// (its other operations queue again on their next pass).
			q.Batches = slices.Delete(q.Batches, i, i+1)
			if werr := w.Store.Write(ctx, putInvalidationQueue(d.ID, *q, version)); werr != nil {
				return errors.Join(err, werr)
			}
		}
		return err
	}
	b.ID, b.Status, b.CheckedAt = inv.ID, inv.Status, w.Now()
	if err := w.Store.Write(ctx, putInvalidationQueue(d.ID, *q, version)); err != nil {
		// Lost to a concurrent pass: it re-reads the queue and sends the same batch (same
		// CallerReference and paths), which CloudFront answers with this invalidation.
		return fmt.Errorf("record invalidation %s of %s: %w", inv.ID, d.ID, err)
	}
	return nil
}

// reportBatch puts the covering batch on the operation and says whether it is done.
func (w Worker) reportBatch(r *run, d domain.Distribution, in shared.InvalidationInput, b *invalidationBatch) (outcome, error) {
	now := w.Now()
	if b == nil || b.ID == "" {
		r.op.Result = &domain.OperationResult{Status: "Queued", CloudFrontID: d.CloudFrontID}
		return waitDeployment, nil
	}
	if !r.op.HasStep(stepCreateInvalidation) {
		if hasStepNamed(r.op, stepInvalidationQuota) {
			r.op.Record(stepInvalidationQuota, "Done", "room available", now)
		}
		msg := fmt.Sprintf("%s (one call for %d request(s), %d path(s))", b.ID, len(b.Operations), len(b.Paths))
		if b.Escalated {
			wild := slices.DeleteFunc(slices.Clone(b.Paths), func(p string) bool { return !strings.HasSuffix(p, "*") })
			msg += "; escalated to parent wildcards to fit CloudFront's in-progress limits (policy allowInvalidationEscalation): " + strings.Join(wild, " ")
		}
		r.op.Record(stepCreateInvalidation, "Done", msg, now)
	}
	return w.invalidationResult(r, d, in, domain.Invalidation{ID: b.ID, Status: b.Status}, b.CallerReference, len(b.Operations))
}

// followInvalidation reads an invalidation by id (the queue no longer remembers its batch).
func (w Worker) followInvalidation(ctx context.Context, r *run, d domain.Distribution, in shared.InvalidationInput, id string) (outcome, error) {
	inv, err := w.Cloud.CDN.GetInvalidation(ctx, d.CloudFrontID, id)
	if err != nil {
		return 0, cloudError(fmt.Errorf("get invalidation %s on %s: %w", id, d.CloudFrontID, err))
	}
	n, callerRef := 1, ""
	if res := r.op.Result; res != nil {
		n, callerRef = max(res.CoalescedRequests, 1), res.CallerReference
	}
	return w.invalidationResult(r, d, in, inv, callerRef, n)
}
