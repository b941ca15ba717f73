package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// DistributionRequest is what a caller asks for: the seed's create/update body.
type DistributionRequest struct {
	Name              string             `json:"name"`
	IsMultiOrigin     bool               `json:"isMultiOrigin"`
	MultiOriginConfig *MultiOriginConfig `json:"multiOriginConfig,omitempty"`
	Config            DistributionConfig `json:"config"`
}

// PlanInput is everything the planner needs besides the policy.
type PlanInput struct {
	Request DistributionRequest
	// CallerReference is the operation id of the create (stable across retries).
	CallerReference string
	// ManagedOrigins are the product's origins, by bucket name, for OAC and regional domains.
	ManagedOrigins map[string]ManagedOrigin
	// DistributionID fills "{id}" in the logging prefix.
	DistributionID string
}

// PlanDistribution validates a single-origin request and applies the policy, returning the
// complete DistributionConfig to apply. Bad input is a *ValidationError (400); input the
// policy forbids is a *PolicyViolation (422).
func PlanDistribution(in PlanInput, p Policy) (DistributionConfig, error) {
	req := in.Request
	v := &ValidationError{}
	validateName(v, "name", req.Name)
	c := req.Config
	if len(c.Comment) > 128 {
		v.Add("config.Comment", "must be at most 128 characters")
	}
	validateOrigins(v, c.Origins, p)
	validateServiceFields(v, c, in)
	if err := v.OrNil(); err != nil {
		return DistributionConfig{}, err
	}
	out := DistributionConfig{
		CallerReference:   in.CallerReference,
		Comment:           firstNonEmpty(c.Comment, req.Name),
		Enabled:           Bool(BoolValue(c.Enabled, true)),
		DefaultRootObject: c.DefaultRootObject,
	}
	if len(out.Comment) > 128 {
		out.Comment = out.Comment[:128]
	}
	origins, err := planOrigins(c.Origins, in.ManagedOrigins, p)
	if err != nil {
		return DistributionConfig{}, err
	}
	out.Origins = origins
	// The default behavior may target an origin group (checked in planSiteSettings).
	targets := append(originIDs(origins), groupIDs(c.OriginGroups)...)
	if out.DefaultCacheBehavior, err = planBehaviorAt("config.DefaultCacheBehavior", c.DefaultCacheBehavior, targets, origins.Items[0].Id, p); err != nil {
		return DistributionConfig{}, err
	}
	if err := planSiteSettings(&out, c, p); err != nil { // planner_behaviors.go
		return DistributionConfig{}, err
	}
	if err := applyEdgeSettings(&out, c, in, p); err != nil {
		return DistributionConfig{}, err
	}
	return out, nil
}

func validateName(v *ValidationError, field, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		v.Add(field, "is required")
	case len([]rune(name)) > 128:
		v.Add(field, "must be at most 128 characters")
	case strings.ContainsFunc(name, unicode.IsControl):
		v.Add(field, "must not contain control characters")
	}
}

func validateOrigins(v *ValidationError, o *Origins, p Policy) {
	if o == nil || len(o.Items) == 0 {
		v.Add("config.Origins", "at least one origin is required")
		return
	}
	if o.Quantity != len(o.Items) {
		v.Add("config.Origins.Quantity", "must equal the number of Items (%d)", len(o.Items))
	}
	if p.MaxOrigins > 0 && len(o.Items) > p.MaxOrigins {
		v.Add("config.Origins.Items", "at most %d origins are allowed", p.MaxOrigins)
	}
	seen := map[string]bool{}
	for i, it := range o.Items {
		f := fmt.Sprintf("config.Origins.Items[%d]", i)
		switch {
		case it.Id == "" || len(it.Id) > 128:
			v.Add(f+".Id", "is required and must be at most 128 characters")
		case seen[it.Id]:
			v.Add(f+".Id", "duplicate origin id %q", it.Id)
		}
		seen[it.Id] = true
		if it.CustomOriginConfig != nil {
			validateCustomOrigin(v, f, it) // planner_custom_origins.go
		} else if _, _, ok := ParseS3Domain(it.DomainName); !ok {
			v.Add(f+".DomainName", "must be an S3 REST endpoint such as bucket.s3.us-east-1.amazonaws.com, or give a CustomOriginConfig")
		}
		if it.OriginPath != "" && (!strings.HasPrefix(it.OriginPath, "/") || strings.HasSuffix(it.OriginPath, "/")) {
			v.Add(f+".OriginPath", "must begin with / and not end with /")
		}
		if it.CustomHeaders != nil {
			validateCustomHeaders(v, f+".CustomHeaders", it.CustomHeaders)
		}
		validateConnection(v, f, it)
	}
}

func planOrigins(o *Origins, managed map[string]ManagedOrigin, p Policy) (*Origins, error) {
	out := &Origins{Quantity: len(o.Items)}
	for i, it := range o.Items {
		f := fmt.Sprintf("config.Origins.Items[%d]", i)
		if it.CustomOriginConfig != nil {
			planned, err := planCustomOrigin(f, it, p)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, planned)
			continue
		}
		if it.S3OriginConfig != nil && it.S3OriginConfig.OriginAccessIdentity != "" {
			return nil, &PolicyViolation{Rule: "requireOac", Field: f + ".S3OriginConfig.OriginAccessIdentity",
				Message: "origin access identities (OAI) are not allowed; S3 origins use Origin Access Control"}
		}
		bucket, _, _ := ParseS3Domain(it.DomainName)
		planned := Origin{
			Id: it.Id, DomainName: strings.ToLower(it.DomainName), OriginPath: it.OriginPath,
			S3OriginConfig: &S3OriginConfig{OriginAccessIdentity: ""}, CustomHeaders: it.CustomHeaders,
		}
		planned.ConnectionAttempts, planned.ConnectionTimeout = connectionSettings(it)
		if m, ok := managed[bucket]; ok {
			planned.DomainName = m.RegionalDomain()
			planned.OriginAccessControlId = m.OACID
		} else if p.RequireOAC {
			return nil, &PolicyViolation{Rule: "requireOac", Field: f + ".DomainName",
				Message: fmt.Sprintf("bucket %q is not a managed origin, so it would have no Origin Access Control; adopt it with POST /api/origins {\"bucketName\": %q, \"adopt\": true} (or create a new origin there) and use that origin", bucket, bucket)}
		} else if it.OriginAccessControlId != "" {
			return nil, Invalid(f+".OriginAccessControlId", "only a managed origin (POST /api/origins) has an origin access control; leave it empty")
		}
		out.Items = append(out.Items, planned)
	}
	return out, nil
}

func planBehavior(b *CacheBehavior, origins *Origins, p Policy) (*CacheBehavior, error) {
	return planBehaviorAt("config.DefaultCacheBehavior", b, originIDs(origins), origins.Items[0].Id, p)
}

// planBehaviorAt applies the policy to one behavior (the default one or a path behavior at
// field): its target must be one of targets (origin and origin group ids), and the viewer
// protocol, cache policy, compression and method rules are the same for every behavior.
func planBehaviorAt(field string, b *CacheBehavior, targets []string, defaultTarget string, p Policy) (*CacheBehavior, error) {
	in := CacheBehavior{}
	if b != nil {
		in = *b
	}
	out := &CacheBehavior{
		TargetOriginId:          firstNonEmpty(in.TargetOriginId, defaultTarget),
		ResponseHeadersPolicyId: in.ResponseHeadersPolicyId,
		OriginRequestPolicyId:   in.OriginRequestPolicyId,
		AllowedMethods:          in.AllowedMethods,
	}
	if !slices.Contains(targets, out.TargetOriginId) {
		return nil, Invalid(field+".TargetOriginId", "must name one of the origins or origin groups")
	}
	if err := knownValue(field+".ViewerProtocolPolicy", in.ViewerProtocolPolicy, ViewerProtocolPolicyValues); err != nil {
		return nil, err
	}
	var err error
	if out.ViewerProtocolPolicy, err = allowed("viewerProtocolPolicies", field+".ViewerProtocolPolicy",
		in.ViewerProtocolPolicy, p.ViewerProtocolPolicies); err != nil {
		return nil, err
	}
	if out.CachePolicyId, err = allowed("cachePolicyIds", field+".CachePolicyId",
		in.CachePolicyId, p.CachePolicyIDs); err != nil {
		return nil, err
	}
	if in.Compress != nil && !*in.Compress && p.RequireCompression {
		return nil, &PolicyViolation{Rule: "requireCompression", Field: field + ".Compress",
			Message: "compression must stay on"}
	}
	out.Compress = Bool(BoolValue(in.Compress, true))
	if out.AllowedMethods == nil {
		out.AllowedMethods = &AllowedMethods{Quantity: 2, Items: []string{"GET", "HEAD"},
			CachedMethods: NewStringList("GET", "HEAD")}
	} else if err := validateMethods(field, out.AllowedMethods); err != nil {
		return nil, err
	}
	if in.FunctionAssociations != nil || in.LambdaFunctionAssociations != nil {
		return nil, &PolicyViolation{Rule: "edgeFunctions", Field: field,
			Message: "edge functions are attached by the product (multi-origin), not by request"}
	}
	return out, nil
}

// originIDs lists the ids of the planned origins.
func originIDs(origins *Origins) []string {
	var ids []string
	for _, o := range origins.Items {
		ids = append(ids, o.Id)
	}
	return ids
}

var methodSets = [][]string{
	{"GET", "HEAD"},
	{"GET", "HEAD", "OPTIONS"},
	{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"},
}

func validateMethods(field string, m *AllowedMethods) error {
	items := slices.Clone(m.Items)
	for _, set := range methodSets {
		if len(items) == len(set) && !slices.ContainsFunc(items, func(s string) bool { return !slices.Contains(set, s) }) {
			m.Quantity = len(items)
			if m.CachedMethods == nil {
				m.CachedMethods = NewStringList("GET", "HEAD")
			}
			return nil
		}
	}
	return Invalid(field+".AllowedMethods.Items",
		"must be GET,HEAD or GET,HEAD,OPTIONS or all seven methods")
}

// allowed returns value when the policy allows it, the policy default when value is empty.
func allowed(rule, field, value string, options []string) (string, error) {
	if value == "" {
		if len(options) == 0 {
			return "", nil
		}
		return options[0], nil
	}
	if len(options) > 0 && !slices.Contains(options, value) {
		return "", &PolicyViolation{Rule: rule, Field: field,
			Message: fmt.Sprintf("%q is not allowed; allowed: %s", value, strings.Join(options, ", "))}
	}
	return value, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
