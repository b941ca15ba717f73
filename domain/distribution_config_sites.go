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

// OriginGroups is CloudFront's {Quantity, Items} list of failover groups.
type OriginGroups struct {
	Quantity int           `json:"Quantity"`
	Items    []OriginGroup `json:"Items,omitempty"`
}

// OriginGroup is a primary and a secondary origin: CloudFront retries a request on the
// secondary when the primary answers one of the failover status codes (or cannot be reached).
type OriginGroup struct {
	Id               string                      `json:"Id"` //nolint:revive // CloudFront's name
	FailoverCriteria OriginGroupFailoverCriteria `json:"FailoverCriteria"`
	Members          OriginGroupMembers          `json:"Members"`
}

// OriginGroupFailoverCriteria lists the status codes that trigger failover.
type OriginGroupFailoverCriteria struct {
	StatusCodes StatusCodes `json:"StatusCodes"`
}

// StatusCodes is CloudFront's {Quantity, Items} list of HTTP status codes.
type StatusCodes struct {
	Quantity int   `json:"Quantity"`
	Items    []int `json:"Items"`
}

// OriginGroupMembers lists the two origins of a group, the primary first.
type OriginGroupMembers struct {
	Quantity int                 `json:"Quantity"`
	Items    []OriginGroupMember `json:"Items"`
}

// OriginGroupMember names one origin of a group.
type OriginGroupMember struct {
	OriginId string `json:"OriginId"` //nolint:revive // CloudFront's name
}

// Restrictions holds the geo restriction.
type Restrictions struct {
	GeoRestriction GeoRestriction `json:"GeoRestriction"`
}

// GeoRestriction allows (whitelist) or denies (blacklist) viewers by country (ISO 3166-1
// alpha-2 codes); "none" restricts nothing.
type GeoRestriction struct {
	RestrictionType string   `json:"RestrictionType"`
	Quantity        int      `json:"Quantity"`
	Items           []string `json:"Items,omitempty"`
}
