package domain

// CacheBehaviors is CloudFront's ordered {Quantity, Items} list of path behaviors: the first
// whose PathPattern matches a request wins, the default behavior takes the rest.
type CacheBehaviors struct {
	Quantity int                 `json:"Quantity"`
	Items    []PathCacheBehavior `json:"Items,omitempty"`
}

// PathCacheBehavior is one path behavior: a PathPattern and the behavior's settings.
type PathCacheBehavior struct {
	PathPattern string `json:"PathPattern"`
	CacheBehavior
}

// CustomHeaders is an origin's {Quantity, Items} list of headers CloudFront adds to every
// request to it, typically the shared secret that locks the origin to CloudFront.
type CustomHeaders struct {
	Quantity int                  `json:"Quantity"`
	Items    []OriginCustomHeader `json:"Items,omitempty"`
}

// OriginCustomHeader is one header; HeaderValue is a secret.
type OriginCustomHeader struct {
	HeaderName  string `json:"HeaderName"`
	HeaderValue string `json:"HeaderValue"`
}
