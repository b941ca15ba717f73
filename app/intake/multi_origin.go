package intake

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// Multi-origin distributions (the seed's isMultiOrigin + multiOriginConfig).
//
// The API resolves the managed origins, generates the routing function once (validation and
// size), and plans the complete DistributionConfig. Two values in it can only come from the
// cloud, which the API does not call: the id of the product's origin request policy (forwarding
// edge.ForwardedHeaders) and the function's ARN (a Lambda version ARN exists only after
// PublishVersion). The plan therefore carries domain.Pending… placeholders; the worker ensures
// the policy (idempotent by name) and the function right before CreateDistribution, replaces
// the placeholders and records the resolved plan, so the config CloudFront receives is the
// recorded one and no placeholder ever reaches CloudFront. Ensuring the policy per create costs
// one cheap idempotent call and keeps no second source of truth for its id.

// createMultiOrigin is Distributions.CreatePrepared for a multi-origin request.
func (a Distributions) createMultiOrigin(ctx context.Context, p domain.Principal, in PreparedCreate) (Accepted[domain.Distribution], error) {
	if !p.CanCreate() {
		return Accepted[domain.Distribution]{}, fmt.Errorf("create distribution: %w", domain.ErrForbidden)
	}
	req := in.Request
	distID := domain.NewID(domain.PrefixDistribution)
	op := a.NewOperation(domain.OpCreateDistribution, "distribution", distID, p, in.IdempotencyKey, in.RequestHash)
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		return a.replayed(ctx, prev, err)
	}
	if err := domain.ValidateMultiOriginRequest(req, a.Policy); err != nil {
		return Accepted[domain.Distribution]{}, err
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
		return Accepted[domain.Distribution]{}, err
	}
	origins, err := a.resolveManagedOrigins(ctx, mc)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	req.MultiOriginConfig = &mc
	spec := edge.Spec{Name: edgeFunctionNameFor(a.Prefix, distID), Target: mc.Target, Preset: mc.Preset, Origins: routingOrigins(origins)}
	fn, err := generateEdge(spec, &domain.ValidationError{}, multiOriginField)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	cfg, err := domain.PlanMultiOriginDistribution(domain.MultiOriginPlanInput{Request: req, CallerReference: op.ID,
		DistributionID: distID, Origins: origins}, a.Policy)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	// Link the distribution to its origins (origin_links.go): the create worker lists its ARN
	// in their bucket policies, and an origin in use cannot be deleted.
	originIDs, links, err := a.ManagedOriginUses(ctx, distID, cfg)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	if len(originIDs) != len(origins) {
		return Accepted[domain.Distribution]{}, fmt.Errorf("link distribution %s: %d of %d origins found by bucket: %w",
			distID, len(originIDs), len(origins), domain.ErrConflict)
	}
	now := a.Now()
	f := newEdgeFunctionRecord(domain.NewID(domain.PrefixFunction), spec, fn, op.ID, p.Username, now)
	d := domain.Distribution{ID: distID, Name: req.Name, Status: domain.DistributionCreating, IsMultiOrigin: true,
		MultiOriginConfig: &mc, Config: cfg, OriginIDs: originIDs, LambdaEdgeFunctionID: f.ID, OperationID: op.ID,
		Owner: p.Username, TemplateID: in.TemplateID, CreatedAt: now, UpdatedAt: now}
	hist := domain.HistoryEntry{ResourceID: distID, Action: "CreateRequested", Actor: p.Username, OperationID: op.ID,
		Changes: domain.DiffConfigs(nil, &cfg), At: now,
		Message: fmt.Sprintf("%d origins routed by %s function %s (%s)", len(origins), mc.Target, f.Name, mc.Preset)}
	fnHist := domain.HistoryEntry{ResourceID: f.ID, Action: "CreateRequested", Actor: p.Username, OperationID: op.ID,
		Message: "routing function of distribution " + distID, At: now}
	writes := append([]domain.Write{shared.PutDistribution(&d), shared.PutEdgeFunction(&f), shared.PutHistory(hist), shared.PutHistory(fnHist)}, links...)
	sub, err := a.Submit(ctx, op, writes...)
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	return Accepted[domain.Distribution]{Resource: d, Operation: sub.Operation}, nil
}

// resolveManagedOrigins loads the default and additional origins, in request order. Unknown or
// not-Active origins are a *ValidationError naming the request field.
func (a Distributions) resolveManagedOrigins(ctx context.Context, mc domain.MultiOriginConfig) ([]domain.ManagedOrigin, error) {
	ids := append([]string{mc.DefaultOriginID}, mc.AdditionalOriginIDs...)
	out := make([]domain.ManagedOrigin, len(ids))
	v := &domain.ValidationError{}
	for i, id := range ids {
		m, err := shared.Load[domain.ManagedOrigin](ctx, a.Store, domain.KindOrigin, id)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			v.Add(domain.MultiOriginFields(i), "no managed origin %s; create it with POST /api/origins", id)
			continue
		case err != nil:
			return nil, err
		case m.Status != domain.OriginActive:
			v.Add(domain.MultiOriginFields(i), "origin %s is %s; it must be Active", id, m.Status)
		}
		out[i] = m
	}
	return out, v.OrNil()
}

// routingOrigins is the edge function's view of managed origins: the origin id is the
// CloudFront origin Id the function selects.
func routingOrigins(ms []domain.ManagedOrigin) domain.RoutingOrigins {
	r := domain.RoutingOrigins{Default: domain.RoutingOrigin{OriginID: ms[0].ID, Region: ms[0].Region, BucketName: ms[0].BucketName}}
	for _, m := range ms[1:] {
		r.Additional = append(r.Additional, domain.RoutingOrigin{OriginID: m.ID, Region: m.Region, BucketName: m.BucketName})
	}
	return r
}

// edgeFunctionNameFor names a distribution's routing function "<prefix>-<distribution id>"
// (at most 64 characters: the prefix is cut to fit).
func edgeFunctionNameFor(prefix, distID string) string {
	prefix = strings.Trim(prefix, "-")
	if prefix == "" {
		prefix = "cfm"
	}
	if room := 64 - 1 - len(distID); len(prefix) > room {
		prefix = prefix[:room]
	}
	return prefix + "-" + distID
}

var edgeOriginField = regexp.MustCompile(`^origins\.(default|additional\[(\d+)\])(\..*)?$`)

// multiOriginField maps edge's field names onto the multi-origin request's.
func multiOriginField(f string) string {
	switch f {
	case "preset", "target":
		return "multiOriginConfig." + f
	case "origins.additional":
		return "multiOriginConfig.additionalOriginIds"
	}
	m := edgeOriginField.FindStringSubmatch(f)
	switch {
	case m == nil:
		return f
	case m[1] == "default":
		return "multiOriginConfig.defaultOriginId"
	}
	return "multiOriginConfig.additionalOriginIds[" + m[2] + "]"
}
