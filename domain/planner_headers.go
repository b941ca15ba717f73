package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// policyUUID is the shape of a CloudFront policy id.
var policyUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// CloudFront's limits on a response headers policy.
const (
	maxCORSOrigins      = 20
	maxCORSList         = 20
	maxCORSMaxAge       = 31536000
	defaultCORSMaxAge   = 600
	maxResponseHeaders  = 10
	maxResponseHdrValue = 1783
)

var (
	corsMethods = []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE", "ALL"}
	// securityHeaderNames are set by the security-headers preset; a custom header may not
	// repeat them (CloudFront refuses a policy that sets one header twice).
	securityHeaderNames = []string{"strict-transport-security", "content-security-policy", "x-content-type-options",
		"x-frame-options", "referrer-policy", "x-xss-protection"}
)

// ResponseHeadersPolicySpec is one CloudFront response headers policy the product ensures.
// Name is derived from the content (ensureName), so equal definitions share one policy and a
// changed definition gets a new one: ensuring is find-by-name, then create.
type ResponseHeadersPolicySpec struct {
	Name     string                 `json:"-"`
	Comment  string                 `json:"-"`
	Security *SecurityHeadersPreset `json:"security,omitempty"`
	CORS     *CORSPreset            `json:"cors,omitempty"`
	Headers  []ResponseHeader       `json:"headers,omitempty"`
}

// planResponseHeaders validates config.ResponseHeadersPolicies and applies the guardrails to
// every behavior's ResponseHeadersPolicyId (planned behaviors in out): absent gets the
// policy's default, a cfm: reference needs its definition, another id must be allowed.
func planResponseHeaders(out *DistributionConfig, c DistributionConfig, p Policy) error {
	defs, err := planHeaderDefinitions(c.ResponseHeadersPolicies, p.ResponseHeaders)
	if err != nil {
		return err
	}
	out.ResponseHeadersPolicies = defs
	r := p.ResponseHeaders
	for field, b := range behaviorsOf(out) {
		f := field + ".ResponseHeadersPolicyId"
		switch id := b.ResponseHeadersPolicyId; {
		case id == "":
			if r.Default == ResponseHeadersPresetSecurity {
				b.ResponseHeadersPolicyId = ResponseHeadersSecurityRef
			}
		case id == ResponseHeadersSecurityRef:
		case id == ResponseHeadersCORSRef:
			if defs == nil || defs.Cors == nil {
				return Invalid(f, "cfm:cors needs config.ResponseHeadersPolicies.Cors")
			}
		case id == ResponseHeadersCustomRef:
			if defs == nil || defs.Custom == nil {
				return Invalid(f, "cfm:custom needs config.ResponseHeadersPolicies.Custom")
			}
		case !policyUUID.MatchString(id):
			return Invalid(f, "must be cfm:security-headers, cfm:cors, cfm:custom or a CloudFront policy id")
		case r.RequireSecurityHeaders:
			return &PolicyViolation{Rule: "responseHeaders.requireSecurityHeaders", Field: f,
				Message: "every behavior carries the platform's security headers: use cfm:security-headers, cfm:cors or cfm:custom"}
		case !slices.Contains(r.AllowedPolicyIDs, id):
			return &PolicyViolation{Rule: "responseHeaders.allowedPolicyIds", Field: f,
				Message: fmt.Sprintf("policy %s is not allowed; use cfm:security-headers, cfm:cors, cfm:custom or one of %s", id, strings.Join(r.AllowedPolicyIDs, ", "))}
		}
	}
	return nil
}

// behaviorsOf maps each behavior of cfg (default and path behaviors) by its field name.
func behaviorsOf(cfg *DistributionConfig) map[string]*CacheBehavior {
	out := map[string]*CacheBehavior{}
	if cfg.DefaultCacheBehavior != nil {
		out["config.DefaultCacheBehavior"] = cfg.DefaultCacheBehavior
	}
	if cfg.CacheBehaviors != nil {
		for i := range cfg.CacheBehaviors.Items {
			out[fmt.Sprintf("config.CacheBehaviors.Items[%d]", i)] = &cfg.CacheBehaviors.Items[i].CacheBehavior
		}
	}
	return out
}

func planHeaderDefinitions(in *ResponseHeadersPolicies, r ResponseHeadersRules) (*ResponseHeadersPolicies, error) {
	if in == nil || in.Cors == nil && in.Custom == nil {
		return nil, nil
	}
	out := &ResponseHeadersPolicies{}
	if in.Cors != nil {
		cors, err := planCORS(*in.Cors, r)
		if err != nil {
			return nil, err
		}
		out.Cors = &cors
	}
	if in.Custom != nil {
		if !r.AllowCustom {
			return nil, &PolicyViolation{Rule: "responseHeaders.allowCustom", Field: "config.ResponseHeadersPolicies.Custom",
				Message: "custom response headers policies are not allowed by the platform team; use cfm:security-headers or cfm:cors"}
		}
		custom, err := planCustomHeaders(*in.Custom)
		if err != nil {
			return nil, err
		}
		out.Custom = &custom
	}
	return out, nil
}

func planCORS(c CORSPreset, r ResponseHeadersRules) (CORSPreset, error) {
	const f = "config.ResponseHeadersPolicies.Cors"
	v := &ValidationError{}
	if len(c.AllowOrigins) == 0 || len(c.AllowOrigins) > maxCORSOrigins {
		v.Add(f+".AllowOrigins", "must list 1-%d origins", maxCORSOrigins)
	}
	for i, o := range c.AllowOrigins {
		of := fmt.Sprintf("%s.AllowOrigins[%d]", f, i)
		if o == "*" {
			if c.AllowCredentials {
				v.Add(of, "* cannot be used with AllowCredentials")
			}
			continue
		}
		if _, ok := corsOriginHost(o); !ok {
			v.Add(of, "must be an origin such as https://app.example.com, or *")
		}
	}
	if len(c.AllowMethods) == 0 {
		c.AllowMethods = []string{"GET", "HEAD", "OPTIONS"}
	}
	for i, m := range c.AllowMethods {
		if !slices.Contains(corsMethods, m) {
			v.Add(fmt.Sprintf("%s.AllowMethods[%d]", f, i), "must be one of %s", strings.Join(corsMethods, ", "))
		}
	}
	if len(c.AllowHeaders) == 0 {
		c.AllowHeaders = []string{"*"}
	}
	for name, list := range map[string][]string{"AllowHeaders": c.AllowHeaders, "ExposeHeaders": c.ExposeHeaders} {
		if len(list) > maxCORSList {
			v.Add(f+"."+name, "at most %d headers", maxCORSList)
		}
		for i, h := range list {
			if h != "*" && !headerName.MatchString(h) {
				v.Add(fmt.Sprintf("%s.%s[%d]", f, name, i), "must be an HTTP header name or *")
			}
		}
	}
	if c.MaxAgeSeconds < 0 || c.MaxAgeSeconds > maxCORSMaxAge {
		v.Add(f+".MaxAgeSeconds", "must be between 0 and %d", maxCORSMaxAge)
	}
	if c.MaxAgeSeconds == 0 {
		c.MaxAgeSeconds = defaultCORSMaxAge
	}
	if err := v.OrNil(); err != nil {
		return CORSPreset{}, err
	}
	if len(r.AllowedCorsOrigins) > 0 {
		for i, o := range c.AllowOrigins {
			host, _ := corsOriginHost(o)
			if o == "*" || !OriginDomainAllowed(host, r.AllowedCorsOrigins) {
				return CORSPreset{}, &PolicyViolation{Rule: "responseHeaders.allowedCorsOrigins", Field: fmt.Sprintf("%s.AllowOrigins[%d]", f, i),
					Message: fmt.Sprintf("%q matches no allowed CORS origin pattern (%s)", o, strings.Join(r.AllowedCorsOrigins, ", "))}
			}
		}
	}
	return c, nil
}

// corsOriginHost returns the host of an https origin (scheme, host, optional port, nothing else).
func corsOriginHost(o string) (string, bool) {
	u, err := url.Parse(o)
	if err != nil || u.Scheme != "https" || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	host, port := u.Hostname(), u.Port()
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || net.JoinHostPort(host, port) != u.Host {
			return "", false
		}
	}
	return host, ValidHostname(host) && u.Host == strings.ToLower(u.Host)
}

func planCustomHeaders(c CustomResponseHeaders) (CustomResponseHeaders, error) {
	const f = "config.ResponseHeadersPolicies.Custom.Headers"
	v := &ValidationError{}
	if len(c.Headers) == 0 || len(c.Headers) > maxResponseHeaders {
		v.Add(f, "must list 1-%d headers", maxResponseHeaders)
	}
	seen := map[string]bool{}
	for i, h := range c.Headers {
		hf := fmt.Sprintf("%s[%d]", f, i)
		lower := strings.ToLower(h.Header)
		switch {
		case !headerName.MatchString(h.Header):
			v.Add(hf+".Header", "must be an HTTP header name")
		case slices.Contains(securityHeaderNames, lower):
			v.Add(hf+".Header", "%s is a security header: set SecurityHeaders (the platform's preset) instead", h.Header)
		case strings.HasPrefix(lower, "access-control-"):
			v.Add(hf+".Header", "%s is a CORS header: use cfm:cors instead", h.Header)
		case seen[lower]:
			v.Add(hf+".Header", "duplicate header %s", h.Header)
		}
		seen[lower] = true
		if h.Value == "" || len(h.Value) > maxResponseHdrValue || strings.ContainsAny(h.Value, "\r\n") {
			v.Add(hf+".Value", "must be 1-%d characters on one line", maxResponseHdrValue)
		}
	}
	if err := v.OrNil(); err != nil {
		return CustomResponseHeaders{}, err
	}
	return CustomResponseHeaders{Headers: slices.Clone(c.Headers), SecurityHeaders: c.SecurityHeaders}, nil
}

// ResponseHeadersSpecs returns the CloudFront policy behind each cfm: reference cfg's
// behaviors use, named under prefix. With requireSecurityHeaders the CORS and custom policies
// carry the security headers too.
func ResponseHeadersSpecs(cfg DistributionConfig, p Policy, prefix string) map[string]ResponseHeadersPolicySpec {
	r := p.ResponseHeaders
	sec := r.SecurityHeaders
	out := map[string]ResponseHeadersPolicySpec{}
	for _, b := range behaviorsOf(&cfg) {
		ref := b.ResponseHeadersPolicyId
		if _, done := out[ref]; done {
			continue
		}
		var spec ResponseHeadersPolicySpec
		switch defs := cfg.ResponseHeadersPolicies; ref {
		case ResponseHeadersSecurityRef:
			spec = ResponseHeadersPolicySpec{Comment: "security headers (platform preset)", Security: &sec}
		case ResponseHeadersCORSRef:
			if defs == nil || defs.Cors == nil {
				continue
			}
			cors := *defs.Cors
			spec = ResponseHeadersPolicySpec{Comment: "CORS preset", CORS: &cors}
		case ResponseHeadersCustomRef:
			if defs == nil || defs.Custom == nil {
				continue
			}
			spec = ResponseHeadersPolicySpec{Comment: "custom headers", Headers: defs.Custom.Headers}
			if defs.Custom.SecurityHeaders {
				spec.Security = &sec
			}
		default:
			continue
		}
		if r.RequireSecurityHeaders {
			spec.Security = &sec
		}
		spec.Name = spec.ensureName(prefix, strings.TrimPrefix(ref, "cfm:"))
		out[ref] = spec
	}
	return out
}

// ensureName is prefix-kind-<hash of the content>, within CloudFront's 128 characters.
func (s ResponseHeadersPolicySpec) ensureName(prefix, kind string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("encode response headers policy: %v", err)) // plain data
	}
	sum := sha256.Sum256(b)
	name := strings.Trim(firstNonEmpty(prefix, "cfm"), "-") + "-" + kind + "-" + hex.EncodeToString(sum[:])[:12]
	return name[max(0, len(name)-128):]
}

// IsProductReference reports whether id is one of the cfm: references the worker resolves.
func IsProductReference(id string) bool { return strings.HasPrefix(id, "cfm:") }

// ResolveReferences returns the config CloudFront gets: every behavior's cfm: response headers
// reference replaced by its policy id (policyIDs by reference), every Lambda function URL
// origin's cfm:lambda-url OAC by lambdaOAC, and the product extensions that are not
// CloudFront's (ResponseHeadersPolicies) dropped. cfg itself is not changed. A reference
// without an id is an error.
func ResolveReferences(cfg DistributionConfig, policyIDs map[string]string, lambdaOAC string) (DistributionConfig, error) {
	out := cfg
	out.ResponseHeadersPolicies = nil
	if cfg.DefaultCacheBehavior != nil {
		b := *cfg.DefaultCacheBehavior
		out.DefaultCacheBehavior = &b
	}
	if cfg.CacheBehaviors != nil {
		cb := *cfg.CacheBehaviors
		cb.Items = slices.Clone(cb.Items)
		out.CacheBehaviors = &cb
	}
	for field, b := range behaviorsOf(&out) {
		if !IsProductReference(b.ResponseHeadersPolicyId) {
			continue
		}
		id, ok := policyIDs[b.ResponseHeadersPolicyId]
		if !ok || id == "" {
			return DistributionConfig{}, fmt.Errorf("%s.ResponseHeadersPolicyId: no policy for %s", field, b.ResponseHeadersPolicyId)
		}
		b.ResponseHeadersPolicyId = id
	}
	if cfg.Origins != nil {
		o := *cfg.Origins
		o.Items = slices.Clone(o.Items)
		for i := range o.Items {
			if o.Items[i].OriginAccessControlId != LambdaURLOACRef {
				continue
			}
			if lambdaOAC == "" {
				return DistributionConfig{}, fmt.Errorf("config.Origins.Items[%d]: no Lambda function URL OAC", i)
			}
			o.Items[i].OriginAccessControlId = lambdaOAC
		}
		out.Origins = &o
	}
	return out, nil
}

// UsesLambdaURLOAC reports whether an origin of cfg uses the product's Lambda function URL OAC.
func UsesLambdaURLOAC(cfg DistributionConfig) bool {
	if cfg.Origins == nil {
		return false
	}
	return slices.ContainsFunc(cfg.Origins.Items, func(o Origin) bool { return o.OriginAccessControlId == LambdaURLOACRef })
}
