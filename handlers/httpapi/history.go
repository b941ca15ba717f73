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
	listPage(w, r, "history", func(pr app.PageRequest) (app.Page[domain.HistoryEntry], error) {
		return h.app.History(r.Context(), principal(r), r.PathValue("id"), pr)
	}, same[domain.HistoryEntry])
}
