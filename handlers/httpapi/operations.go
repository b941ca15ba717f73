package httpapi

import (
	"net/http"
	"net/url"
	"unicode/utf8"

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
	for _, name := range []string{"status", "resourceId", "actor"} {
		if err := filterParam(q, name); err != nil {
			fail(w, r, err)
			return
		}
	}
	listPage(w, r, "operations", func(pr intake.PageRequest) (intake.Page[domain.Operation], error) {
		return h.app.List(r.Context(), principal(r), f, pr)
	}, viewOperation)
}

// maxFilterLength bounds an id or username filter (the document's maxLength).
const maxFilterLength = 128

// filterParam checks an optional text filter of a list: when sent, it is 1-128 characters.
func filterParam(q url.Values, name string) error {
	if !q.Has(name) {
		return nil
	}
	v := q.Get(name)
	switch {
	case v == "":
		return domain.Invalid(name, "must not be empty; leave it out instead")
	case !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxFilterLength:
		return domain.Invalid(name, "must be 1-%d characters of UTF-8 text", maxFilterLength)
	}
	return nil
}
