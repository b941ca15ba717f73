package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// CloudFront's limits on origin timeouts and connections.
const (
	minOriginReadTimeout      = 1
	minOriginKeepaliveTimeout = 1
	maxConnectionTimeout      = 10
	maxConnectionAttempts     = 3
	maxCustomHeaders          = 10
	maxHeaderValue            = 1783
)

// Defaults CloudFront applies to a custom origin; the plan writes them out so the applied and
// the live config agree.
const (
	defaultOriginReadTimeout      = 30
	defaultOriginKeepaliveTimeout = 5
)

// originProtocolPolicies and sslProtocols are CloudFront's values.
var (
	originProtocolPolicies = []string{"http-only", "match-viewer", "https-only"}
	sslProtocols           = []string{"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"}
	headerName             = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+.^_|~-]{1,256}$`)
	// Headers CloudFront refuses as origin custom headers (a subset: the ones it sets itself).
	reservedHeaders = []string{"cache-control", "connection", "content-length", "cookie", "host", "if-match",
		"if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards", "pragma",
		"proxy-authorization", "proxy-connection", "range", "request-range", "te", "trailer", "transfer-encoding",
		"upgrade", "via", "x-real-ip", "x-forwarded-for", "x-amz-cf-id"}
)

// validateCustomOrigin checks the shape of a custom (HTTP) origin at field f.
func validateCustomOrigin(v *ValidationError, f string, o Origin) {
	c := o.CustomOriginConfig
	host := strings.ToLower(o.DomainName)
	if !ValidHostname(host) {
		v.Add(f+".DomainName", "must be a DNS name (an ALB, API Gateway, Lambda function URL or any HTTPS host)")
	}
	if o.S3OriginConfig != nil {
		v.Add(f+".S3OriginConfig", "a custom origin has no S3OriginConfig")
	}
	if o.OriginAccessControlId != "" && o.OriginAccessControlId != LambdaURLOACRef {
		v.Add(f+".OriginAccessControlId", "is set by the product, not by request")
	}
	if c.OriginProtocolPolicy != "" && !slices.Contains(originProtocolPolicies, c.OriginProtocolPolicy) {
		v.Add(f+".CustomOriginConfig.OriginProtocolPolicy", "must be one of %s", strings.Join(originProtocolPolicies, ", "))
	}
	if c.OriginSslProtocols != nil {
		for i, p := range c.OriginSslProtocols.Items {
			if !slices.Contains(sslProtocols, p) {
				v.Add(fmt.Sprintf("%s.CustomOriginConfig.OriginSslProtocols.Items[%d]", f, i), "must be one of %s", strings.Join(sslProtocols, ", "))
			}
		}
	}
	for name, port := range map[string]int{"HTTPPort": c.HTTPPort, "HTTPSPort": c.HTTPSPort} {
		if port != 0 && (port < 1 || port > 65535) {
			v.Add(f+".CustomOriginConfig."+name, "must be a port (1-65535)")
		}
	}
	if c.OriginReadTimeout < 0 {
		v.Add(f+".CustomOriginConfig.OriginReadTimeout", "must be at least %d", minOriginReadTimeout)
	}
	if c.OriginKeepaliveTimeout < 0 {
		v.Add(f+".CustomOriginConfig.OriginKeepaliveTimeout", "must be at least %d", minOriginKeepaliveTimeout)
	}
	if o.ConnectionTimeout < 0 || o.ConnectionTimeout > maxConnectionTimeout {
		v.Add(f+".ConnectionTimeout", "must be between 1 and %d", maxConnectionTimeout)
	}
	if o.ConnectionAttempts < 0 || o.ConnectionAttempts > maxConnectionAttempts {
		v.Add(f+".ConnectionAttempts", "must be between 1 and %d", maxConnectionAttempts)
	}
}

// validateCustomHeaders checks an origin's custom headers (names, count, lengths).
func validateCustomHeaders(v *ValidationError, f string, h *CustomHeaders) {
	if h.Quantity != len(h.Items) {
		v.Add(f+".Quantity", "must equal the number of Items (%d)", len(h.Items))
	}
	if len(h.Items) > maxCustomHeaders {
		v.Add(f+".Items", "at most %d headers", maxCustomHeaders)
	}
	seen := map[string]bool{}
	for i, it := range h.Items {
		hf := fmt.Sprintf("%s.Items[%d]", f, i)
		lower := strings.ToLower(it.HeaderName)
		switch {
		case !headerName.MatchString(it.HeaderName):
			v.Add(hf+".HeaderName", "must be an HTTP header name")
		case slices.Contains(reservedHeaders, lower) || strings.HasPrefix(lower, "x-edge-") || strings.HasPrefix(lower, "x-amz-cf-"):
			v.Add(hf+".HeaderName", "%s is set by CloudFront and cannot be a custom header", it.HeaderName)
		case seen[lower]:
			v.Add(hf+".HeaderName", "duplicate header %s", it.HeaderName)
		}
		seen[lower] = true
		switch {
		case it.HeaderValue == "" || len(it.HeaderValue) > maxHeaderValue || strings.ContainsAny(it.HeaderValue, "\r\n"):
			v.Add(hf+".HeaderValue", "must be 1-%d characters on one line", maxHeaderValue)
		case it.HeaderValue == SecretMask:
			v.Add(hf+".HeaderValue", "is the mask of a secret this origin does not have; give the value")
		}
	}
}

// planCustomOrigin applies the custom-origin guardrails: the domain must match an allowed
// pattern, the protocol to the origin must be https-only when the policy says so, every SSL
// protocol must be at least the policy's minimum, and the timeouts within its limits. Values
// left out get the policy's (or CloudFront's) defaults, written out.
func planCustomOrigin(f string, o Origin, p Policy) (Origin, error) {
	c := *o.CustomOriginConfig
	host := strings.ToLower(o.DomainName)
	if !OriginDomainAllowed(host, p.AllowedOriginDomains) {
		return Origin{}, &PolicyViolation{Rule: "allowedOriginDomains", Field: f + ".DomainName",
			Message: fmt.Sprintf("%q matches no allowed origin domain pattern (%s)", host, strings.Join(p.AllowedOriginDomains, ", "))}
	}
	c.OriginProtocolPolicy = firstNonEmpty(c.OriginProtocolPolicy, "https-only")
	if p.RequireOriginHTTPSOnly && c.OriginProtocolPolicy != "https-only" {
		return Origin{}, &PolicyViolation{Rule: "requireOriginHttpsOnly", Field: f + ".CustomOriginConfig.OriginProtocolPolicy",
			Message: "CloudFront must reach the origin over HTTPS (https-only)"}
	}
	if c.OriginSslProtocols == nil || len(c.OriginSslProtocols.Items) == 0 {
		c.OriginSslProtocols = NewStringList("TLSv1.2")
	}
	minRank := slices.Index(sslProtocols, p.MinimumOriginSSLProtocol)
	for i, sp := range c.OriginSslProtocols.Items {
		if slices.Index(sslProtocols, sp) < minRank {
			return Origin{}, &PolicyViolation{Rule: "minimumOriginSslProtocol", Field: fmt.Sprintf("%s.CustomOriginConfig.OriginSslProtocols.Items[%d]", f, i),
				Message: fmt.Sprintf("%s is weaker than the required %s", sp, p.MinimumOriginSSLProtocol)}
		}
	}
	c.OriginSslProtocols = NewStringList(c.OriginSslProtocols.Items...)
	if c.HTTPPort == 0 {
		c.HTTPPort = 80
	}
	if c.HTTPSPort == 0 {
		c.HTTPSPort = 443
	}
	c.OriginReadTimeout = max(c.OriginReadTimeout, 0)
	if c.OriginReadTimeout == 0 {
		c.OriginReadTimeout = min(defaultOriginReadTimeout, p.MaxOriginReadTimeout)
	}
	if c.OriginReadTimeout > p.MaxOriginReadTimeout {
		return Origin{}, &PolicyViolation{Rule: "maxOriginReadTimeout", Field: f + ".CustomOriginConfig.OriginReadTimeout",
			Message: fmt.Sprintf("at most %d seconds", p.MaxOriginReadTimeout)}
	}
	if c.OriginKeepaliveTimeout == 0 {
		c.OriginKeepaliveTimeout = min(defaultOriginKeepaliveTimeout, p.MaxOriginKeepaliveTimeout)
	}
	if c.OriginKeepaliveTimeout > p.MaxOriginKeepaliveTimeout {
		return Origin{}, &PolicyViolation{Rule: "maxOriginKeepaliveTimeout", Field: f + ".CustomOriginConfig.OriginKeepaliveTimeout",
			Message: fmt.Sprintf("at most %d seconds", p.MaxOriginKeepaliveTimeout)}
	}
	out := Origin{Id: o.Id, DomainName: host, OriginPath: o.OriginPath, CustomOriginConfig: &c,
		ConnectionAttempts: o.ConnectionAttempts, ConnectionTimeout: o.ConnectionTimeout, CustomHeaders: o.CustomHeaders}
	if p.LambdaURLOAC && IsLambdaURL(host) {
		out.OriginAccessControlId = LambdaURLOACRef // the product's OAC of origin type lambda
	}
	if out.ConnectionAttempts == 0 {
		out.ConnectionAttempts = 3
	}
	if out.ConnectionTimeout == 0 {
		out.ConnectionTimeout = 10
	}
	return out, nil
}

// IsLambdaURL reports whether host is a Lambda function URL (<url-id>.lambda-url.<region>.on.aws).
func IsLambdaURL(host string) bool {
	return OriginDomainAllowed(host, []string{"*.lambda-url.*.on.aws"})
}

// OriginDomainAllowed reports whether host matches one of the patterns: an exact name, or a
// pattern whose "*" stands for one or more DNS labels' characters (a-z, 0-9, '-', '.'), such as
// "*.elb.amazonaws.com" or "*.execute-api.*.amazonaws.com".
func OriginDomainAllowed(host string, patterns []string) bool {
	for _, p := range patterns {
		parts := strings.Split(strings.ToLower(p), "*")
		for i, part := range parts {
			parts[i] = regexp.QuoteMeta(part)
		}
		if regexp.MustCompile(`^` + strings.Join(parts, `[a-z0-9][a-z0-9.-]*`) + `$`).MatchString(host) {
			return true
		}
	}
	return false
}
