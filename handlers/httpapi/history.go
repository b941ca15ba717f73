package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

type historyRoutes struct{ app intake.Distributions }

func (h historyRoutes) list(w http.ResponseWriter, r *http.Request) {
	listPage(w, r, "history", func(pr intake.PageRequest) (intake.Page[domain.HistoryEntry], error) {
		return h.app.History(r.Context(), principal(r), r.PathValue("id"), pr)
	}, same[domain.HistoryEntry])
}
