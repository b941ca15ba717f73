package domain

import (
	"slices"
	"strings"
)

// Managed CloudFront policy ids the defaults use.
const (
	CachePolicyCachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	CachePolicyCachingDisabled  = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
)

// Policy is the platform team's guardrails. The planner applies it to every request: values a
// request leaves out are filled from it, values that contradict it are a PolicyViolation.
type Policy struct {
	// ViewerProtocolPolicies allowed; the first is the default.
	ViewerProtocolPolicies []string `json:"viewerProtocolPolicies"`
	// HTTPVersions allowed; the first is the default.
	HTTPVersions []string `json:"httpVersions"`
	// CachePolicyIDs allowed; the first is the default.
	CachePolicyIDs []string `json:"cachePolicyIds"`
	// RequireCompression forbids Compress=false.
	RequireCompression bool `json:"requireCompression"`
	// MinimumTLSVersion is the lowest MinimumProtocolVersion a custom certificate may use.
	MinimumTLSVersion string `json:"minimumTlsVersion"`
	// RequireSNI forbids the dedicated-IP (vip) SSL support method.
	RequireSNI bool `json:"requireSni"`
	// IPv6 is the IsIPV6Enabled value; RequireIPv6 forbids turning it off.
	IPv6        bool `json:"ipv6"`
	RequireIPv6 bool `json:"requireIpv6"`
	// PriceClasses allowed; the first is the default.
	PriceClasses []string `json:"priceClasses"`
	// AllowedAliasDomains: every alias must equal one of these or be a subdomain of one.
	// Empty means no aliases are allowed.
	AllowedAliasDomains []string `json:"allowedAliasDomains"`
	// Logging, when Bucket is set, turns access logging on for every distribution.
	Logging LoggingPolicy `json:"logging"`
	// RequireOAC: S3 origins must be managed origins, reached through their Origin Access Control.
	RequireOAC bool `json:"requireOac"`
	// MaxOrigins bounds the origins of one distribution.
	MaxOrigins int `json:"maxOrigins"`
	// OriginBucketPrefix, when set, is the prefix every new origin bucket's name must carry. The
	// deployed product sets it to "<resource prefix>-": its IAM policy reaches only those buckets.
	OriginBucketPrefix string `json:"originBucketPrefix,omitempty"`
	// ManagedOriginUse says who may put a managed origin behind a distribution: OriginUseOwner
	// (its owner and admins; the default) or OriginUseShared (any developer).
	ManagedOriginUse string `json:"managedOriginUse"`
	// AllowInvalidationEscalation lets a coalesced invalidation batch that would exceed
	// CloudFront's in-progress limits (3 000 paths, 15 wildcards per distribution) send parent
	// wildcards instead of the exact paths (e.g. "/img/*" for 3 001 files under /img/), so no
	// request waits for a later round. Off by default: exactly the requested paths are sent.
	AllowInvalidationEscalation bool `json:"allowInvalidationEscalation"`
	// Site guardrails (path behaviors, custom origins, headers, geo, WAF, tags): policy_sites.go.
	SitePolicy
}

// LoggingPolicy says where access logs go.
type LoggingPolicy struct {
	Bucket         string `json:"bucket,omitempty"` // e.g. "cfm-logs.s3.amazonaws.com"
	Prefix         string `json:"prefix,omitempty"` // a "{id}" in it becomes the distribution id
	IncludeCookies bool   `json:"includeCookies"`
}

// DefaultPolicy is the embedded guardrail set used when no policy file is configured.
func DefaultPolicy() Policy {
	return Policy{
		ViewerProtocolPolicies: []string{"redirect-to-https", "https-only"},
		HTTPVersions:           []string{"http2and3", "http2", "http3"},
		CachePolicyIDs:         []string{CachePolicyCachingOptimized, CachePolicyCachingDisabled},
		RequireCompression:     true,
		MinimumTLSVersion:      "TLSv1.2_2021",
		RequireSNI:             true,
		IPv6:                   true,
		PriceClasses:           []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"},
		AllowedAliasDomains:    nil,
		RequireOAC:             false,
		MaxOrigins:             10,
		ManagedOriginUse:       OriginUseOwner,
		// Exact coverage: an invalidation sends the paths asked for, never a wider wildcard.
		AllowInvalidationEscalation: false,
		SitePolicy:                  DefaultSitePolicy(),
	}
}

// tlsOrder ranks CloudFront's MinimumProtocolVersion values from weakest to strongest.
var tlsOrder = []string{"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.3_2025"}

// CloudFront's value sets: a request value outside its set is a 400 naming the field (a value
// inside it that the policy does not allow is a 422). The OpenAPI document lists the same sets.
var (
	ViewerProtocolPolicyValues = []string{"allow-all", "https-only", "redirect-to-https"}
	HTTPVersionValues          = []string{"http1.1", "http2", "http3", "http2and3"}
	PriceClassValues           = []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}
	SSLSupportMethodValues     = []string{"sni-only", "vip", "static-ip"}
)

// TLSPolicyValues lists CloudFront's MinimumProtocolVersion values, weakest first.
func TLSPolicyValues() []string { return slices.Clone(tlsOrder) }

// knownValue refuses a value outside CloudFront's set for the field ("" is left to the default).
func knownValue(field, value string, values []string) error {
	if value == "" || slices.Contains(values, value) {
		return nil
	}
	return Invalid(field, "must be one of %s", strings.Join(values, ", "))
}

// TLSRank returns the strength rank of a MinimumProtocolVersion, -1 when unknown.
func TLSRank(v string) int {
	for i, s := range tlsOrder {
		if s == v {
			return i
		}
	}
	return -1
}
