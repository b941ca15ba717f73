package domain

// DistributionConfig mirrors CloudFront's DistributionConfig in the JSON shape the seed API
// accepts (PascalCase names, Quantity/Items lists). The planner turns a partial one from a
// request into the complete one that is applied; adapters translate it to the SDK types.
type DistributionConfig struct {
	CallerReference      string         `json:"CallerReference,omitempty"`
	Comment              string         `json:"Comment"`
	Enabled              *bool          `json:"Enabled,omitempty"`
	Aliases              *StringList    `json:"Aliases,omitempty"`
	DefaultRootObject    string         `json:"DefaultRootObject,omitempty"`
	Origins              *Origins       `json:"Origins,omitempty"`
	DefaultCacheBehavior *CacheBehavior `json:"DefaultCacheBehavior,omitempty"`
	// Site settings (cache behaviors, origin groups, restrictions): distribution_config_sites.go.
	CacheBehaviors       *CacheBehaviors       `json:"CacheBehaviors,omitempty"`
	OriginGroups         *OriginGroups         `json:"OriginGroups,omitempty"`
	Restrictions         *Restrictions         `json:"Restrictions,omitempty"`
	ViewerCertificate    *ViewerCertificate    `json:"ViewerCertificate,omitempty"`
	HttpVersion          string                `json:"HttpVersion,omitempty"` //nolint:revive // CloudFront's name
	IsIPV6Enabled        *bool                 `json:"IsIPV6Enabled,omitempty"`
	PriceClass           string                `json:"PriceClass,omitempty"`
	Logging              *LoggingConfig        `json:"Logging,omitempty"`
	WebACLId             string                `json:"WebACLId,omitempty"`
	CustomErrorResponses *CustomErrorResponses `json:"CustomErrorResponses,omitempty"`
	// Product extensions (not CloudFront DistributionConfig fields; distribution_config_headers.go):
	// the definitions behind the cfm:cors and cfm:custom response headers references, and the
	// distribution's tags (applied with TagResource/UntagResource).
	ResponseHeadersPolicies *ResponseHeadersPolicies `json:"ResponseHeadersPolicies,omitempty"`
	Tags                    map[string]string        `json:"Tags,omitempty"`
}

// StringList is CloudFront's {Quantity, Items} list of strings.
type StringList struct {
	Quantity int      `json:"Quantity"`
	Items    []string `json:"Items,omitempty"`
}

// NewStringList builds a StringList with a matching Quantity.
func NewStringList(items ...string) *StringList {
	return &StringList{Quantity: len(items), Items: items}
}

// Origins is CloudFront's {Quantity, Items} list of origins.
type Origins struct {
	Quantity int      `json:"Quantity"`
	Items    []Origin `json:"Items,omitempty"`
}

// Origin is one CloudFront origin.
type Origin struct {
	Id                    string              `json:"Id"` //nolint:revive // CloudFront's name
	DomainName            string              `json:"DomainName"`
	OriginPath            string              `json:"OriginPath,omitempty"`
	OriginAccessControlId string              `json:"OriginAccessControlId,omitempty"` //nolint:revive // CloudFront's name
	S3OriginConfig        *S3OriginConfig     `json:"S3OriginConfig,omitempty"`
	CustomOriginConfig    *CustomOriginConfig `json:"CustomOriginConfig,omitempty"`
	ConnectionAttempts    int                 `json:"ConnectionAttempts,omitempty"`
	ConnectionTimeout     int                 `json:"ConnectionTimeout,omitempty"`
	// CustomHeaders are sent to the origin; their values are secrets (see secrets.go).
	CustomHeaders *CustomHeaders `json:"CustomHeaders,omitempty"`
}

// S3OriginConfig: with OAC the OriginAccessIdentity stays empty (OAI is never used).
type S3OriginConfig struct {
	OriginAccessIdentity string `json:"OriginAccessIdentity"`
}

// CustomOriginConfig describes a non-S3 (HTTP) origin.
type CustomOriginConfig struct {
	HTTPPort             int         `json:"HTTPPort"`
	HTTPSPort            int         `json:"HTTPSPort"`
	OriginProtocolPolicy string      `json:"OriginProtocolPolicy"`
	OriginSslProtocols   *StringList `json:"OriginSslProtocols,omitempty"`
	// OriginReadTimeout and OriginKeepaliveTimeout are in seconds (0 = CloudFront's default).
	OriginReadTimeout      int `json:"OriginReadTimeout,omitempty"`
	OriginKeepaliveTimeout int `json:"OriginKeepaliveTimeout,omitempty"`
}

// CacheBehavior is the default cache behavior, and the body of every path behavior.
type CacheBehavior struct {
	TargetOriginId             string                      `json:"TargetOriginId"` //nolint:revive // CloudFront's name
	ViewerProtocolPolicy       string                      `json:"ViewerProtocolPolicy"`
	AllowedMethods             *AllowedMethods             `json:"AllowedMethods,omitempty"`
	Compress                   *bool                       `json:"Compress,omitempty"`
	CachePolicyId              string                      `json:"CachePolicyId,omitempty"`              //nolint:revive // CloudFront's name
	OriginRequestPolicyId      string                      `json:"OriginRequestPolicyId,omitempty"`      //nolint:revive // CloudFront's name
	ResponseHeadersPolicyId    string                      `json:"ResponseHeadersPolicyId,omitempty"`    //nolint:revive // CloudFront's name
	FunctionAssociations       *FunctionAssociations       `json:"FunctionAssociations,omitempty"`       // CloudFront Functions
	LambdaFunctionAssociations *LambdaFunctionAssociations `json:"LambdaFunctionAssociations,omitempty"` // Lambda@Edge
}

// AllowedMethods lists the HTTP methods CloudFront forwards and caches.
type AllowedMethods struct {
	Quantity      int         `json:"Quantity"`
	Items         []string    `json:"Items"`
	CachedMethods *StringList `json:"CachedMethods,omitempty"`
}

// FunctionAssociations attaches CloudFront Functions to a behavior.
type FunctionAssociations struct {
	Quantity int                   `json:"Quantity"`
	Items    []FunctionAssociation `json:"Items,omitempty"`
}

// FunctionAssociation is one CloudFront Function on one event type.
type FunctionAssociation struct {
	FunctionARN string `json:"FunctionARN"`
	EventType   string `json:"EventType"`
}

// LambdaFunctionAssociations attaches Lambda@Edge functions to a behavior.
type LambdaFunctionAssociations struct {
	Quantity int                         `json:"Quantity"`
	Items    []LambdaFunctionAssociation `json:"Items,omitempty"`
}

// LambdaFunctionAssociation is one numbered Lambda@Edge version on one event type.
type LambdaFunctionAssociation struct {
	LambdaFunctionARN string `json:"LambdaFunctionARN"`
	EventType         string `json:"EventType"`
	IncludeBody       bool   `json:"IncludeBody"`
}

// ViewerCertificate selects the TLS certificate viewers see.
type ViewerCertificate struct {
	CloudFrontDefaultCertificate *bool  `json:"CloudFrontDefaultCertificate,omitempty"`
	ACMCertificateArn            string `json:"ACMCertificateArn,omitempty"`
	SSLSupportMethod             string `json:"SSLSupportMethod,omitempty"`
	MinimumProtocolVersion       string `json:"MinimumProtocolVersion,omitempty"`
}

// LoggingConfig is standard (legacy) access logging to an S3 bucket.
type LoggingConfig struct {
	Enabled        bool   `json:"Enabled"`
	IncludeCookies bool   `json:"IncludeCookies"`
	Bucket         string `json:"Bucket"`
	Prefix         string `json:"Prefix"`
}

// CustomErrorResponses maps origin errors to custom pages.
type CustomErrorResponses struct {
	Quantity int                   `json:"Quantity"`
	Items    []CustomErrorResponse `json:"Items,omitempty"`
}

// CustomErrorResponse is one error code mapping.
type CustomErrorResponse struct {
	ErrorCode          int    `json:"ErrorCode"`
	ResponsePagePath   string `json:"ResponsePagePath,omitempty"`
	ResponseCode       string `json:"ResponseCode,omitempty"`
	ErrorCachingMinTTL int64  `json:"ErrorCachingMinTTL,omitempty"`
}

// Bool returns a pointer to b, for the optional booleans above.
func Bool(b bool) *bool { return &b }

// BoolValue reads an optional boolean with a default.
func BoolValue(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}
