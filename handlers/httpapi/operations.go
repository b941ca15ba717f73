package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

type operationRoutes struct{ app intake.Operations }

func (h operationRoutes) get(w http.ResponseWriter, r *http.Request) {
	op, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"operation": viewOperation(op)}, "")
}

// list answers GET /api/operations?status=&resourceId=&actor=&limit=&cursor=.
func (h operationRoutes) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := intake.OperationFilter{Status: domain.OperationStatus(q.Get("status")), ResourceID: q.Get("resourceId"), Actor: q.Get("actor")}
	listPage(w, r, "operations", func(pr intake.PageRequest) (intake.Page[domain.Operation], error) {
		return h.app.List(r.Context(), principal(r), f, pr)
	}, viewOperation)
}
