package cloud

import (
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// validatePathBehaviors checks the path behaviors as CloudFront does: a PathPattern each,
// distinct, a target that is an origin or origin group, a known viewer protocol policy, and
// the same edge-function checks as the default behavior.
func (c *Cloud) validatePathBehaviors(tx *bolt.Tx, cfg domain.DistributionConfig, targets []string, bad func(string, string, ...any)) error {
	if cfg.CacheBehaviors == nil {
		return nil
	}
	if cfg.CacheBehaviors.Quantity != len(cfg.CacheBehaviors.Items) {
		bad("InvalidArgument", "CacheBehaviors.Quantity %d does not match %d items", cfg.CacheBehaviors.Quantity, len(cfg.CacheBehaviors.Items))
	}
	seen := map[string]bool{}
	for _, b := range cfg.CacheBehaviors.Items {
		switch {
		case b.PathPattern == "":
			bad("InvalidArgument", "a cache behavior has no PathPattern")
		case seen[b.PathPattern]:
			bad("InvalidArgument", "the path pattern %s is used by more than one cache behavior", b.PathPattern)
		}
		seen[b.PathPattern] = true
		if !slices.Contains(targets, b.TargetOriginId) {
			bad("NoSuchOrigin", "cache behavior %s: TargetOriginId %q names no origin or origin group", b.PathPattern, b.TargetOriginId)
		}
		if !slices.Contains(viewerProtocolPolicies, b.ViewerProtocolPolicy) {
			bad("InvalidArgument", "cache behavior %s: ViewerProtocolPolicy %q is not one of %v", b.PathPattern, b.ViewerProtocolPolicy, viewerProtocolPolicies)
		}
		if err := c.validateEdgeFunctions(tx, &b.CacheBehavior, bad); err != nil {
			return err
		}
	}
	return nil
}

// validateOriginKinds: every origin is either S3 or custom; a custom one has a known protocol
// policy and timeouts within CloudFront's limits; no custom header is one CloudFront sets.
func validateOriginKinds(cfg domain.DistributionConfig, bad func(string, string, ...any)) {
	for _, o := range originsOf(cfg) {
		c := o.CustomOriginConfig
		if (o.S3OriginConfig == nil) == (c == nil) {
			bad("InvalidOrigin", "origin %s needs exactly one of S3OriginConfig and CustomOriginConfig", o.Id)
			continue
		}
		if c != nil {
			if !slices.Contains([]string{"http-only", "match-viewer", "https-only"}, c.OriginProtocolPolicy) {
				bad("InvalidArgument", "origin %s: OriginProtocolPolicy %q is not valid", o.Id, c.OriginProtocolPolicy)
			}
			if c.OriginReadTimeout > 180 || c.OriginKeepaliveTimeout > 180 {
				bad("InvalidOriginReadTimeout", "origin %s: timeouts above 180 seconds", o.Id)
			}
		}
		if o.CustomHeaders == nil {
			continue
		}
		for _, h := range o.CustomHeaders.Items {
			if slices.Contains([]string{"host", "cache-control", "cookie", "content-length", "x-amz-cf-id"}, strings.ToLower(h.HeaderName)) {
				bad("InvalidArgument", "origin %s: the header %s cannot be a custom origin header", o.Id, h.HeaderName)
			}
		}
	}
}

// validateOriginGroups checks the failover groups (two distinct member origins, an id no
// origin has, at least one status code) and returns their ids, which behaviors may target.
func validateOriginGroups(cfg domain.DistributionConfig, origins []string, bad func(string, string, ...any)) []string {
	if cfg.OriginGroups == nil {
		return nil
	}
	var ids []string
	for _, g := range cfg.OriginGroups.Items {
		if slices.Contains(origins, g.Id) || slices.Contains(ids, g.Id) {
			bad("InvalidArgument", "origin group id %s is already used", g.Id)
		}
		ids = append(ids, g.Id)
		m := g.Members.Items
		if len(m) != 2 || m[0].OriginId == m[1].OriginId {
			bad("InvalidOriginGroups", "origin group %s needs two different member origins", g.Id)
		}
		for _, mem := range m {
			if !slices.Contains(origins, mem.OriginId) {
				bad("NoSuchOrigin", "origin group %s: member %s names no origin", g.Id, mem.OriginId)
			}
		}
		if len(g.FailoverCriteria.StatusCodes.Items) == 0 {
			bad("InvalidArgument", "origin group %s has no failover status codes", g.Id)
		}
	}
	return ids
}

// validateRestrictions: a known restriction type, countries only with whitelist or blacklist,
// and a web ACL that is a WAFv2 global ARN (CloudFront refuses a regional one).
func validateRestrictions(cfg domain.DistributionConfig, bad func(string, string, ...any)) {
	if r := cfg.Restrictions; r != nil {
		g := r.GeoRestriction
		switch {
		case !slices.Contains([]string{"none", "whitelist", "blacklist"}, g.RestrictionType):
			bad("InvalidArgument", "GeoRestriction.RestrictionType %q is not valid", g.RestrictionType)
		case (g.RestrictionType == "none") != (len(g.Items) == 0):
			bad("InvalidArgument", "GeoRestriction %s with %d countries", g.RestrictionType, len(g.Items))
		}
	}
	if id := cfg.WebACLId; id != "" && !strings.Contains(id, ":global/webacl/") {
		bad("InvalidWebACLId", "%s is not a web ACL with scope CLOUDFRONT", id)
	}
}
