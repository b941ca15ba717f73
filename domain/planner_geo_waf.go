package domain

import (
	"fmt"
	"regexp"
	"slices"
)

var (
	// webACLARN is a WAFv2 web ACL with scope CLOUDFRONT (global, in us-east-1).
	webACLARN   = regexp.MustCompile(`^arn:aws:wafv2:us-east-1:\d{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[a-f0-9-]{36}$`)
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
	geoTypes    = []string{"none", "whitelist", "blacklist"}
)

// planWebACL applies requiredWebAclId: absent means the required ACL, another one is refused.
// Without the guardrail a request may name any WAFv2 global web ACL, or none.
func planWebACL(id string, p Policy) (string, error) {
	if id != "" && !webACLARN.MatchString(id) {
		return "", Invalid("config.WebACLId", "must be a WAFv2 web ACL ARN with scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)")
	}
	if p.RequiredWebACLID == "" {
		return id, nil
	}
	if id != "" && id != p.RequiredWebACLID {
		return "", &PolicyViolation{Rule: "requiredWebAclId", Field: "config.WebACLId",
			Message: fmt.Sprintf("every distribution uses the web ACL %s", p.RequiredWebACLID)}
	}
	return p.RequiredWebACLID, nil
}

// planRestrictions plans the geo restriction: an allow (whitelist) or deny (blacklist) list of
// ISO 3166-1 alpha-2 codes, under allowGeoRestriction. "none" or absent restricts nothing and
// is written as absent.
func planRestrictions(r *Restrictions, p Policy) (*Restrictions, error) {
	if r == nil || r.GeoRestriction.RestrictionType == "" || r.GeoRestriction.RestrictionType == "none" && len(r.GeoRestriction.Items) == 0 {
		return nil, nil
	}
	g := r.GeoRestriction
	v := &ValidationError{}
	const f = "config.Restrictions.GeoRestriction"
	if !slices.Contains(geoTypes, g.RestrictionType) {
		v.Add(f+".RestrictionType", "must be none, whitelist (allow list) or blacklist (deny list)")
	}
	if g.RestrictionType == "none" && len(g.Items) > 0 {
		v.Add(f+".Items", "must be empty when RestrictionType is none")
	}
	if g.RestrictionType != "none" && len(g.Items) == 0 {
		v.Add(f+".Items", "must list at least one country")
	}
	if g.Quantity != len(g.Items) {
		v.Add(f+".Quantity", "must equal the number of Items (%d)", len(g.Items))
	}
	for i, c := range g.Items {
		if !countryCode.MatchString(c) {
			v.Add(fmt.Sprintf("%s.Items[%d]", f, i), "must be an ISO 3166-1 alpha-2 country code such as DE")
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if !p.AllowGeoRestriction {
		return nil, &PolicyViolation{Rule: "allowGeoRestriction", Field: f, Message: "geo restriction is not allowed by the platform team"}
	}
	items := slices.Clone(g.Items)
	slices.Sort(items)
	items = slices.Compact(items)
	return &Restrictions{GeoRestriction: GeoRestriction{RestrictionType: g.RestrictionType, Quantity: len(items), Items: items}}, nil
}
