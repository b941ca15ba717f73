package domain

import (
	"fmt"
	"regexp"
	"strings"
)

// Placeholders in a planned multi-origin config. The API cannot call the cloud, so the plan
// names the product's origin request policy and the routing function by these markers; the
// worker ensures both (idempotently) right before CreateDistribution and replaces the markers
// with ResolveEdgePlaceholders. A config that still holds one is never sent to CloudFront.
const (
	PendingOriginRequestPolicyID = "cfm:pending:viewer-location-origin-request-policy"
	PendingEdgeFunctionARN       = "cfm:pending:edge-function"
)

// Trigger events the planner attaches the routing function to (edge.Generate produces code for
// exactly these).
const (
	EdgeEventViewerRequest = "viewer-request" // CloudFront Functions
	EdgeEventOriginRequest = "origin-request" // Lambda@Edge
)

// managedOriginID is the shape of a managed origin id in a multi-origin request.
var managedOriginID = regexp.MustCompile(`^` + PrefixOrigin + `[A-Za-z0-9._-]{1,120}$`)

// MultiOriginPlanInput is what the multi-origin planner needs besides the policy.
type MultiOriginPlanInput struct {
	Request DistributionRequest
	// CallerReference is the operation id of the create (stable across retries).
	CallerReference string
	// DistributionID fills "{id}" in the logging prefix.
	DistributionID string
	// Origins are the resolved managed origins: the default first, then the additional ones in
	// request order.
	Origins []ManagedOrigin
}

// MultiOriginTarget returns the request's routing target, CloudFront Functions by default.
func MultiOriginTarget(c *MultiOriginConfig) string {
	if c == nil || c.Target == "" {
		return EdgeTargetCloudFrontFunction
	}
	return c.Target
}

// MultiOriginFields names the request field of origin i (0 = the default origin).
func MultiOriginFields(i int) string {
	if i == 0 {
		return "multiOriginConfig.defaultOriginId"
	}
	return fmt.Sprintf("multiOriginConfig.additionalOriginIds[%d]", i-1)
}

// ValidateMultiOriginRequest checks the shape of a multi-origin request before its origins are
// resolved: the name, the origin ids (present, well-formed, distinct, within the policy's
// count), the target, and that nothing the product sets itself was given. Bad input is a
// *ValidationError naming every offending field.
func ValidateMultiOriginRequest(req DistributionRequest, p Policy) error {
	v := &ValidationError{}
	validateName(v, "name", req.Name)
	if !req.IsMultiOrigin {
		v.Add("isMultiOrigin", "must be true when multiOriginConfig is given")
	}
	mc := req.MultiOriginConfig
	if mc == nil {
		v.Add("multiOriginConfig", "is required for a multi-origin distribution")
		return v
	}
	ids := append([]string{mc.DefaultOriginID}, mc.AdditionalOriginIDs...)
	seen := map[string]string{}
	for i, id := range ids {
		f := MultiOriginFields(i)
		switch {
		case id == "":
			v.Add(f, "is required")
		case !managedOriginID.MatchString(id):
			v.Add(f, "must be a managed origin id such as origin-0123456789abcdef")
		case seen[id] != "":
			v.Add(f, "duplicates %s", seen[id])
		default:
			seen[id] = f
		}
	}
	if len(mc.AdditionalOriginIDs) == 0 {
		v.Add("multiOriginConfig.additionalOriginIds", "needs at least one origin besides the default")
	}
	if p.MaxOrigins > 0 && len(ids) > p.MaxOrigins {
		v.Add("multiOriginConfig.additionalOriginIds", "at most %d origins in total are allowed", p.MaxOrigins)
	}
	switch mc.Target {
	case "", EdgeTargetCloudFrontFunction, EdgeTargetLambdaEdge:
	default:
		v.Add("multiOriginConfig.target", "must be %q or %q", EdgeTargetCloudFrontFunction, EdgeTargetLambdaEdge)
	}
	c := req.Config
	if len(c.Comment) > 128 {
		v.Add("config.Comment", "must be at most 128 characters")
	}
	if c.Origins != nil {
		v.Add("config.Origins", "must be empty: a multi-origin distribution gets one origin per managed origin in multiOriginConfig")
	}
	if b := c.DefaultCacheBehavior; b != nil {
		if b.TargetOriginId != "" && b.TargetOriginId != mc.DefaultOriginID {
			v.Add("config.DefaultCacheBehavior.TargetOriginId", "must be empty or the default origin %q", mc.DefaultOriginID)
		}
		if b.OriginRequestPolicyId != "" {
			v.Add("config.DefaultCacheBehavior.OriginRequestPolicyId", "is set by the product: it forwards the viewer-location headers the routing function needs")
		}
	}
	return v.OrNil()
}

// PlanMultiOriginDistribution plans a multi-origin distribution: one S3 origin per managed
// origin (Id = the managed origin id, the bucket's regional REST endpoint), the default
// behavior targeting the default origin, the product's origin request policy, and the routing
// function association. The guardrails of PlanDistribution apply unchanged.
//
//   - cloudfront-function: every origin keeps its own OAC, because the function switches origins
//     with cf.selectRequestOriginById; the function runs on viewer-request.
//   - lambda-edge: no origin has an OAC (the function signs its S3 request with the edge role,
//     and an OAC would replace that signature); the function runs on origin-request. A policy
//     that requires OAC therefore forbids this target.
//
// The policy id and the function ARN are the Pending… placeholders until the worker resolves
// them (ResolveEdgePlaceholders).
func PlanMultiOriginDistribution(in MultiOriginPlanInput, p Policy) (DistributionConfig, error) {
	req := in.Request
	if err := ValidateMultiOriginRequest(req, p); err != nil {
		return DistributionConfig{}, err
	}
	mc := req.MultiOriginConfig
	want := 1 + len(mc.AdditionalOriginIDs)
	if len(in.Origins) != want {
		return DistributionConfig{}, fmt.Errorf("plan multi-origin distribution: %d origins resolved for %d ids", len(in.Origins), want)
	}
	target := MultiOriginTarget(mc)
	if target == EdgeTargetLambdaEdge && p.RequireOAC {
		return DistributionConfig{}, &PolicyViolation{Rule: "requireOac", Field: "multiOriginConfig.target",
			Message: "a lambda-edge routing function reaches the buckets with its own signature, not through Origin Access Control; use cloudfront-function"}
	}
	v := &ValidationError{}
	validateServiceFields(v, req.Config, PlanInput{CallerReference: in.CallerReference})
	origins := &Origins{Quantity: len(in.Origins)}
	for i, m := range in.Origins {
		id := mc.DefaultOriginID
		if i > 0 {
			id = mc.AdditionalOriginIDs[i-1]
		}
		if m.ID != id {
			return DistributionConfig{}, fmt.Errorf("plan multi-origin distribution: origin %d is %s, want %s", i, m.ID, id)
		}
		if m.Status != OriginActive {
			v.Add(MultiOriginFields(i), "origin %s is %s; it must be Active", m.ID, m.Status)
		}
		o := Origin{Id: m.ID, DomainName: m.RegionalDomain(), S3OriginConfig: &S3OriginConfig{},
			ConnectionAttempts: DefaultConnectionAttempts, ConnectionTimeout: DefaultConnectionTimeout}
		if target == EdgeTargetCloudFrontFunction {
			if m.OACID == "" {
				v.Add(MultiOriginFields(i), "origin %s has no origin access control", m.ID)
			}
			o.OriginAccessControlId = m.OACID
		}
		origins.Items = append(origins.Items, o)
	}
	if err := v.OrNil(); err != nil {
		return DistributionConfig{}, err
	}
	c := req.Config
	out := DistributionConfig{
		CallerReference:   in.CallerReference,
		Comment:           firstNonEmpty(c.Comment, req.Name),
		Enabled:           Bool(BoolValue(c.Enabled, true)),
		DefaultRootObject: c.DefaultRootObject,
		Origins:           origins,
	}
	if len(out.Comment) > 128 {
		out.Comment = out.Comment[:128]
	}
	b := CacheBehavior{}
	if c.DefaultCacheBehavior != nil {
		b = *c.DefaultCacheBehavior
	}
	b.TargetOriginId = mc.DefaultOriginID
	behavior, err := planBehavior(&b, origins, p)
	if err != nil {
		return DistributionConfig{}, err
	}
	behavior.OriginRequestPolicyId = PendingOriginRequestPolicyID
	if target == EdgeTargetLambdaEdge {
		behavior.LambdaFunctionAssociations = &LambdaFunctionAssociations{Quantity: 1, Items: []LambdaFunctionAssociation{
			{LambdaFunctionARN: PendingEdgeFunctionARN, EventType: EdgeEventOriginRequest}}}
	} else {
		behavior.FunctionAssociations = &FunctionAssociations{Quantity: 1, Items: []FunctionAssociation{
			{FunctionARN: PendingEdgeFunctionARN, EventType: EdgeEventViewerRequest}}}
	}
	out.DefaultCacheBehavior = behavior
	if err := planSiteSettings(&out, c, p); err != nil { // planner_behaviors.go
		return DistributionConfig{}, err
	}
	plan := PlanInput{Request: req, CallerReference: in.CallerReference, DistributionID: in.DistributionID}
	if err := applyEdgeSettings(&out, c, plan, p); err != nil {
		return DistributionConfig{}, err
	}
	return out, nil
}

// HasPendingEdgeSettings reports whether cfg still holds a placeholder.
func HasPendingEdgeSettings(cfg DistributionConfig) bool {
	b := cfg.DefaultCacheBehavior
	if b == nil {
		return false
	}
	if b.OriginRequestPolicyId == PendingOriginRequestPolicyID {
		return true
	}
	if b.FunctionAssociations != nil {
		for _, f := range b.FunctionAssociations.Items {
			if f.FunctionARN == PendingEdgeFunctionARN {
				return true
			}
		}
	}
	if b.LambdaFunctionAssociations != nil {
		for _, l := range b.LambdaFunctionAssociations.Items {
			if l.LambdaFunctionARN == PendingEdgeFunctionARN {
				return true
			}
		}
	}
	return false
}

// ResolveEdgePlaceholders returns cfg with the placeholders replaced by the ensured origin
// request policy id and the function ARN (a CloudFront Function ARN, or a NUMBERED Lambda
// version ARN). cfg itself is not changed.
func ResolveEdgePlaceholders(cfg DistributionConfig, policyID, functionARN string) (DistributionConfig, error) {
	if policyID == "" || functionARN == "" || strings.HasPrefix(policyID, "cfm:pending:") || strings.HasPrefix(functionARN, "cfm:pending:") {
		return DistributionConfig{}, fmt.Errorf("resolve edge settings: policy id %q and function ARN %q must both be real", policyID, functionARN)
	}
	if cfg.DefaultCacheBehavior == nil {
		return DistributionConfig{}, fmt.Errorf("resolve edge settings: the config has no default cache behavior")
	}
	b := *cfg.DefaultCacheBehavior
	if b.OriginRequestPolicyId == PendingOriginRequestPolicyID {
		b.OriginRequestPolicyId = policyID
	}
	if b.FunctionAssociations != nil {
		fa := *b.FunctionAssociations
		fa.Items = append([]FunctionAssociation(nil), fa.Items...)
		for i := range fa.Items {
			if fa.Items[i].FunctionARN == PendingEdgeFunctionARN {
				fa.Items[i].FunctionARN = functionARN
			}
		}
		b.FunctionAssociations = &fa
	}
	if b.LambdaFunctionAssociations != nil {
		la := *b.LambdaFunctionAssociations
		la.Items = append([]LambdaFunctionAssociation(nil), la.Items...)
		for i := range la.Items {
			if la.Items[i].LambdaFunctionARN == PendingEdgeFunctionARN {
				la.Items[i].LambdaFunctionARN = functionARN
			}
		}
		b.LambdaFunctionAssociations = &la
	}
	cfg.DefaultCacheBehavior = &b
	return cfg, nil
}
