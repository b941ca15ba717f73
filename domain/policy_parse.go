package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// ParsePolicy reads a policy document (JSON). Fields it leaves out keep DefaultPolicy's values;
// unknown fields and contradictory values are errors naming the field.
func ParsePolicy(doc []byte) (Policy, error) {
	p := DefaultPolicy()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Policy{}, fmt.Errorf("policy: %w", err)
	}
	return p, p.Validate()
}

// Validate checks that the policy is usable.
func (p Policy) Validate() error {
	v := &ValidationError{}
	nonEmpty := func(field string, list []string, known ...string) {
		if len(list) == 0 {
			v.Add(field, "must list at least one value")
		}
		for _, x := range list {
			if len(known) > 0 && !slices.Contains(known, x) {
				v.Add(field, "unknown value %q", x)
			}
		}
	}
	nonEmpty("viewerProtocolPolicies", p.ViewerProtocolPolicies, ViewerProtocolPolicyValues...)
	nonEmpty("httpVersions", p.HTTPVersions, HTTPVersionValues...)
	nonEmpty("cachePolicyIds", p.CachePolicyIDs)
	nonEmpty("priceClasses", p.PriceClasses, PriceClassValues...)
	if TLSRank(p.MinimumTLSVersion) < 0 {
		v.Add("minimumTlsVersion", "unknown TLS policy %q", p.MinimumTLSVersion)
	}
	for i, d := range p.AllowedAliasDomains {
		if !ValidHostname(d) {
			v.Add(fmt.Sprintf("allowedAliasDomains[%d]", i), "must be a DNS name")
		}
	}
	if p.ManagedOriginUse != OriginUseOwner && p.ManagedOriginUse != OriginUseShared {
		v.Add("managedOriginUse", "must be %q or %q", OriginUseOwner, OriginUseShared)
	}
	if p.MaxOrigins < 1 || p.MaxOrigins > 100 {
		v.Add("maxOrigins", "must be between 1 and 100 (CloudFront's quota)")
	}
	p.validateSites(v)
	return v.OrNil()
}
