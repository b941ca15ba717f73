package domain

import (
	"fmt"
	"slices"
	"strings"
)

// ResponseHeadersRules are the guardrails of response headers policies.
type ResponseHeadersRules struct {
	// Default is what a behavior without ResponseHeadersPolicyId gets: "security-headers"
	// (the preset below) or "" (none).
	Default string `json:"default"`
	// RequireSecurityHeaders: every behavior carries the security headers (cfm:cors and
	// cfm:custom include them; no other policy id is allowed, and Default must be set).
	RequireSecurityHeaders bool `json:"requireSecurityHeaders"`
	// SecurityHeaders is the security-headers preset, as the platform team sets it.
	SecurityHeaders SecurityHeadersPreset `json:"securityHeaders"`
	// AllowCustom lets requests define a custom policy (cfm:custom).
	AllowCustom bool `json:"allowCustom"`
	// AllowedCorsOrigins are the patterns ("*" stands for labels) a CORS preset's origins'
	// hosts must match; empty allows any https origin.
	AllowedCorsOrigins []string `json:"allowedCorsOrigins"`
	// AllowedPolicyIDs are CloudFront response headers policy ids (e.g. managed ones) a
	// behavior may name directly (not with RequireSecurityHeaders).
	AllowedPolicyIDs []string `json:"allowedPolicyIds"`
}

// SecurityHeadersPreset is the managed security-headers preset: HSTS, the team's
// Content-Security-Policy, X-Content-Type-Options: nosniff, X-Frame-Options, Referrer-Policy.
type SecurityHeadersPreset struct {
	ContentSecurityPolicy string `json:"contentSecurityPolicy"`
	HSTSMaxAgeSeconds     int    `json:"hstsMaxAgeSeconds"`
	HSTSIncludeSubdomains bool   `json:"hstsIncludeSubdomains"`
	HSTSPreload           bool   `json:"hstsPreload"`
	FrameOption           string `json:"frameOption"`
	ReferrerPolicy        string `json:"referrerPolicy"`
}

// ResponseHeadersPresetSecurity is the Default value that applies the security-headers preset.
const ResponseHeadersPresetSecurity = "security-headers"

// Managed CloudFront response headers policies (allowed by default).
const (
	ManagedSecurityHeadersPolicy     = "67f7725c-6f97-4210-82d7-5512b31e9d03"
	ManagedSimpleCORSPolicy          = "60669652-455b-4ae9-85a4-c4c02393f86c"
	ManagedCORSAndSecurityHeaders    = "e61eb60c-9c35-4d20-a928-2b84e02af89c"
	ManagedCORSWithPreflight         = "5cc3b908-e619-4b99-88e5-2cf7f45965bd"
	ManagedCORSPreflightAndSecurity  = "eaab4381-ed33-4a86-88ca-d9558dc6cd63"
	maxCSPLength                     = 1783
	maxHSTSMaxAge                    = 63072000 * 2
	defaultHSTSMaxAge                = 63072000 // two years, as HSTS preload lists ask
	defaultContentSecurityPolicy     = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
	defaultReferrerPolicy            = "strict-origin-when-cross-origin"
	defaultFrameOption               = "DENY"
	maxTagsPerDistributionForRequest = 47 // CloudFront's 50 less the product's three
)

// ManagedResponseHeadersPolicies are CloudFront's managed policy ids.
var ManagedResponseHeadersPolicies = []string{ManagedSecurityHeadersPolicy, ManagedSimpleCORSPolicy,
	ManagedCORSAndSecurityHeaders, ManagedCORSWithPreflight, ManagedCORSPreflightAndSecurity}

var (
	frameOptions    = []string{"DENY", "SAMEORIGIN"}
	referrerPolices = []string{"no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
		"same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"}
)

// DefaultResponseHeadersRules: the preset is defined and allowed, applied only where a
// request (or template) names it, so seed requests stay as they were; the deployed default
// applies and requires it (infra/policy/default-policy.json).
func DefaultResponseHeadersRules() ResponseHeadersRules {
	return ResponseHeadersRules{
		SecurityHeaders: SecurityHeadersPreset{ContentSecurityPolicy: defaultContentSecurityPolicy,
			HSTSMaxAgeSeconds: defaultHSTSMaxAge, HSTSIncludeSubdomains: true,
			FrameOption: defaultFrameOption, ReferrerPolicy: defaultReferrerPolicy},
		AllowCustom:      true,
		AllowedPolicyIDs: slices.Clone(ManagedResponseHeadersPolicies),
	}
}

func (r ResponseHeadersRules) validate(v *ValidationError) {
	const f = "responseHeaders"
	if r.Default != "" && r.Default != ResponseHeadersPresetSecurity {
		v.Add(f+".default", "must be %q or empty", ResponseHeadersPresetSecurity)
	}
	if r.RequireSecurityHeaders && r.Default == "" {
		v.Add(f+".default", "must be %q when requireSecurityHeaders is on", ResponseHeadersPresetSecurity)
	}
	s := r.SecurityHeaders
	if s.ContentSecurityPolicy == "" || len(s.ContentSecurityPolicy) > maxCSPLength || strings.ContainsAny(s.ContentSecurityPolicy, "\r\n") {
		v.Add(f+".securityHeaders.contentSecurityPolicy", "must be 1-%d characters on one line", maxCSPLength)
	}
	if s.HSTSMaxAgeSeconds < 1 || s.HSTSMaxAgeSeconds > maxHSTSMaxAge {
		v.Add(f+".securityHeaders.hstsMaxAgeSeconds", "must be between 1 and %d", maxHSTSMaxAge)
	}
	if !slices.Contains(frameOptions, s.FrameOption) {
		v.Add(f+".securityHeaders.frameOption", "must be DENY or SAMEORIGIN")
	}
	if !slices.Contains(referrerPolices, s.ReferrerPolicy) {
		v.Add(f+".securityHeaders.referrerPolicy", "must be one of %s", strings.Join(referrerPolices, ", "))
	}
	for i, d := range r.AllowedCorsOrigins {
		if !ValidHostname(strings.ReplaceAll(d, "*", "x")) {
			v.Add(fmt.Sprintf("%s.allowedCorsOrigins[%d]", f, i), "must be a DNS name, '*' standing for labels")
		}
	}
	for i, id := range r.AllowedPolicyIDs {
		if !policyUUID.MatchString(id) {
			v.Add(fmt.Sprintf("%s.allowedPolicyIds[%d]", f, i), "must be a CloudFront policy id (a UUID)")
		}
	}
}

// TagRules are the guardrails of distribution tags.
type TagRules struct {
	// RequiredTags maps each tag every distribution must carry to its allowed values (empty:
	// any non-empty value).
	RequiredTags map[string][]string `json:"requiredTags"`
}

func (t TagRules) validateTags(v *ValidationError) {
	for k, vals := range t.RequiredTags {
		if err := validTagKey(k); err != "" {
			v.Add("requiredTags."+k, "%s", err)
		}
		for i, val := range vals {
			if !tagChars.MatchString(val) || val == "" || len(val) > maxTagValue {
				v.Add(fmt.Sprintf("requiredTags.%s[%d]", k, i), "must be a tag value (1-%d characters)", maxTagValue)
			}
		}
	}
}
