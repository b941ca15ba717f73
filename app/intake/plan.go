package intake

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// planned is a request planned for one distribution: what create, update, their dry runs and
// a template apply all apply.
type planned struct {
	// Request is the request as planned (a multi-origin config with its target and preset
	// filled in).
	Request domain.DistributionRequest
	// Config is the exact config to apply. A multi-origin plan carries the domain.Pending…
	// placeholders the worker resolves (see multi_origin.go).
	Config domain.DistributionConfig
	// Routing is the routing function of a multi-origin distribution (nil otherwise).
	Routing *routing
}

// routing is a multi-origin distribution's routing: its managed origins (the default first,
// in request order), the function's spec and its generated code.
type routing struct {
	Origins []domain.ManagedOrigin
	Spec    edge.Spec
	Code    edge.Function
}

// plan is the one planning path of every distribution change (create, update, their dry runs,
// template apply): it validates the request, applies the guardrail policy, resolves managed
// origins (for a multi-origin request, generates the routing function over them), and checks
// that the certificate covers every alias. It writes nothing. callerRef and distID are the
// CloudFront CallerReference and the product id the plan is for.
func (a Distributions) plan(ctx context.Context, actor domain.Principal, req domain.DistributionRequest, callerRef, distID string) (planned, error) {
	var pl planned
	var err error
	if req.IsMultiOrigin || req.MultiOriginConfig != nil {
		pl, err = a.planMultiOrigin(ctx, actor, req, callerRef, distID)
	} else {
		pl, err = a.planSingleOrigin(ctx, actor, req, callerRef, distID)
	}
	if err != nil {
		return planned{}, err
	}
	if err := checkCertificate(ctx, a.Deps, pl.Config); err != nil { // certificates.go
		return planned{}, err
	}
	return pl, nil
}

// planSingleOrigin plans a request whose origins are in its config; an S3 origin whose bucket
// is a managed origin's gets that origin's Origin Access Control (if the actor may use it).
func (a Distributions) planSingleOrigin(ctx context.Context, actor domain.Principal, req domain.DistributionRequest, callerRef, distID string) (planned, error) {
	managed := map[string]domain.ManagedOrigin{}
	if req.Config.Origins != nil {
		for i, o := range req.Config.Origins.Items {
			bucket, _, ok := domain.ParseS3Domain(o.DomainName)
			if !ok {
				continue
			}
			m, err := a.OriginByBucket(ctx, bucket)
			switch {
			case errors.Is(err, domain.ErrNotFound):
			case err != nil:
				return planned{}, err
			default:
				if err := domain.CheckOriginUse(a.Policy, actor, m, fmt.Sprintf("config.Origins.Items[%d].DomainName", i)); err != nil {
					return planned{}, err
				}
				managed[bucket] = m
			}
		}
	}
	cfg, err := domain.PlanDistribution(domain.PlanInput{Request: req, CallerReference: callerRef, ManagedOrigins: managed, DistributionID: distID}, a.Policy)
	if err != nil {
		return planned{}, err
	}
	return planned{Request: req, Config: cfg}, nil
}

// planMultiOrigin plans a multi-origin request over managed origins and generates its routing
// function once (validation and size).
func (a Distributions) planMultiOrigin(ctx context.Context, actor domain.Principal, req domain.DistributionRequest, callerRef, distID string) (planned, error) {
	if err := domain.ValidateMultiOriginRequest(req, a.Policy); err != nil {
		return planned{}, err
	}
	mc := *req.MultiOriginConfig
	mc.Target = domain.MultiOriginTarget(&mc)
	if mc.Preset == "" {
		mc.Preset = edge.DefaultPreset
	}
	if err := edgeAvailable(a.Deps, mc.Target); err != nil {
		var pv *domain.PolicyViolation
		if errors.As(err, &pv) {
			pv.Field = "multiOriginConfig.target"
		}
		return planned{}, err
	}
	origins, err := a.resolveManagedOrigins(ctx, mc)
	if err != nil {
		return planned{}, err
	}
	for i, o := range origins {
		if err := domain.CheckOriginUse(a.Policy, actor, o, domain.MultiOriginFields(i)); err != nil {
			return planned{}, err
		}
	}
	req.MultiOriginConfig = &mc
	// A dry run plans for the placeholder id "{id}"; the function name may not hold braces.
	spec := edge.Spec{Name: edgeFunctionNameFor(a.Prefix, strings.NewReplacer("{", "", "}", "").Replace(distID)), Target: mc.Target, Preset: mc.Preset, Origins: routingOrigins(origins)}
	code, err := generateEdge(spec, &domain.ValidationError{}, multiOriginField)
	if err != nil {
		return planned{}, err
	}
	cfg, err := domain.PlanMultiOriginDistribution(domain.MultiOriginPlanInput{Request: req, CallerReference: callerRef,
		DistributionID: distID, Origins: origins}, a.Policy)
	if err != nil {
		return planned{}, err
	}
	return planned{Request: req, Config: cfg, Routing: &routing{Origins: origins, Spec: spec, Code: code}}, nil
}

// links are the managed-origin links of a plan (origin_links.go): the ids of the origins the
// distribution uses and the writes that record the missing links. Every origin of a
// multi-origin plan must be found by its bucket.
func (a Distributions) links(ctx context.Context, distID string, pl planned) ([]string, []domain.Write, error) {
	ids, writes, err := a.ManagedOriginUses(ctx, distID, pl.Config)
	if err != nil {
		return nil, nil, err
	}
	if pl.Routing != nil && len(ids) != len(pl.Routing.Origins) {
		return nil, nil, fmt.Errorf("link distribution %s: %d of %d origins found by bucket: %w",
			distID, len(ids), len(pl.Routing.Origins), domain.ErrConflict)
	}
	return ids, writes, nil
}
