package intake

import "github.com/cloudfront-manager/cfm/domain"

// PageRequest is a caller's page: Limit 1..100 (default 20) and an opaque cursor.
type PageRequest struct {
	Limit  int
	Cursor string
}

// DefaultPageLimit and MaxPageLimit bound list pages.
const (
	DefaultPageLimit = 20
	MaxPageLimit     = 100
)

func (p PageRequest) query(kind domain.Kind, index domain.Index, key string, desc bool) (domain.Query, error) {
	limit := p.Limit
	switch {
	case limit == 0:
		limit = DefaultPageLimit
	case limit < 0 || limit > MaxPageLimit:
		return domain.Query{}, domain.Invalid("limit", "must be between 1 and %d", MaxPageLimit)
	}
	return domain.Query{Kind: kind, Index: index, Key: key, Limit: limit, Cursor: p.Cursor, Descending: desc}, nil
}

// Page is one page of results and the cursor of the next ("" at the end).
type Page[T any] struct {
	Items []T
	Next  string
}
