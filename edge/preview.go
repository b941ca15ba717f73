package edge

import "github.com/cloudfront-manager/cfm/domain"

// PreviewResult is what POST /api/lambda-edge/preview answers (the seed's shape: functionCode,
// preset, originCount, estimatedSize), plus what a reader needs to deploy it.
type PreviewResult struct {
	FunctionCode  string `json:"functionCode"`
	Preset        string `json:"preset"`
	OriginCount   int    `json:"originCount"`
	EstimatedSize int    `json:"estimatedSize"` // code bytes (CloudFront Functions) or zip bytes (Lambda@Edge)
	SizeLimit     int    `json:"sizeLimit"`
	Target        string `json:"target"`
	Runtime       string `json:"runtime"`
	EventType     string `json:"eventType"`
	// RequiredHeaders must be in the behavior's origin request policy (see ForwardedHeaders).
	RequiredHeaders []string `json:"requiredHeaders"`
}

// Preview generates the code for s without a function name (the preview request has none).
func Preview(s Spec) (PreviewResult, error) {
	fn, err := Generate(s)
	if err != nil {
		return PreviewResult{}, err
	}
	out := PreviewResult{FunctionCode: string(fn.Code), Preset: fn.Preset, OriginCount: fn.OriginCount,
		EstimatedSize: fn.CodeSize, SizeLimit: CloudFrontFunctionMaxCodeBytes, Target: fn.Target,
		Runtime: fn.Runtime, EventType: fn.EventType, RequiredHeaders: ForwardedHeaders(fn.Target)}
	if fn.Target == domain.EdgeTargetLambdaEdge {
		zip, err := PackageLambda(fn)
		if err != nil {
			return PreviewResult{}, err
		}
		out.EstimatedSize, out.SizeLimit = len(zip), zipLimit(fn.EventType)
	}
	return out, nil
}
