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
