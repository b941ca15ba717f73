package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app"
)

type certificateRoutes struct{ app app.Certificates }

func init() {
	routeSets = append(routeSets, func(mux *http.ServeMux, deps app.Deps) {
		h := certificateRoutes{app.Certificates{Deps: deps}}
		mux.HandleFunc("GET /api/certificates", h.list)
		// {arn...}: the ARN holds a "/", sent URL-encoded (%2F) or as is.
		mux.HandleFunc("GET /api/certificates/{arn...}", h.get)
	})
}

func (h certificateRoutes) list(w http.ResponseWriter, r *http.Request) {
	certs, err := h.app.List(r.Context(), principal(r))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"certificates": certs}, "")
}

func (h certificateRoutes) get(w http.ResponseWriter, r *http.Request) {
	c, err := h.app.Get(r.Context(), principal(r), r.PathValue("arn"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"certificate": c}, "")
}
