package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

type distributionRoutes struct{ app intake.Distributions }

func (h distributionRoutes) list(w http.ResponseWriter, r *http.Request) {
	listPage(w, r, "distributions", func(pr intake.PageRequest) (intake.Page[domain.Distribution], error) {
		return h.app.List(r.Context(), principal(r), pr)
	}, summarize)
}

func (h distributionRoutes) create(w http.ResponseWriter, r *http.Request) {
	req, key, valid := mutation[domain.DistributionRequest](w, r)
	if !valid {
		return
	}
	dry, err := dryRun(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	if dry {
		h.planCreate(w, r, req)
		return
	}
	acc, err := h.app.Create(r.Context(), principal(r), req, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"distribution": viewDistribution(acc.Resource)},
		"distribution creation accepted")
}

func (h distributionRoutes) get(w http.ResponseWriter, r *http.Request) {
	d, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	v := viewDistribution(d)
	if v.Drift, err = h.app.Drift(r.Context(), d); err != nil { // app/intake/drift.go
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"distribution": v}, "")
}

func (h distributionRoutes) status(w http.ResponseWriter, r *http.Request) {
	s, err := h.app.Status(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, s, "")
}

// accepted answers a mutation: 202, Location of the operation, the operation and the resource.
func accepted(w http.ResponseWriter, op domain.Operation, data map[string]any, message string) {
	w.Header().Set("Location", "/api/operations/"+op.ID)
	data["operation"] = map[string]any{"id": op.ID, "status": op.Status, "kind": op.Kind}
	ok(w, http.StatusAccepted, data, message)
}
