package domain

// ResponseHeadersPolicies is a product extension of the config (not a CloudFront field): the
// definitions behind the behaviors' cfm:cors and cfm:custom references. The worker turns each
// reference into a CloudFront ResponseHeadersPolicy (ResponseHeadersSpecs) before it applies
// the config; the applied config holds the policy ids and none of this.
type ResponseHeadersPolicies struct {
	Cors   *CORSPreset            `json:"Cors,omitempty"`
	Custom *CustomResponseHeaders `json:"Custom,omitempty"`
}

// CORSPreset is the CORS preset: the Access-Control-* headers CloudFront answers with.
type CORSPreset struct {
	AllowOrigins     []string `json:"AllowOrigins"`
	AllowMethods     []string `json:"AllowMethods,omitempty"`
	AllowHeaders     []string `json:"AllowHeaders,omitempty"`
	ExposeHeaders    []string `json:"ExposeHeaders,omitempty"`
	AllowCredentials bool     `json:"AllowCredentials,omitempty"`
	MaxAgeSeconds    int      `json:"MaxAgeSeconds,omitempty"`
}

// CustomResponseHeaders is a custom policy: headers added to every response, optionally with
// the platform team's security headers.
type CustomResponseHeaders struct {
	Headers         []ResponseHeader `json:"Headers"`
	SecurityHeaders bool             `json:"SecurityHeaders,omitempty"`
}

// ResponseHeader is one header of a custom policy.
type ResponseHeader struct {
	Header   string `json:"Header"`
	Value    string `json:"Value"`
	Override bool   `json:"Override,omitempty"`
}

// References a behavior's ResponseHeadersPolicyId may hold in the desired config; the worker
// replaces them by the ids of the CloudFront policies it ensures.
const (
	ResponseHeadersSecurityRef = "cfm:security-headers"
	ResponseHeadersCORSRef     = "cfm:cors"
	ResponseHeadersCustomRef   = "cfm:custom"
)

// LambdaURLOACRef is the OriginAccessControlId of a Lambda function URL origin in the desired
// config: the worker replaces it by the id of the product's OAC of origin type lambda.
const LambdaURLOACRef = "cfm:lambda-url"
