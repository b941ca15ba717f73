package httpapi

import (
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// enumField is one string property whose values the code defines: schema, then the property
// path under it (through "properties").
type enumField struct {
	schema string
	path   []string
	values func() []string
}

func presetNames() []string {
	var names []string
	for _, p := range edge.Presets() {
		names = append(names, p.Name)
	}
	return names
}

func fixed(values []string) func() []string { return func() []string { return values } }

// enumFields is the table of enums the assembled document takes from the code, so the document
// refuses exactly what the server refuses with a 400 (a value the guardrail policy does not
// allow is a 422: that is a rule, not a shape).
var enumFields = []enumField{
	{"DistributionConfig", []string{"PriceClass"}, fixed(domain.PriceClassValues)},
	{"DistributionConfig", []string{"HttpVersion"}, fixed(domain.HTTPVersionValues)},
	{"DistributionConfig", []string{"DefaultCacheBehavior", "ViewerProtocolPolicy"}, fixed(domain.ViewerProtocolPolicyValues)},
	{"DistributionConfig", []string{"ViewerCertificate", "SSLSupportMethod"}, fixed(domain.SSLSupportMethodValues)},
	{"DistributionConfig", []string{"ViewerCertificate", "MinimumProtocolVersion"}, domain.TLSPolicyValues},
	{"PathCacheBehavior", []string{"ViewerProtocolPolicy"}, fixed(domain.ViewerProtocolPolicyValues)},
	{"MultiOriginConfig", []string{"preset"}, presetNames},
	{"EdgeFunctionRequest", []string{"preset"}, presetNames},
	{"EdgeFunctionPreviewRequest", []string{"preset"}, presetNames},
	{"EdgeFunctionSummary", []string{"preset"}, presetNames},
	{"EdgeFunctionPreview", []string{"preset"}, presetNames},
	{"EdgePreset", []string{"name"}, presetNames},
}

// fillEnums writes enumFields into the component schemas; a path the fragments do not define
// is a build defect (the document test fails on the missing enum).
func fillEnums(schemas map[string]any) {
	for _, f := range enumFields {
		s := asMap(schemas[f.schema])
		for _, p := range f.path {
			s = asMap(asMap(s["properties"])[p])
		}
		if s == nil {
			continue
		}
		values := []any{}
		for _, v := range f.values() {
			values = append(values, v)
		}
		s["enum"] = values
	}
}
