package cloud

import (
	"slices"

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
