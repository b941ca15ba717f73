package domain

import (
	"fmt"
	"slices"
)

// failoverStatusCodes are the codes CloudFront accepts as failover criteria; the default is
// the 5xx ones.
var (
	failoverStatusCodes        = []int{400, 403, 404, 416, 500, 502, 503, 504}
	defaultFailoverStatusCodes = []int{500, 502, 503, 504}
	// groupMethods: a behavior whose target is an origin group may only allow these (CloudFront
	// fails over reads only).
	groupMethods = []string{"GET", "HEAD", "OPTIONS"}
)

// planOriginGroups plans the failover groups over the planned origins: within the policy's
// maxOriginGroups, each with an id no origin has, exactly two distinct members that are
// origins, and failover codes CloudFront accepts (default 500, 502, 503, 504).
func planOriginGroups(in *OriginGroups, origins *Origins, p Policy) (*OriginGroups, error) {
	if in == nil || len(in.Items) == 0 {
		return nil, nil
	}
	v := &ValidationError{}
	if in.Quantity != len(in.Items) {
		v.Add("config.OriginGroups.Quantity", "must equal the number of Items (%d)", len(in.Items))
	}
	ids := originIDs(origins)
	out := &OriginGroups{Quantity: len(in.Items)}
	for i, g := range in.Items {
		f := fmt.Sprintf("config.OriginGroups.Items[%d]", i)
		switch {
		case g.Id == "" || len(g.Id) > 128:
			v.Add(f+".Id", "is required and must be at most 128 characters")
		case slices.Contains(ids, g.Id):
			v.Add(f+".Id", "%q is already an origin or origin group id", g.Id)
		}
		ids = append(ids, g.Id)
		m := g.Members.Items
		if len(m) != 2 || m[0].OriginId == m[1].OriginId {
			v.Add(f+".Members.Items", "must name two different origins, the primary first")
		}
		for j, mem := range m {
			if !slices.Contains(originIDs(origins), mem.OriginId) {
				v.Add(fmt.Sprintf("%s.Members.Items[%d].OriginId", f, j), "must name one of the origins")
			}
		}
		codes := g.FailoverCriteria.StatusCodes.Items
		if len(codes) == 0 {
			codes = defaultFailoverStatusCodes
		}
		for j, c := range codes {
			if !slices.Contains(failoverStatusCodes, c) {
				v.Add(fmt.Sprintf("%s.FailoverCriteria.StatusCodes.Items[%d]", f, j), "must be one of %v", failoverStatusCodes)
			}
		}
		out.Items = append(out.Items, OriginGroup{Id: g.Id,
			FailoverCriteria: OriginGroupFailoverCriteria{StatusCodes: StatusCodes{Quantity: len(codes), Items: slices.Clone(codes)}},
			Members:          OriginGroupMembers{Quantity: len(m), Items: slices.Clone(m)}})
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if len(in.Items) > p.MaxOriginGroups {
		return nil, &PolicyViolation{Rule: "maxOriginGroups", Field: "config.OriginGroups.Items",
			Message: fmt.Sprintf("at most %d origin groups are allowed, %d given", p.MaxOriginGroups, len(in.Items))}
	}
	return out, nil
}

// checkGroupTargets: a behavior that targets an origin group may allow only GET, HEAD and
// OPTIONS (CloudFront fails over reads only).
func checkGroupTargets(field string, b *CacheBehavior, groups *OriginGroups) error {
	if groups == nil || !slices.ContainsFunc(groups.Items, func(g OriginGroup) bool { return g.Id == b.TargetOriginId }) {
		return nil
	}
	for _, m := range b.AllowedMethods.Items {
		if !slices.Contains(groupMethods, m) {
			return Invalid(field+".AllowedMethods.Items", "a behavior whose target is an origin group may allow only GET, HEAD and OPTIONS")
		}
	}
	return nil
}

// groupIDs lists the ids of the groups (none for nil).
func groupIDs(groups *OriginGroups) []string {
	var ids []string
	if groups != nil {
		for _, g := range groups.Items {
			ids = append(ids, g.Id)
		}
	}
	return ids
}
