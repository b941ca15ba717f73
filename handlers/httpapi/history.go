package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app"
	"github.com/cloudfront-manager/cfm/domain"
)

type historyRoutes struct{ app app.Distributions }

func init() {
	routeSets = append(routeSets, func(mux *http.ServeMux, deps app.Deps) {
		h := historyRoutes{app.Distributions{Deps: deps}}
		mux.HandleFunc("GET /api/distributions/{id}/history", h.list)
	})
}

func (h historyRoutes) list(w http.ResponseWriter, r *http.Request) {
	limit, cursor, err := pageParams(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	page, err := h.app.History(r.Context(), principal(r), r.PathValue("id"), app.PageRequest{Limit: limit, Cursor: cursor})
	if err != nil {
		fail(w, r, err)
		return
	}
	entries := page.Items
	if entries == nil {
		entries = []domain.HistoryEntry{}
	}
	ok(w, http.StatusOK, map[string]any{"history": entries, "nextCursor": page.Next}, "")
}
