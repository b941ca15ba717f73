package cloudfront

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// The site settings' translation both ways (path behaviors, origin groups, restrictions,
// custom origin headers). CloudFront reports each of these lists, when there is none, as
// {Quantity: 0}; they read as absent, the planner's form (it never writes an empty one).

func toSDKCacheBehaviors(c *domain.CacheBehaviors) *types.CacheBehaviors {
	if c == nil {
		return nil
	}
	items := mapSlice(c.Items, func(b domain.PathCacheBehavior) types.CacheBehavior {
		d := toSDKCacheBehavior(&b.CacheBehavior)
		return types.CacheBehavior{
			PathPattern: aws.String(b.PathPattern), TargetOriginId: d.TargetOriginId, ViewerProtocolPolicy: d.ViewerProtocolPolicy,
			AllowedMethods: d.AllowedMethods, Compress: d.Compress, CachePolicyId: d.CachePolicyId,
			OriginRequestPolicyId: d.OriginRequestPolicyId, ResponseHeadersPolicyId: d.ResponseHeadersPolicyId,
			FunctionAssociations: d.FunctionAssociations, LambdaFunctionAssociations: d.LambdaFunctionAssociations,
		}
	})
	return &types.CacheBehaviors{Quantity: quantity(items), Items: items}
}

func fromSDKCacheBehaviors(c *types.CacheBehaviors) *domain.CacheBehaviors {
	if c == nil || len(c.Items) == 0 {
		return nil
	}
	items := mapSlice(c.Items, func(b types.CacheBehavior) domain.PathCacheBehavior {
		d := fromSDKCacheBehavior(&types.DefaultCacheBehavior{
			TargetOriginId: b.TargetOriginId, ViewerProtocolPolicy: b.ViewerProtocolPolicy,
			AllowedMethods: b.AllowedMethods, Compress: b.Compress, CachePolicyId: b.CachePolicyId,
			OriginRequestPolicyId: b.OriginRequestPolicyId, ResponseHeadersPolicyId: b.ResponseHeadersPolicyId,
			FunctionAssociations: b.FunctionAssociations, LambdaFunctionAssociations: b.LambdaFunctionAssociations,
		})
		return domain.PathCacheBehavior{PathPattern: aws.ToString(b.PathPattern), CacheBehavior: *d}
	})
	return &domain.CacheBehaviors{Quantity: len(items), Items: items}
}

func toSDKCustomHeaders(h *domain.CustomHeaders) *types.CustomHeaders {
	if h == nil {
		return nil
	}
	items := mapSlice(h.Items, func(it domain.OriginCustomHeader) types.OriginCustomHeader {
		return types.OriginCustomHeader{HeaderName: aws.String(it.HeaderName), HeaderValue: aws.String(it.HeaderValue)}
	})
	return &types.CustomHeaders{Quantity: quantity(items), Items: items}
}

// fromSDKCustomHeaders reads an origin's headers; CloudFront reports "no headers" as
// {Quantity: 0}, which reads as absent (the planner never writes an empty list).
func fromSDKCustomHeaders(h *types.CustomHeaders) *domain.CustomHeaders {
	if h == nil || len(h.Items) == 0 {
		return nil
	}
	items := mapSlice(h.Items, func(it types.OriginCustomHeader) domain.OriginCustomHeader {
		return domain.OriginCustomHeader{HeaderName: aws.ToString(it.HeaderName), HeaderValue: aws.ToString(it.HeaderValue)}
	})
	return &domain.CustomHeaders{Quantity: len(items), Items: items}
}

func toSDKOriginGroups(g *domain.OriginGroups) *types.OriginGroups {
	if g == nil {
		return nil
	}
	items := mapSlice(g.Items, func(it domain.OriginGroup) types.OriginGroup {
		codes := mapSlice(it.FailoverCriteria.StatusCodes.Items, func(c int) int32 { return int32(c) }) //nolint:gosec // an HTTP status
		members := mapSlice(it.Members.Items, func(m domain.OriginGroupMember) types.OriginGroupMember {
			return types.OriginGroupMember{OriginId: aws.String(m.OriginId)}
		})
		return types.OriginGroup{Id: aws.String(it.Id),
			FailoverCriteria: &types.OriginGroupFailoverCriteria{StatusCodes: &types.StatusCodes{Quantity: quantity(codes), Items: codes}},
			Members:          &types.OriginGroupMembers{Quantity: quantity(members), Items: members}}
	})
	return &types.OriginGroups{Quantity: quantity(items), Items: items}
}

func fromSDKOriginGroups(g *types.OriginGroups) *domain.OriginGroups {
	if g == nil || len(g.Items) == 0 {
		return nil
	}
	items := mapSlice(g.Items, func(it types.OriginGroup) domain.OriginGroup {
		out := domain.OriginGroup{Id: aws.ToString(it.Id)}
		if f := it.FailoverCriteria; f != nil && f.StatusCodes != nil {
			codes := mapSlice(f.StatusCodes.Items, func(c int32) int { return int(c) })
			out.FailoverCriteria.StatusCodes = domain.StatusCodes{Quantity: len(codes), Items: codes}
		}
		if m := it.Members; m != nil {
			members := mapSlice(m.Items, func(x types.OriginGroupMember) domain.OriginGroupMember {
				return domain.OriginGroupMember{OriginId: aws.ToString(x.OriginId)}
			})
			out.Members = domain.OriginGroupMembers{Quantity: len(members), Items: members}
		}
		return out
	})
	return &domain.OriginGroups{Quantity: len(items), Items: items}
}

func toSDKRestrictions(r *domain.Restrictions) *types.Restrictions {
	if r == nil {
		return nil
	}
	g := r.GeoRestriction
	return &types.Restrictions{GeoRestriction: &types.GeoRestriction{
		RestrictionType: types.GeoRestrictionType(g.RestrictionType), Quantity: quantity(g.Items), Items: g.Items}}
}

// fromSDKRestrictions reads the geo restriction; CloudFront reports "no restriction" as
// {RestrictionType: none, Quantity: 0}, which reads as absent (the planner's form).
func fromSDKRestrictions(r *types.Restrictions) *domain.Restrictions {
	if r == nil || r.GeoRestriction == nil {
		return nil
	}
	g := r.GeoRestriction
	if g.RestrictionType == types.GeoRestrictionTypeNone && len(g.Items) == 0 {
		return nil
	}
	return &domain.Restrictions{GeoRestriction: domain.GeoRestriction{RestrictionType: string(g.RestrictionType), Quantity: len(g.Items), Items: g.Items}}
}
