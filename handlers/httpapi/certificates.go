package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
)

type certificateRoutes struct{ app intake.Certificates }

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
