package intake

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
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

// routingFunction is the function record of a new multi-origin distribution d (it sets
// d.LambdaEdgeFunctionID) and the writes that create it with its history.
func routingFunction(d *domain.Distribution, rt *routing, opID, owner string, now time.Time) (domain.EdgeFunction, []domain.Write) {
	f := newEdgeFunctionRecord(domain.NewID(domain.PrefixFunction), rt.Spec, rt.Code, opID, owner, now)
	d.LambdaEdgeFunctionID = f.ID
	fnHist := domain.HistoryEntry{ResourceID: f.ID, Action: "CreateRequested", Actor: owner, OperationID: opID,
		Message: "routing function of distribution " + d.ID, At: now}
	return f, []domain.Write{shared.PutEdgeFunction(&f), shared.PutHistory(fnHist)}
}

// resolveRouting fills the placeholders of a multi-origin update's plan with what the
// distribution uses now: its origin request policy and its function's ARN. When the routing
// changes (origins added, removed or reordered, another preset) the function gets new code:
// a CloudFront Function keeps its ARN, and the update's converger rewrites and publishes it
// before it sends the new config. A Lambda@Edge function would need a new version, which an
// update does not publish: that change is refused.
func (a Distributions) resolveRouting(ctx context.Context, d domain.Distribution, pl planned) (domain.DistributionConfig, *shared.RoutingChange, error) {
	f, err := shared.Load[domain.EdgeFunction](ctx, a.Store, domain.KindEdgeFunction, d.LambdaEdgeFunctionID)
	if err != nil {
		return domain.DistributionConfig{}, nil, fmt.Errorf("routing function of distribution %s: %w", d.ID, err)
	}
	spec := pl.Routing.Spec
	if spec.Target != f.Target {
		return domain.DistributionConfig{}, nil, domain.Invalid("multiOriginConfig.target", "cannot change (it is %s); create a new distribution instead", f.Target)
	}
	var change *shared.RoutingChange
	if !sameRouting(spec.Origins, f.Origins) || spec.Preset != f.Preset {
		if f.Target == domain.EdgeTargetLambdaEdge {
			return domain.DistributionConfig{}, nil, domain.Invalid("multiOriginConfig",
				"the routing of a lambda-edge distribution cannot change (it would need a new function version); create a new distribution instead")
		}
		change = &shared.RoutingChange{FunctionID: f.ID, Preset: spec.Preset, Origins: spec.Origins}
	}
	if d.CloudFrontID == "" {
		return pl.Config, change, nil // never created: the update is refused, the plan stays as planned
	}
	arn := f.FunctionARN
	if f.Target == domain.EdgeTargetLambdaEdge {
		arn = f.VersionARN
	}
	policyID := ""
	if b := d.Config.DefaultCacheBehavior; b != nil {
		policyID = b.OriginRequestPolicyId
	}
	cfg, err := domain.ResolveEdgePlaceholders(pl.Config, policyID, arn)
	if err != nil {
		return domain.DistributionConfig{}, nil, fmt.Errorf("distribution %s: %w", d.ID, err)
	}
	return cfg, change, nil
}

// sameRouting reports whether two routings send viewers to the same origins.
func sameRouting(a, b domain.RoutingOrigins) bool {
	return a.Default == b.Default && slices.Equal(a.Additional, b.Additional)
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
