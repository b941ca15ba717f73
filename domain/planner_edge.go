package domain

import (
	"fmt"
	"strings"
)

// applyEdgeSettings plans the viewer-facing settings: HTTP version, IPv6, price class,
// aliases and certificate, logging, WAF.
func applyEdgeSettings(out *DistributionConfig, c DistributionConfig, in PlanInput, p Policy) error {
	for _, k := range []struct {
		field, value string
		values       []string
	}{{"config.HttpVersion", c.HttpVersion, HTTPVersionValues}, {"config.PriceClass", c.PriceClass, PriceClassValues}} {
		if err := knownValue(k.field, k.value, k.values); err != nil {
			return err
		}
	}
	var err error
	if out.HttpVersion, err = allowed("httpVersions", "config.HttpVersion", c.HttpVersion, p.HTTPVersions); err != nil {
		return err
	}
	if out.PriceClass, err = allowed("priceClasses", "config.PriceClass", c.PriceClass, p.PriceClasses); err != nil {
		return err
	}
	if c.IsIPV6Enabled != nil && !*c.IsIPV6Enabled && p.RequireIPv6 {
		return &PolicyViolation{Rule: "requireIpv6", Field: "config.IsIPV6Enabled", Message: "IPv6 must stay on"}
	}
	out.IsIPV6Enabled = Bool(BoolValue(c.IsIPV6Enabled, p.IPv6))
	if out.WebACLId, err = planWebACL(c.WebACLId, p); err != nil { // planner_geo_waf.go
		return err
	}
	if out.CustomErrorResponses, err = planErrorResponses(c.CustomErrorResponses); err != nil {
		return err
	}
	if err := planAliases(out, c, p); err != nil {
		return err
	}
	return planLogging(out, c, in, p)
}

func planAliases(out *DistributionConfig, c DistributionConfig, p Policy) error {
	var aliases []string
	if c.Aliases != nil {
		aliases = c.Aliases.Items
	}
	v := &ValidationError{}
	if c.Aliases != nil && c.Aliases.Quantity != len(aliases) {
		v.Add("config.Aliases.Quantity", "must equal the number of Items (%d)", len(aliases))
	}
	for i, a := range aliases {
		a = strings.ToLower(strings.TrimSuffix(a, "."))
		aliases[i] = a
		if !ValidHostname(strings.TrimPrefix(a, "*.")) {
			v.Add(fmt.Sprintf("config.Aliases.Items[%d]", i), "must be a DNS name")
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	for i, a := range aliases {
		if !aliasAllowed(a, p.AllowedAliasDomains) {
			return &PolicyViolation{Rule: "allowedAliasDomains", Field: fmt.Sprintf("config.Aliases.Items[%d]", i),
				Message: fmt.Sprintf("%q is not under an allowed domain (%s)", a, strings.Join(p.AllowedAliasDomains, ", "))}
		}
	}
	vc := c.ViewerCertificate
	if len(aliases) == 0 {
		if vc != nil && vc.ACMCertificateArn != "" {
			return Invalid("config.Aliases", "a custom certificate needs at least one alias")
		}
		out.ViewerCertificate = &ViewerCertificate{CloudFrontDefaultCertificate: Bool(true), MinimumProtocolVersion: "TLSv1"}
		return nil
	}
	out.Aliases = NewStringList(aliases...)
	if vc == nil || vc.ACMCertificateArn == "" {
		return Invalid("config.ViewerCertificate.ACMCertificateArn", "aliases need an ACM certificate in us-east-1")
	}
	if !strings.HasPrefix(vc.ACMCertificateArn, "arn:aws:acm:us-east-1:") {
		return Invalid("config.ViewerCertificate.ACMCertificateArn", "must be an ACM certificate ARN in us-east-1")
	}
	if err := knownValue("config.ViewerCertificate.SSLSupportMethod", vc.SSLSupportMethod, SSLSupportMethodValues); err != nil {
		return err
	}
	method := firstNonEmpty(vc.SSLSupportMethod, "sni-only")
	if method != "sni-only" && p.RequireSNI {
		return &PolicyViolation{Rule: "requireSni", Field: "config.ViewerCertificate.SSLSupportMethod", Message: "only sni-only is allowed"}
	}
	tls := firstNonEmpty(vc.MinimumProtocolVersion, p.MinimumTLSVersion)
	if TLSRank(tls) < 0 {
		return Invalid("config.ViewerCertificate.MinimumProtocolVersion", "unknown TLS policy %q", tls)
	}
	if TLSRank(tls) < TLSRank(p.MinimumTLSVersion) {
		return &PolicyViolation{Rule: "minimumTlsVersion", Field: "config.ViewerCertificate.MinimumProtocolVersion",
			Message: fmt.Sprintf("%s is weaker than the required %s", tls, p.MinimumTLSVersion)}
	}
	out.ViewerCertificate = &ViewerCertificate{ACMCertificateArn: vc.ACMCertificateArn, SSLSupportMethod: method, MinimumProtocolVersion: tls}
	return nil
}

func aliasAllowed(alias string, domains []string) bool {
	bare := strings.TrimPrefix(alias, "*.")
	for _, d := range domains {
		d = strings.ToLower(strings.TrimPrefix(d, "."))
		if bare == d || strings.HasSuffix(bare, "."+d) {
			return true
		}
	}
	return false
}

func planLogging(out *DistributionConfig, c DistributionConfig, in PlanInput, p Policy) error {
	if p.Logging.Bucket == "" {
		if c.Logging != nil && c.Logging.Enabled {
			return &PolicyViolation{Rule: "logging", Field: "config.Logging", Message: "no access-log destination is configured by the platform team"}
		}
		return nil
	}
	if c.Logging != nil && !c.Logging.Enabled {
		return &PolicyViolation{Rule: "logging", Field: "config.Logging.Enabled", Message: "access logging is required"}
	}
	out.Logging = &LoggingConfig{Enabled: true, IncludeCookies: p.Logging.IncludeCookies, Bucket: p.Logging.Bucket,
		Prefix: strings.ReplaceAll(p.Logging.Prefix, "{id}", in.DistributionID)}
	if l := c.Logging; l != nil && ((l.Bucket != "" && l.Bucket != out.Logging.Bucket) ||
		(l.Prefix != "" && l.Prefix != out.Logging.Prefix) || l.IncludeCookies != out.Logging.IncludeCookies) {
		return &PolicyViolation{Rule: "logging", Field: "config.Logging",
			Message: "the access-log bucket, prefix and cookies are set by the platform team; send only Enabled"}
	}
	return nil
}

// ValidHostname reports whether s is a DNS host name (letters, digits, hyphens, dots).
func ValidHostname(s string) bool {
	if s == "" || len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
				return false
			}
		}
	}
	return true
}
