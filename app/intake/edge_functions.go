package intake

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// EdgeFunctions is the API side of the standalone routing functions (/api/lambda-edge/…).
type EdgeFunctions struct{ shared.Deps }

// EdgeFunctionRequest is the seed's POST /api/lambda-edge/functions body. Target defaults to
// lambda-edge here, because that is what this endpoint promises.
type EdgeFunctionRequest struct {
	Name    string                `json:"name"`
	Preset  string                `json:"preset,omitempty"`
	Target  string                `json:"target,omitempty"`
	Origins domain.RoutingOrigins `json:"origins"`
}

// PreviewRequest is the seed's POST /api/lambda-edge/preview body (target defaults to lambda-edge).
type PreviewRequest struct {
	Preset  string                `json:"preset,omitempty"`
	Target  string                `json:"target,omitempty"`
	Origins domain.RoutingOrigins `json:"origins"`
}

// Function names: the caller's base name, "-", and the last functionSuffixLen characters of the
// function id, like the seed's "custom-routing-function-def456" (Lambda: 1-64 of [A-Za-z0-9-_]).
const (
	functionSuffixLen   = 8
	maxFunctionBaseName = 64 - 1 - functionSuffixLen
)

var functionBaseName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// functionName appends the id suffix to the caller's base name.
func functionName(base, id string) string {
	return base + "-" + id[len(id)-functionSuffixLen:]
}

func edgeTarget(t string) string {
	if t == "" {
		return domain.EdgeTargetLambdaEdge
	}
	return t
}

// Create validates the request, generates the code once (so a bad or oversized function is
// refused now, not in the worker), records the intent and sends the command.
func (a EdgeFunctions) Create(ctx context.Context, p domain.Principal, req EdgeFunctionRequest, idemKey string) (Accepted[domain.EdgeFunction], error) {
	if !p.CanCreate() {
		return Accepted[domain.EdgeFunction]{}, fmt.Errorf("create edge function: %w", domain.ErrForbidden)
	}
	id := domain.NewID(domain.PrefixFunction)
	op := a.NewOperation(domain.OpCreateEdgeFunction, "edgeFunction", id, p, idemKey, shared.RequestHash("create-edge-function", req))
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		// Same key, same body: once the function is gone, the answer shows it as it was created.
		return a.replayed(ctx, prev, err, func() domain.EdgeFunction {
			spec := edge.Spec{Name: functionName(req.Name, prev.ResourceID), Target: edgeTarget(req.Target), Preset: req.Preset, Origins: req.Origins}
			// The request generated when it was accepted; should today's generator refuse it, the
			// record is still shown as created, without its code's size and hash.
			fn, _ := generateEdge(spec, &domain.ValidationError{}, nil)
			return newEdgeFunctionRecord(prev.ResourceID, spec, fn, prev.ID, prev.Actor, prev.CreatedAt)
		})
	}
	v := &domain.ValidationError{}
	switch {
	case req.Name == "":
		v.Add("name", "is required")
	case len(req.Name) > maxFunctionBaseName || !functionBaseName.MatchString(req.Name):
		v.Add("name", "must be 1 to %d letters, digits, hyphens or underscores (a %d-character suffix is added)", maxFunctionBaseName, functionSuffixLen+1)
	}
	spec := edge.Spec{Name: functionName(req.Name, id), Target: edgeTarget(req.Target), Preset: req.Preset, Origins: req.Origins}
	if err := edgeAvailable(a.Deps, spec.Target); err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	fn, err := generateEdge(spec, v, nil)
	if err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	now := a.Now()
	f := newEdgeFunctionRecord(id, spec, fn, op.ID, p.Username, now)
	hist := domain.HistoryEntry{ResourceID: id, Action: "CreateRequested", Actor: p.Username, OperationID: op.ID,
		Message: fmt.Sprintf("%s function %s with %d origins (%s)", f.Target, f.Name, fn.OriginCount, f.Preset), At: now}
	sub, err := a.Submit(ctx, op, shared.PutEdgeFunction(&f), shared.PutHistory(hist))
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	return Accepted[domain.EdgeFunction]{Resource: f, Operation: sub.Operation}, nil
}

// newEdgeFunctionRecord is the Creating record of a function about to be deployed.
func newEdgeFunctionRecord(id string, spec edge.Spec, fn edge.Function, opID, owner string, now time.Time) domain.EdgeFunction {
	return domain.EdgeFunction{ID: id, Name: spec.Name, Target: fn.Target, Status: domain.EdgeFunctionCreating,
		Preset: fn.Preset, Origins: spec.Origins, Runtime: fn.Runtime, CodeSize: fn.CodeSize, CodeSHA256: fn.SHA256,
		AssociatedDistributions: []string{}, OperationID: opID, Owner: owner, CreatedAt: now, UpdatedAt: now}
}

// edgeAvailable refuses a target whose cloud port this deployment does not have.
func edgeAvailable(d shared.Deps, target string) error {
	var missing string
	switch target {
	case domain.EdgeTargetLambdaEdge:
		if d.Cloud.Lambdas == nil {
			missing = " (no Lambda service)"
		} else if d.EdgeRoleARN == "" {
			missing = " (no Lambda@Edge execution role: CFM_EDGE_ROLE_ARN)"
		}
	case domain.EdgeTargetCloudFrontFunction:
		if d.Cloud.CFFunctions == nil {
			missing = " (no CloudFront Functions service)"
		}
	default:
		return nil // edge validation names the field
	}
	if missing != "" {
		return &domain.PolicyViolation{Rule: "edgeTargets", Field: "target",
			Message: fmt.Sprintf("%s functions are not available in this deployment%s", target, missing)}
	}
	return nil
}

// generateEdge validates spec (adding to the fields already in v) and generates the code.
// rename maps edge's field names (origins.default.region, preset…) to the request's; nil keeps
// them. A function over its size limit is a 422: the input is well-formed but too big.
func generateEdge(spec edge.Spec, v *domain.ValidationError, rename func(string) string) (edge.Function, error) {
	if err := edge.Validate(spec); err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return edge.Function{}, err
		}
		for _, f := range ve.Fields {
			if rename != nil {
				f.Field = rename(f.Field)
			}
			v.Fields = append(v.Fields, f)
		}
	}
	if err := v.OrNil(); err != nil {
		return edge.Function{}, err
	}
	fn, err := edge.Generate(spec)
	if err != nil {
		return edge.Function{}, sizeViolation(err, "origins.additional", rename)
	}
	if fn.Target == domain.EdgeTargetLambdaEdge {
		if _, err := edge.PackageLambda(fn); err != nil {
			return edge.Function{}, sizeViolation(err, "origins.additional", rename)
		}
	}
	return fn, nil
}

// sizeViolation turns an *edge.SizeLimitError into a 422 naming field; other errors pass.
func sizeViolation(err error, field string, rename func(string) string) error {
	var se *edge.SizeLimitError
	if !errors.As(err, &se) {
		return err
	}
	if rename != nil {
		field = rename(field)
	}
	return &domain.PolicyViolation{Rule: "edgeFunctionSize", Field: field,
		Message: se.Error() + "; use fewer origins"}
}

// replayed answers a repeated request with the original operation and the function as it is now.
func (a EdgeFunctions) replayed(ctx context.Context, op domain.Operation, err error, asCreated ...func() domain.EdgeFunction) (Accepted[domain.EdgeFunction], error) {
	if err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	f, err := shared.Load[domain.EdgeFunction](ctx, a.Store, domain.KindEdgeFunction, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		// Gone since: the replay still answers the original operation (see Distributions.replayed);
		// a replayed create shows the function as it was created, a replayed delete a tombstone
		// (its id and status Deleted).
		gone := domain.EdgeFunction{ID: op.ResourceID, Status: domain.EdgeFunctionDeleted}
		if len(asCreated) > 0 {
			gone = asCreated[0]()
		}
		return Accepted[domain.EdgeFunction]{Resource: gone, Operation: op, Replayed: true}, nil
	}
	if err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	return Accepted[domain.EdgeFunction]{Resource: f, Operation: op, Replayed: true}, nil
}

// Get returns one function.
func (a EdgeFunctions) Get(ctx context.Context, p domain.Principal, id string) (domain.EdgeFunction, error) {
	if !p.CanRead() {
		return domain.EdgeFunction{}, fmt.Errorf("get edge function: %w", domain.ErrForbidden)
	}
	if !strings.HasPrefix(id, domain.PrefixFunction) {
		return domain.EdgeFunction{}, fmt.Errorf("edge function %.40q: %w", id, domain.ErrNotFound)
	}
	return shared.Load[domain.EdgeFunction](ctx, a.Store, domain.KindEdgeFunction, id)
}

// List pages through functions, newest first.
func (a EdgeFunctions) List(ctx context.Context, p domain.Principal, page PageRequest) (Page[domain.EdgeFunction], error) {
	if !p.CanRead() {
		return Page[domain.EdgeFunction]{}, fmt.Errorf("list edge functions: %w", domain.ErrForbidden)
	}
	q, err := page.query(domain.KindEdgeFunction, domain.ByKind, "", true)
	if err != nil {
		return Page[domain.EdgeFunction]{}, err
	}
	items, next, err := shared.List[domain.EdgeFunction](ctx, a.Store, q)
	return Page[domain.EdgeFunction]{Items: items, Next: next}, err
}

// Delete schedules the deletion of a function no distribution uses. A Lambda@Edge function
// waits (for hours, if need be) until CloudFront has removed its replicas. Deleting a function
// that is already being deleted answers with the running operation.
func (a EdgeFunctions) Delete(ctx context.Context, p domain.Principal, id, idemKey string) (Accepted[domain.EdgeFunction], error) {
	if !p.CanCreate() {
		return Accepted[domain.EdgeFunction]{}, fmt.Errorf("delete edge function %s: %w", id, domain.ErrForbidden)
	}
	op := a.NewOperation(domain.OpDeleteEdgeFunction, "edgeFunction", id, p, idemKey, shared.RequestHash("delete-edge-function", id))
	op.Deadline = op.CreatedAt.Add(max(shared.EdgeDeleteTimeout, a.Timing.OperationTimeout))
	// The replay comes before the function is read: once the delete succeeded it is gone, and
	// the caller's own replay (keys are per caller) still answers its operation, not a 404.
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		return a.replayed(ctx, prev, err)
	}
	f, err := a.Get(ctx, p, id)
	if err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	if !p.CanModify(f.Owner) {
		return Accepted[domain.EdgeFunction]{}, fmt.Errorf("delete edge function %s: %w", id, domain.ErrForbidden)
	}
	switch {
	case f.Status == domain.EdgeFunctionDeleting && f.OperationID != "":
		running, err := shared.Load[domain.Operation](ctx, a.Store, domain.KindOperation, f.OperationID)
		if err != nil {
			return Accepted[domain.EdgeFunction]{}, err
		}
		return Accepted[domain.EdgeFunction]{Resource: f, Operation: running, Replayed: true}, nil
	case len(f.AssociatedDistributions) > 0:
		return Accepted[domain.EdgeFunction]{}, fmt.Errorf("edge function %s is associated with %s; delete or change those distributions first: %w",
			id, strings.Join(f.AssociatedDistributions, ", "), domain.ErrConflict)
	case f.Status == domain.EdgeFunctionCreating:
		// A create that failed for good leaves the record Creating only if its operation is
		// done (a multi-origin distribution that never reached CloudFront): then it may go.
		creator, err := shared.Load[domain.Operation](ctx, a.Store, domain.KindOperation, f.OperationID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return Accepted[domain.EdgeFunction]{}, err
		}
		if err == nil && !creator.Status.Done() {
			return Accepted[domain.EdgeFunction]{}, fmt.Errorf("edge function %s is still being created by operation %s: %w", id, f.OperationID, domain.ErrConflict)
		}
	}
	sub, f, err := a.ScheduleEdgeDelete(ctx, op, f)
	if err != nil {
		return Accepted[domain.EdgeFunction]{}, err
	}
	if sub.Replayed {
		return a.replayed(ctx, sub.Operation, nil)
	}
	return Accepted[domain.EdgeFunction]{Resource: f, Operation: sub.Operation}, nil
}

// Preview generates the code for a request without deploying anything.
func (a EdgeFunctions) Preview(_ context.Context, p domain.Principal, req PreviewRequest) (edge.PreviewResult, error) {
	if !p.CanRead() {
		return edge.PreviewResult{}, fmt.Errorf("preview edge function: %w", domain.ErrForbidden)
	}
	spec := edge.Spec{Name: "preview", Target: edgeTarget(req.Target), Preset: req.Preset, Origins: req.Origins}
	if _, err := generateEdge(spec, &domain.ValidationError{}, nil); err != nil {
		return edge.PreviewResult{}, err
	}
	res, err := edge.Preview(spec)
	if err != nil {
		return edge.PreviewResult{}, sizeViolation(err, "origins.additional", nil)
	}
	return res, nil
}
