package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
)

// listPage answers a list route: it reads ?limit=&cursor=, asks fetch for that page and writes
// {"<key>": [view(item)…], "nextCursor": "…"} (an empty list, never null).
func listPage[T, V any](w http.ResponseWriter, r *http.Request, key string,
	fetch func(intake.PageRequest) (intake.Page[T], error), view func(T) V) {
	limit, cursor, err := pageParams(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	page, err := fetch(intake.PageRequest{Limit: limit, Cursor: cursor})
	if err != nil {
		fail(w, r, err)
		return
	}
	rows := make([]V, 0, len(page.Items))
	for _, it := range page.Items {
		rows = append(rows, view(it))
	}
	ok(w, http.StatusOK, map[string]any{key: rows, "nextCursor": page.Next}, "")
}

// same is the identity view, for routes that answer the items as they are.
func same[T any](v T) T { return v }
