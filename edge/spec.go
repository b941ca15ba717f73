package edge

import (
	"fmt"
	"regexp"

	"github.com/cloudfront-manager/cfm/domain"
)

// Spec is what a caller asks for: a routing function over a set of S3 origins.
type Spec struct {
	// Name becomes the Lambda or CloudFront function name; it never enters the generated code.
	Name string `json:"name"`
	// Target is domain.EdgeTargetCloudFrontFunction (the default when empty) or
	// domain.EdgeTargetLambdaEdge.
	Target string `json:"target,omitempty"`
	// Preset is one of Presets(); empty means DefaultPreset.
	Preset  string                `json:"preset,omitempty"`
	Origins domain.RoutingOrigins `json:"origins"`
}

var (
	// originIDChars is deliberately stricter than CloudFront's origin Id: it is also the value
	// passed to cf.selectRequestOriginById, so it must need no escaping anywhere.
	originIDChars = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
	// functionNameChars satisfies both Lambda (64, [A-Za-z0-9-_]) and CloudFront Functions names.
	functionNameChars = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

// Validate checks the whole spec, including the function name.
func Validate(s Spec) error {
	v := &domain.ValidationError{}
	if !functionNameChars.MatchString(s.Name) {
		v.Add("name", "must be 1 to 64 letters, digits, hyphens or underscores")
	}
	validateRouting(v, s)
	return v.OrNil()
}

// validateRouting checks everything that influences the generated code.
func validateRouting(v *domain.ValidationError, s Spec) {
	switch s.Target {
	case "", domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge:
	default:
		v.Add("target", "must be %q or %q", domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge)
	}
	preset, ok := lookupPreset(presetName(s))
	if !ok {
		v.Add("preset", "unknown preset %.40q (known: %s)", s.Preset, presetNames())
	}
	all := s.Origins.All()
	if len(all) > MaxOrigins {
		v.Add("origins.additional", "at most %d origins in total, got %d", MaxOrigins, len(all))
		return
	}
	fields := make([]string, len(all))
	ids, regs := map[string]string{}, map[string]string{}
	for i, o := range all {
		f := "origins.default"
		if i > 0 {
			f = fmt.Sprintf("origins.additional[%d]", i-1)
		}
		fields[i] = f
		validateOrigin(v, f, o, ids, regs)
	}
	if ok {
		checkPreset(v, preset, all, fields)
	}
}

func validateOrigin(v *domain.ValidationError, f string, o domain.RoutingOrigin, ids, regs map[string]string) {
	switch {
	case !originIDChars.MatchString(o.OriginID):
		v.Add(f+".originId", "must be 1 to 128 letters, digits, dots, hyphens or underscores, starting with a letter or digit")
	case ids[o.OriginID] != "":
		v.Add(f+".originId", "duplicates %s.originId", ids[o.OriginID])
	default:
		ids[o.OriginID] = f
	}
	if why := domain.ValidBucketName(o.BucketName); why != "" {
		v.Add(f+".bucketName", "%s", why)
	}
	switch {
	case !KnownRegion(o.Region):
		v.Add(f+".region", "unknown commercial AWS region %.40q", o.Region)
	case regs[o.Region] != "":
		v.Add(f+".region", "%s is already used by %s; a second origin there would never be chosen", o.Region, regs[o.Region])
	default:
		regs[o.Region] = f
	}
}

func presetName(s Spec) string {
	if s.Preset == "" {
		return DefaultPreset
	}
	return s.Preset
}

func targetName(s Spec) string {
	if s.Target == "" {
		return domain.EdgeTargetCloudFrontFunction
	}
	return s.Target
}

func presetNames() string {
	s := ""
	for i, p := range presets {
		if i > 0 {
			s += ", "
		}
		s += p.Name
	}
	return s
}
