package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/cloudfront-manager/cfm/domain"
)

// maxPolicyBytes keeps CFM_POLICY well inside Lambda's 4 KB limit for all environment variables.
const maxPolicyBytes = 2560

// loadPolicy reads the guardrail policy file, decodes it strictly into domain.Policy (a typo'd
// key fails the synth instead of silently loosening a guardrail), applies the allowedAliasDomains
// context when given, requires origin buckets to carry the resource prefix, and returns the compact JSON the functions receive as CFM_POLICY.
func loadPolicy(path string, aliasDomains []string, resourcePrefix string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("policyFile: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var p domain.Policy
	if err := dec.Decode(&p); err != nil {
		return "", fmt.Errorf("policyFile %s: %w", path, err)
	}
	if len(aliasDomains) > 0 {
		p.AllowedAliasDomains = aliasDomains
	}
	if resourcePrefix != "" {
		// The worker's S3 permissions reach only <prefix>-* buckets: refuse others at the API.
		p.OriginBucketPrefix = resourcePrefix + "-"
	}
	switch {
	case len(p.ViewerProtocolPolicies) == 0, len(p.HTTPVersions) == 0, len(p.CachePolicyIDs) == 0, len(p.PriceClasses) == 0:
		return "", fmt.Errorf("policyFile %s: viewerProtocolPolicies, httpVersions, cachePolicyIds and priceClasses need at least one value (the first is the default)", path)
	case domain.TLSRank(p.MinimumTLSVersion) < 0:
		return "", fmt.Errorf("policyFile %s: unknown minimumTlsVersion %q", path, p.MinimumTLSVersion)
	case p.MaxOrigins < 1:
		return "", fmt.Errorf("policyFile %s: maxOrigins must be at least 1", path)
	}
	out, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode policy: %w", err)
	}
	if len(out) > maxPolicyBytes {
		return "", fmt.Errorf("policy is %d bytes; CFM_POLICY allows at most %d (Lambda's environment limit is 4 KB)", len(out), maxPolicyBytes)
	}
	return string(out), nil
}
