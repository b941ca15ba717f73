package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Limits of one invalidation request (CloudFront's per-distribution in-progress quota is 3000
// file paths and 15 wildcard paths; the worker waits for room when a request would exceed it).
const (
	MaxInvalidationPaths      = 3000
	MaxInvalidationPathLength = 4096
	MaxCallerReferenceLength  = 128
)

// InvalidationRequest is the seed's invalidate body.
type InvalidationRequest struct {
	Paths []string `json:"paths"`
	// CallerReference, when given, is sent to CloudFront as is: the same reference with the same
	// paths is the same invalidation (and the same operation here); with other paths it is a 409.
	CallerReference string `json:"callerReference,omitempty"`
}

// Validate names every offending field.
func (r InvalidationRequest) Validate() error {
	v := &domain.ValidationError{}
	switch {
	case len(r.Paths) == 0:
		v.Add("paths", "at least one path is required")
	case len(r.Paths) > MaxInvalidationPaths:
		v.Add("paths", "at most %d paths are allowed in one invalidation", MaxInvalidationPaths)
	}
	seen := make(map[string]bool, len(r.Paths))
	for i, p := range r.Paths {
		if msg := invalidPath(p); msg != "" {
			v.Add(fmt.Sprintf("paths[%d]", i), "%s", msg)
		} else if seen[p] {
			v.Add(fmt.Sprintf("paths[%d]", i), "duplicate path %q", p)
		}
		seen[p] = true
	}
	if ref := r.CallerReference; ref != "" {
		if len(ref) > MaxCallerReferenceLength || strings.IndexFunc(ref, func(c rune) bool { return c < 0x21 || c > 0x7e }) >= 0 {
			v.Add("callerReference", "must be 1-%d printable ASCII characters without spaces", MaxCallerReferenceLength)
		}
	}
	return v.OrNil()
}

func invalidPath(p string) string {
	switch {
	case !strings.HasPrefix(p, "/"):
		return "must start with /"
	case len(p) > MaxInvalidationPathLength:
		return fmt.Sprintf("must be at most %d characters", MaxInvalidationPathLength)
	case !utf8.ValidString(p):
		return "must be valid UTF-8"
	case strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r == 0x7f || !unicode.IsPrint(r) }):
		return "must be printable, with spaces and control characters URL-encoded"
	case strings.Contains(strings.TrimSuffix(p, "*"), "*"):
		return "may contain * only as its last character"
	}
	return ""
}

// Invalidate records the intent to invalidate paths and sends the command. Admins may
// invalidate any distribution, developers the ones they own. Invalidations run beside updates;
// a distribution being deleted or never created in CloudFront is a 409.
func (a Distributions) Invalidate(ctx context.Context, p domain.Principal, id string, req InvalidationRequest, idemKey string) (shared.Invalidation, error) {
	if !p.CanCreate() {
		return shared.Invalidation{}, fmt.Errorf("invalidate distribution %s: %w", id, domain.ErrForbidden)
	}
	if err := req.Validate(); err != nil {
		return shared.Invalidation{}, err
	}
	op := a.NewOperation(domain.OpInvalidate, "distribution", id, p, idemKey, shared.RequestHash("invalidate", id, req))
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		return replayedInvalidation(prev, err)
	}
	d, err := a.loadForChange(ctx, p, id, "invalidate")
	if err != nil {
		return shared.Invalidation{}, err
	}
	switch {
	case d.Status == domain.DistributionDeleting:
		return shared.Invalidation{}, fmt.Errorf("distribution %s is being deleted: %w", id, domain.ErrConflict)
	case d.CloudFrontID == "":
		return shared.Invalidation{}, fmt.Errorf("distribution %s has no CloudFront distribution yet (status %s): %w", id, d.Status, domain.ErrConflict)
	}
	in := shared.InvalidationInput{Paths: slices.Clone(req.Paths), CallerReference: req.CallerReference}
	if in.CallerReference == "" {
		in.CallerReference = op.ID
	}
	writes := []domain.Write{}
	if req.CallerReference != "" {
		// The client's reference is an idempotency key scoped to the distribution.
		ref := callerReferenceID(id, req.CallerReference)
		prev, ok, err := a.referencedOperation(ctx, ref, shared.RequestHash(req.Paths), req.CallerReference)
		if err != nil || ok {
			return replayedInvalidation(prev, err)
		}
		writes = append(writes, shared.Put(domain.KindIdempotency, ref, 1, "", "", shared.SortTime(op.CreatedAt),
			shared.IdempotencyRecord{OperationID: op.ID, RequestHash: shared.RequestHash(req.Paths)}))
	}
	if op.Input, err = json.Marshal(in); err != nil {
		return shared.Invalidation{}, fmt.Errorf("encode invalidation input: %w", err)
	}
	hist := domain.HistoryEntry{ResourceID: id, Action: "InvalidationRequested", Actor: p.Username, OperationID: op.ID,
		Message: fmt.Sprintf("%d path(s): %s", len(in.Paths), shared.SummarizePaths(in.Paths)), At: op.CreatedAt}
	writes = append(writes, shared.PutHistory(hist))
	sub, err := a.Submit(ctx, op, writes...)
	if err != nil || sub.Replayed {
		return replayedInvalidation(sub.Operation, err)
	}
	return shared.Invalidation{DistributionID: id, Paths: in.Paths, CallerReference: req.CallerReference, Operation: sub.Operation}, nil
}

func callerReferenceID(distID, ref string) string {
	return shared.IdempotencyID("invalidation:"+distID, ref)
}

// referencedOperation finds the operation an invalidation CallerReference already started.
func (a Distributions) referencedOperation(ctx context.Context, refID, hash, ref string) (domain.Operation, bool, error) {
	rec, err := shared.Load[shared.IdempotencyRecord](ctx, a.Store, domain.KindIdempotency, refID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Operation{}, false, nil
	}
	if err != nil {
		return domain.Operation{}, false, err
	}
	if rec.RequestHash != hash {
		return domain.Operation{}, false, fmt.Errorf("callerReference %q was used for other paths by operation %s: %w", ref, rec.OperationID, domain.ErrConflict)
	}
	op, err := shared.Load[domain.Operation](ctx, a.Store, domain.KindOperation, rec.OperationID)
	return op, err == nil, err
}

func replayedInvalidation(op domain.Operation, err error) (shared.Invalidation, error) {
	if err != nil {
		return shared.Invalidation{}, err
	}
	var in shared.InvalidationInput
	if err := json.Unmarshal(op.Input, &in); err != nil {
		return shared.Invalidation{}, fmt.Errorf("decode input of %s: %w", op.ID, err)
	}
	ref := in.CallerReference
	if ref == op.ID {
		ref = ""
	}
	return shared.Invalidation{DistributionID: op.ResourceID, Paths: in.Paths, CallerReference: ref, Operation: op, Replayed: true}, nil
}
