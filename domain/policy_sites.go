package domain

// SitePolicy holds the guardrails of what real sites need beyond one S3 origin: path
// behaviors, custom origins, response headers, geo restriction, WAF and tags. Its JSON fields
// sit at the top level of the policy document, next to the others.
type SitePolicy struct {
	// MaxCacheBehaviors bounds the path behaviors (CacheBehaviors) of one distribution; 0
	// allows none. Each one obeys the default behavior's viewer-protocol, cache-policy,
	// compression and method rules.
	MaxCacheBehaviors int `json:"maxCacheBehaviors"`
}

// maxCacheBehaviorsQuota is CloudFront's default quota of cache behaviors per distribution.
const maxCacheBehaviorsQuota = 25

// DefaultSitePolicy is the embedded default of the site guardrails.
func DefaultSitePolicy() SitePolicy {
	return SitePolicy{MaxCacheBehaviors: 10}
}

func (p Policy) validateSites(v *ValidationError) {
	if p.MaxCacheBehaviors < 0 || p.MaxCacheBehaviors > maxCacheBehaviorsQuota {
		v.Add("maxCacheBehaviors", "must be between 0 and %d (CloudFront's quota)", maxCacheBehaviorsQuota)
	}
}
