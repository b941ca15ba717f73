package domain

import (
	"fmt"
	"strings"
)

// maxPathPattern is CloudFront's limit on a PathPattern's length.
const maxPathPattern = 255

// pathPatternChars are the characters CloudFront accepts in a PathPattern.
const pathPatternChars = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.*$/~"'@:+&`

// planCacheBehaviors plans the ordered path behaviors: within the policy's maxCacheBehaviors,
// each with a distinct, valid PathPattern and a target among targets, and each under the same
// rules as the default behavior (planBehaviorAt). Nil or empty stays absent.
func planCacheBehaviors(in *CacheBehaviors, targets []string, p Policy) (*CacheBehaviors, error) {
	if in == nil || len(in.Items) == 0 {
		return nil, nil
	}
	v := &ValidationError{}
	if in.Quantity != len(in.Items) {
		v.Add("config.CacheBehaviors.Quantity", "must equal the number of Items (%d)", len(in.Items))
	}
	seen := map[string]bool{}
	for i, b := range in.Items {
		f := fmt.Sprintf("config.CacheBehaviors.Items[%d].PathPattern", i)
		switch pp := b.PathPattern; {
		case pp == "":
			v.Add(f, "is required")
		case len(pp) > maxPathPattern:
			v.Add(f, "must be at most %d characters", maxPathPattern)
		case strings.ContainsFunc(pp, func(r rune) bool { return !strings.ContainsRune(pathPatternChars, r) }):
			v.Add(f, "may hold only letters, digits and %s", pathPatternChars[62:])
		case seen[strings.TrimPrefix(pp, "/")]:
			v.Add(f, "duplicate path pattern %q", pp)
		}
		seen[strings.TrimPrefix(b.PathPattern, "/")] = true
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if len(in.Items) > p.MaxCacheBehaviors {
		return nil, &PolicyViolation{Rule: "maxCacheBehaviors", Field: "config.CacheBehaviors.Items",
			Message: fmt.Sprintf("at most %d path behaviors are allowed, %d given", p.MaxCacheBehaviors, len(in.Items))}
	}
	out := &CacheBehaviors{Quantity: len(in.Items)}
	for i, b := range in.Items {
		f := fmt.Sprintf("config.CacheBehaviors.Items[%d]", i)
		if b.TargetOriginId == "" {
			return nil, Invalid(f+".TargetOriginId", "is required")
		}
		planned, err := planBehaviorAt(f, &b.CacheBehavior, targets, "", p)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, PathCacheBehavior{PathPattern: b.PathPattern, CacheBehavior: *planned})
	}
	return out, nil
}

// planSiteSettings plans the site settings of a config whose origins and default behavior are
// planned: the path behaviors (and, in their own files, the settings that follow them).
func planSiteSettings(out *DistributionConfig, c DistributionConfig, p Policy) error {
	var err error
	if out.Restrictions, err = planRestrictions(c.Restrictions, p); err != nil { // planner_geo_waf.go
		return err
	}
	if out.OriginGroups, err = planOriginGroups(c.OriginGroups, out.Origins, p); err != nil { // planner_origin_groups.go
		return err
	}
	targets := append(originIDs(out.Origins), groupIDs(out.OriginGroups)...)
	if err := checkGroupTargets("config.DefaultCacheBehavior", out.DefaultCacheBehavior, out.OriginGroups); err != nil {
		return err
	}
	if out.CacheBehaviors, err = planCacheBehaviors(c.CacheBehaviors, targets, p); err != nil {
		return err
	}
	if out.Tags, err = planTags(c.Tags, p); err != nil { // planner_tags.go
		return err
	}
	if out.CacheBehaviors != nil {
		for i := range out.CacheBehaviors.Items {
			if err := checkGroupTargets(fmt.Sprintf("config.CacheBehaviors.Items[%d]", i), &out.CacheBehaviors.Items[i].CacheBehavior, out.OriginGroups); err != nil {
				return err
			}
		}
	}
	return planResponseHeaders(out, c, p) // planner_headers.go
}
