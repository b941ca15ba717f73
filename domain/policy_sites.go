package domain

import (
	"fmt"
	"slices"
	"strings"
)

// SitePolicy holds the guardrails of what real sites need beyond one S3 origin: path
// behaviors, custom origins, response headers, geo restriction, WAF and tags. Its JSON fields
// sit at the top level of the policy document, next to the others.
type SitePolicy struct {
	// MaxCacheBehaviors bounds the path behaviors (CacheBehaviors) of one distribution; 0
	// allows none. Each one obeys the default behavior's viewer-protocol, cache-policy,
	// compression and method rules.
	MaxCacheBehaviors int `json:"maxCacheBehaviors"`

	// AllowedOriginDomains are the patterns a custom origin's domain must match ("*" stands
	// for one or more labels); empty allows no custom origin.
	AllowedOriginDomains []string `json:"allowedOriginDomains"`
	// RequireOriginHTTPSOnly forbids a custom origin protocol policy other than https-only.
	RequireOriginHTTPSOnly bool `json:"requireOriginHttpsOnly"`
	// MinimumOriginSSLProtocol is the weakest SSL protocol CloudFront may use to a custom
	// origin (SSLv3, TLSv1, TLSv1.1, TLSv1.2).
	MinimumOriginSSLProtocol string `json:"minimumOriginSslProtocol"`
	// MaxOriginReadTimeout and MaxOriginKeepaliveTimeout bound a custom origin's timeouts (s).
	MaxOriginReadTimeout      int `json:"maxOriginReadTimeout"`
	MaxOriginKeepaliveTimeout int `json:"maxOriginKeepaliveTimeout"`

	// MaxOriginGroups bounds the failover groups of one distribution; 0 allows none.
	MaxOriginGroups int `json:"maxOriginGroups"`

	// RequiredWebACLID, when set, is the WAF web ACL (a WAFv2 global ARN) every distribution
	// must use: a request without one gets it, a request naming another is refused.
	RequiredWebACLID string `json:"requiredWebAclId,omitempty"`
	// AllowGeoRestriction lets requests restrict viewers by country.
	AllowGeoRestriction bool `json:"allowGeoRestriction"`

	// ResponseHeaders: the security-headers preset, its default and the CORS and custom
	// policies' rules (policy_headers.go).
	ResponseHeaders ResponseHeadersRules `json:"responseHeaders"`
	// TagRules: the tags every distribution must carry (policy_headers.go).
	TagRules
	// LambdaURLOAC: a Lambda function URL origin is reached through the product's Origin
	// Access Control of origin type lambda (the function URL's auth type must be AWS_IAM).
	LambdaURLOAC bool `json:"lambdaUrlOac"`
}

// maxCacheBehaviorsQuota is CloudFront's default quota of cache behaviors per distribution.
const maxCacheBehaviorsQuota = 25

// DefaultSitePolicy is the embedded default of the site guardrails.
func DefaultSitePolicy() SitePolicy {
	return SitePolicy{MaxCacheBehaviors: 10,
		AllowedOriginDomains:   []string{"*.elb.amazonaws.com", "*.execute-api.*.amazonaws.com", "*.lambda-url.*.on.aws"},
		RequireOriginHTTPSOnly: true, MinimumOriginSSLProtocol: "TLSv1.2",
		MaxOriginReadTimeout: 60, MaxOriginKeepaliveTimeout: 60,
		MaxOriginGroups: 5, AllowGeoRestriction: true,
		ResponseHeaders: DefaultResponseHeadersRules(), LambdaURLOAC: true,
	}
}

// CloudFront's upper limits on origin timeouts (with a quota increase).
const (
	quotaOriginReadTimeout      = 180
	quotaOriginKeepaliveTimeout = 180
)

func (p Policy) validateSites(v *ValidationError) {
	if p.MaxCacheBehaviors < 0 || p.MaxCacheBehaviors > maxCacheBehaviorsQuota {
		v.Add("maxCacheBehaviors", "must be between 0 and %d (CloudFront's quota)", maxCacheBehaviorsQuota)
	}
	for i, d := range p.AllowedOriginDomains {
		if !ValidHostname(strings.ReplaceAll(d, "*", "x")) {
			v.Add(fmt.Sprintf("allowedOriginDomains[%d]", i), "must be a DNS name, '*' standing for labels")
		}
	}
	if p.MaxOriginGroups < 0 || p.MaxOriginGroups > maxCacheBehaviorsQuota {
		v.Add("maxOriginGroups", "must be between 0 and %d", maxCacheBehaviorsQuota)
	}
	if p.RequiredWebACLID != "" && !webACLARN.MatchString(p.RequiredWebACLID) {
		v.Add("requiredWebAclId", "must be a WAFv2 web ACL ARN with scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)")
	}
	p.ResponseHeaders.validate(v)
	p.validateTags(v)
	if !slices.Contains(sslProtocols, p.MinimumOriginSSLProtocol) {
		v.Add("minimumOriginSslProtocol", "must be one of %s", strings.Join(sslProtocols, ", "))
	}
	if p.MaxOriginReadTimeout < minOriginReadTimeout || p.MaxOriginReadTimeout > quotaOriginReadTimeout {
		v.Add("maxOriginReadTimeout", "must be between %d and %d seconds", minOriginReadTimeout, quotaOriginReadTimeout)
	}
	if p.MaxOriginKeepaliveTimeout < minOriginKeepaliveTimeout || p.MaxOriginKeepaliveTimeout > quotaOriginKeepaliveTimeout {
		v.Add("maxOriginKeepaliveTimeout", "must be between %d and %d seconds", minOriginKeepaliveTimeout, quotaOriginKeepaliveTimeout)
	}
}
