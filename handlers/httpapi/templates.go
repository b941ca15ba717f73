package httpapi

import (
	"net/http"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

type templateRoutes struct{ app intake.Templates }

func (h templateRoutes) list(w http.ResponseWriter, r *http.Request) {
	listPage(w, r, "templates", func(pr intake.PageRequest) (intake.Page[domain.Template], error) {
		if q := r.URL.Query(); q.Has("category") && q.Get("category") == "" {
			return intake.Page[domain.Template]{}, domain.Invalid("category", "must not be empty")
		}
		return h.app.List(r.Context(), principal(r), r.URL.Query().Get("category"), pr)
	}, maskedTemplate)
}

// create answers 201 with the template; templates are synchronous records, no operation.
func (h templateRoutes) create(w http.ResponseWriter, r *http.Request) {
	in, key, valid := mutation[intake.TemplateInput](w, r)
	if !valid {
		return
	}
	t, _, err := h.app.Create(r.Context(), principal(r), in, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/templates/"+t.ID)
	ok(w, http.StatusCreated, map[string]any{"template": maskedTemplate(t)}, "template created")
}

func (h templateRoutes) get(w http.ResponseWriter, r *http.Request) {
	t, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"template": maskedTemplate(t)}, "")
}

func (h templateRoutes) update(w http.ResponseWriter, r *http.Request) {
	var in intake.TemplatePatch
	if err := decode(w, r, &in); err != nil {
		fail(w, r, err)
		return
	}
	t, err := h.app.Update(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"template": maskedTemplate(t)}, "template updated")
}

func (h templateRoutes) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.app.Delete(r.Context(), principal(r), id); err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"templateId": id}, "template deleted")
}

// apply creates a distribution from the template: 202 with the operation, like POST
// /api/distributions.
func (h templateRoutes) apply(w http.ResponseWriter, r *http.Request) {
	in, key, valid := mutation[intake.TemplateApply](w, r)
	if !valid {
		return
	}
	acc, err := h.app.Apply(r.Context(), principal(r), r.PathValue("id"), in, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"distribution": viewDistribution(acc.Resource)},
		"distribution creation from template accepted")
}

// maskedTemplate is a template as the API shows it: origin custom header values masked.
func maskedTemplate(t domain.Template) domain.Template {
	t.Config = domain.MaskSecrets(t.Config)
	return t
}
