package domain

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Tag limits (CloudFront's) and the keys the product or AWS owns.
const (
	maxTagKey   = 128
	maxTagValue = 256
	// ManagedByTag marks every distribution this product created; the worker's IAM policy
	// reaches only distributions carrying it, so no request may set or remove it.
	ManagedByTag = "ManagedBy"
	// ProductTagPrefix starts the other tags the product sets (cfm:distribution, cfm:owner).
	ProductTagPrefix = "cfm:"
)

var tagChars = regexp.MustCompile(`^[A-Za-z0-9 _.:/=+@-]*$`)

// IsProductTag reports whether key is the product's (ManagedBy, cfm:…) or AWS's (aws:…):
// requests cannot set it, and drift and the API leave it out.
func IsProductTag(key string) bool {
	return key == ManagedByTag || strings.HasPrefix(key, ProductTagPrefix) || strings.HasPrefix(strings.ToLower(key), "aws:")
}

// validTagKey returns why key is not a tag key a request may use ("" when it is).
func validTagKey(k string) string {
	switch {
	case k == "" || len(k) > maxTagKey || !tagChars.MatchString(k):
		return fmt.Sprintf("must be 1-%d letters, digits, spaces and _ . : / = + - @", maxTagKey)
	case IsProductTag(k):
		return "is set by the product (ManagedBy, cfm:…) or AWS (aws:…); choose another key"
	}
	return ""
}

// planTags validates config.Tags and applies requiredTags: every required key present, with
// one of its allowed values. Empty stays absent.
func planTags(in map[string]string, p Policy) (map[string]string, error) {
	v := &ValidationError{}
	if len(in) > maxTagsPerDistributionForRequest {
		v.Add("config.Tags", "at most %d tags", maxTagsPerDistributionForRequest)
	}
	for _, k := range slices.Sorted(maps.Keys(in)) {
		if err := validTagKey(k); err != "" {
			v.Add("config.Tags."+k, "%s", err)
			continue
		}
		if val := in[k]; len(val) > maxTagValue || !tagChars.MatchString(val) {
			v.Add("config.Tags."+k, "must be at most %d letters, digits, spaces and _ . : / = + - @", maxTagValue)
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(p.RequiredTags)) {
		allowedValues := p.RequiredTags[k]
		val, ok := in[k]
		switch {
		case !ok || val == "":
			msg := fmt.Sprintf("tag %q is required by the platform team", k)
			if len(allowedValues) > 0 {
				msg += "; allowed values: " + strings.Join(allowedValues, ", ")
			}
			return nil, &PolicyViolation{Rule: "requiredTags", Field: "config.Tags." + k, Message: msg}
		case len(allowedValues) > 0 && !slices.Contains(allowedValues, val):
			return nil, &PolicyViolation{Rule: "requiredTags", Field: "config.Tags." + k,
				Message: fmt.Sprintf("%q is not an allowed value of tag %q; allowed: %s", val, k, strings.Join(allowedValues, ", "))}
		}
	}
	if len(in) == 0 {
		return nil, nil
	}
	return maps.Clone(in), nil
}

// UserTags returns the tags of a resource a request may see and set (no product or AWS keys).
func UserTags(all map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if !IsProductTag(k) {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
