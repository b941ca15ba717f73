package intake

import (
	"context"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// OperationFilter narrows GET /api/operations; every field is optional.
type OperationFilter struct {
	Status     domain.OperationStatus
	ResourceID string
	Actor      string
}

// List pages through operations, most recently updated first. The most selective filter picks
// the index (resource, then actor, then status; none = every operation), so no request scans
// the table; the other filters are applied to the page that index returned, which may make a
// page shorter than the limit (nextCursor still leads on).
func (a Operations) List(ctx context.Context, p domain.Principal, f OperationFilter, page PageRequest) (Page[domain.Operation], error) {
	if !p.CanRead() {
		return Page[domain.Operation]{}, fmt.Errorf("list operations: %w", domain.ErrForbidden)
	}
	switch f.Status {
	case "", domain.OperationAccepted, domain.OperationRunning, domain.OperationSucceeded, domain.OperationFailed:
	default:
		return Page[domain.Operation]{}, domain.Invalid("status", "must be one of Accepted, Running, Succeeded, Failed")
	}
	index, key := domain.ByKind, ""
	switch {
	case f.ResourceID != "":
		index, key = domain.ByParent, f.ResourceID
	case f.Actor != "":
		index, key = domain.ByOwner, f.Actor
	case f.Status != "":
		index, key = domain.ByStatus, string(f.Status)
	}
	q, err := page.query(domain.KindOperation, index, key, true)
	if err != nil {
		return Page[domain.Operation]{}, err
	}
	items, next, err := shared.List[domain.Operation](ctx, a.Store, q)
	if err != nil {
		return Page[domain.Operation]{}, err
	}
	kept := items[:0]
	for _, o := range items {
		if (f.Status == "" || o.Status == f.Status) && (f.Actor == "" || o.Actor == f.Actor) {
			kept = append(kept, o)
		}
	}
	return Page[domain.Operation]{Items: kept, Next: next}, nil
}
