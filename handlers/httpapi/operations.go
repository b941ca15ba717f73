package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app"
)

type operationRoutes struct{ app app.Operations }

func init() {
	routeSets = append(routeSets, func(mux *http.ServeMux, deps app.Deps) {
		h := operationRoutes{app.Operations{Deps: deps}}
		mux.HandleFunc("GET /api/operations/{id}", h.get)
	})
}

func (h operationRoutes) get(w http.ResponseWriter, r *http.Request) {
	op, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"operation": viewOperation(op)}, "")
}
