package httpapi

import (
	"net/http"
	"strconv"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

type distributionMutationRoutes struct{ app intake.Distributions }

// dryRun reads ?dryRun= (true/false, 1/0); anything else is a 400 naming the parameter.
func dryRun(r *http.Request) (bool, error) {
	s := r.URL.Query().Get("dryRun")
	if s == "" {
		return false, nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return false, domain.Invalid("dryRun", "must be true or false")
	}
	return v, nil
}

// planCreate answers POST /api/distributions?dryRun=true: the exact config, nothing written.
func (h distributionRoutes) planCreate(w http.ResponseWriter, r *http.Request, req domain.DistributionRequest) {
	plan, err := h.app.PlanCreate(r.Context(), principal(r), req)
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"config": domain.MaskSecrets(plan.Config), "changes": nonNil(plan.Changes)},
		"dry run: nothing was created; CallerReference becomes the operation id")
}

func (h distributionMutationRoutes) update(w http.ResponseWriter, r *http.Request) {
	dry, err := dryRun(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	ch, key, valid := mutation[intake.DistributionChange](w, r, "config") // config is a JSON merge patch
	if !valid {
		return
	}
	id := r.PathValue("id")
	if dry {
		plan, err := h.app.PlanUpdate(r.Context(), principal(r), id, ch)
		if err != nil {
			fail(w, r, err)
			return
		}
		ok(w, http.StatusOK, map[string]any{"config": domain.MaskSecrets(plan.Config), "changes": nonNil(plan.Changes)}, "dry run: nothing was changed")
		return
	}
	res, err := h.app.Update(r.Context(), principal(r), id, ch, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	data := map[string]any{"distribution": viewDistribution(res.Resource), "changes": nonNil(res.Changes)}
	if res.Unchanged {
		ok(w, http.StatusOK, data, "nothing to apply in CloudFront")
		return
	}
	accepted(w, res.Operation, data, "distribution update accepted")
}

func (h distributionMutationRoutes) delete(w http.ResponseWriter, r *http.Request) {
	key, err := idempotencyKey(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	acc, err := h.app.Delete(r.Context(), principal(r), r.PathValue("id"), key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"distribution": viewDistribution(acc.Resource)}, "distribution deletion accepted")
}

// invalidateBody is the seed's invalidate request.
type invalidateBody struct {
	Paths           []string `json:"paths"`
	CallerReference string   `json:"callerReference"`
}

func (h distributionMutationRoutes) invalidate(w http.ResponseWriter, r *http.Request) {
	body, key, valid := mutation[invalidateBody](w, r)
	if !valid {
		return
	}
	inv, err := h.app.Invalidate(r.Context(), principal(r), r.PathValue("id"),
		intake.InvalidationRequest{Paths: body.Paths, CallerReference: body.CallerReference}, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	data := map[string]any{"distributionId": inv.DistributionID, "paths": inv.Paths, "status": "Accepted"}
	if inv.CallerReference != "" {
		data["callerReference"] = inv.CallerReference
	}
	if res := inv.Operation.Result; res != nil && res.InvalidationID != "" {
		data["invalidationId"] = res.InvalidationID
		data["status"] = res.Status
	}
	accepted(w, inv.Operation, data, "invalidation accepted")
}

func nonNil(c []domain.Change) []domain.Change {
	if c == nil {
		return []domain.Change{}
	}
	return c
}
