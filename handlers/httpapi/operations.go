package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
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
