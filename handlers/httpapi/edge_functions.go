package httpapi

import (
	"net/http"
	"time"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

type edgeFunctionRoutes struct{ app intake.EdgeFunctions }

// Lambda@Edge settings the seed reports (timeout 5 s, 128 MB: the Lambda@Edge maximum timeout
// for viewer triggers and the smallest memory size).
const (
	lambdaEdgeTimeoutSeconds = 5
	lambdaEdgeMemoryMB       = 128
)

// edgeFunctionSummary is a list row (the seed's list shape).
type edgeFunctionSummary struct {
	ID          string                    `json:"functionId"`
	Name        string                    `json:"functionName"`
	FunctionARN string                    `json:"functionArn,omitempty"`
	VersionARN  string                    `json:"versionArn,omitempty"`
	Status      domain.EdgeFunctionStatus `json:"status"`
	Target      string                    `json:"target"`
	Preset      string                    `json:"preset"`
	Origins     domain.RoutingOrigins     `json:"origins"`
	CreatedAt   time.Time                 `json:"createdAt"`
	CreatedBy   string                    `json:"createdBy"`
}

// edgeFunctionView is one function in full (the seed's detail shape). Timeout and memory apply
// to Lambda@Edge only.
type edgeFunctionView struct {
	edgeFunctionSummary
	CodeSize                int       `json:"codeSize"`
	CodeSHA256              string    `json:"codeSha256,omitempty"`
	Timeout                 *int      `json:"timeout,omitempty"`
	MemorySize              *int      `json:"memorySize,omitempty"`
	Runtime                 string    `json:"runtime,omitempty"`
	AssociatedDistributions []string  `json:"associatedDistributions"`
	OperationID             string    `json:"operationId,omitempty"`
	UpdatedAt               time.Time `json:"updatedAt"`
	Version                 int64     `json:"version"`
}

func summarizeEdgeFunction(f domain.EdgeFunction) edgeFunctionSummary {
	return edgeFunctionSummary{ID: f.ID, Name: f.Name, FunctionARN: f.FunctionARN, VersionARN: f.VersionARN,
		Status: f.Status, Target: f.Target, Preset: f.Preset, Origins: f.Origins, CreatedAt: f.CreatedAt, CreatedBy: f.Owner}
}

func viewEdgeFunction(f domain.EdgeFunction) edgeFunctionView {
	v := edgeFunctionView{edgeFunctionSummary: summarizeEdgeFunction(f), CodeSize: f.CodeSize, CodeSHA256: f.CodeSHA256,
		Runtime: f.Runtime, AssociatedDistributions: f.AssociatedDistributions, OperationID: f.OperationID,
		UpdatedAt: f.UpdatedAt, Version: f.Version}
	if v.AssociatedDistributions == nil {
		v.AssociatedDistributions = []string{}
	}
	if f.Target == domain.EdgeTargetLambdaEdge {
		timeout, memory := lambdaEdgeTimeoutSeconds, lambdaEdgeMemoryMB
		v.Timeout, v.MemorySize = &timeout, &memory
	}
	return v
}

func (h edgeFunctionRoutes) list(w http.ResponseWriter, r *http.Request) {
	listPage(w, r, "functions", func(pr intake.PageRequest) (intake.Page[domain.EdgeFunction], error) {
		return h.app.List(r.Context(), principal(r), pr)
	}, summarizeEdgeFunction)
}

func (h edgeFunctionRoutes) create(w http.ResponseWriter, r *http.Request) {
	req, key, valid := mutation[intake.EdgeFunctionRequest](w, r)
	if !valid {
		return
	}
	acc, err := h.app.Create(r.Context(), principal(r), req, key)
	if err != nil {
		fail(w, r, err)
		return
	}
	accepted(w, acc.Operation, map[string]any{"function": viewEdgeFunction(acc.Resource)}, "edge function creation accepted")
}

func (h edgeFunctionRoutes) get(w http.ResponseWriter, r *http.Request) {
	f, err := h.app.Get(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, map[string]any{"function": viewEdgeFunction(f)}, "")
}

func (h edgeFunctionRoutes) delete(w http.ResponseWriter, r *http.Request) {
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
	accepted(w, acc.Operation, map[string]any{"function": acceptedEdgeFunction(acc.Resource)}, "edge function deletion accepted")
}

// acceptedEdgeFunction is the function of a delete's 202: the function, or its tombstone.
func acceptedEdgeFunction(f domain.EdgeFunction) any {
	if f.Status == domain.EdgeFunctionDeleted {
		return goneView{FunctionID: f.ID, Status: string(f.Status)}
	}
	return viewEdgeFunction(f)
}

func (h edgeFunctionRoutes) preview(w http.ResponseWriter, r *http.Request) {
	var req intake.PreviewRequest
	if err := decode(w, r, &req); err != nil {
		fail(w, r, err)
		return
	}
	res, err := h.app.Preview(r.Context(), principal(r), req)
	if err != nil {
		fail(w, r, err)
		return
	}
	ok(w, http.StatusOK, res, "")
}

func (h edgeFunctionRoutes) presets(w http.ResponseWriter, r *http.Request) {
	if !principal(r).CanRead() {
		fail(w, r, domain.ErrForbidden)
		return
	}
	ok(w, http.StatusOK, map[string]any{"presets": edge.Presets(), "default": edge.DefaultPreset}, "")
}
