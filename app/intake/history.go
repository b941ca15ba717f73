package intake

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// History pages a distribution's audit trail, newest first. It outlives the distribution: the
// history of a deleted distribution can still be read; an id that never had any is a 404.
func (a Distributions) History(ctx context.Context, p domain.Principal, id string, page PageRequest) (Page[domain.HistoryEntry], error) {
	if !p.CanRead() {
		return Page[domain.HistoryEntry]{}, fmt.Errorf("distribution history: %w", domain.ErrForbidden)
	}
	if !strings.HasPrefix(id, domain.PrefixDistribution) {
		// Origins and edge functions keep history under their own ids; this route serves
		// distributions only.
		return Page[domain.HistoryEntry]{}, fmt.Errorf("distribution history: %w", domain.ErrNotFound)
	}
	q, err := page.query(domain.KindHistory, domain.ByParent, id, true)
	if err != nil {
		return Page[domain.HistoryEntry]{}, err
	}
	items, next, err := shared.List[domain.HistoryEntry](ctx, a.Store, q)
	if err != nil {
		return Page[domain.HistoryEntry]{}, err
	}
	if len(items) == 0 && page.Cursor == "" {
		if _, err := a.Store.Get(ctx, domain.KindDistribution, id); errors.Is(err, domain.ErrNotFound) {
			return Page[domain.HistoryEntry]{}, fmt.Errorf("distribution %s: %w", id, domain.ErrNotFound)
		} else if err != nil {
			return Page[domain.HistoryEntry]{}, fmt.Errorf("get distribution %s: %w", id, err)
		}
	}
	return Page[domain.HistoryEntry]{Items: items, Next: next}, nil
}
