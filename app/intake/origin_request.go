package intake

import "github.com/cloudfront-manager/cfm/domain"

// OriginRequest is the seed's POST /origins body.
type OriginRequest struct {
	Name              string                    `json:"name"`
	BucketName        string                    `json:"bucketName"`
	Region            string                    `json:"region"`
	WebsiteHosting    *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORSConfiguration *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
	// Adopt takes over an existing bucket of the account instead of creating one: the product
	// creates its OAC and merges its bucket-policy statement, and changes the bucket's website
	// or CORS settings only when the request gives them. Deleting the origin keeps the bucket.
	Adopt bool `json:"adopt,omitempty"`
}

// OriginUpdate is the seed's PUT /origins/{id} body. A field left out keeps its value; the
// bucket name and region cannot change.
type OriginUpdate struct {
	Name              *string                   `json:"name,omitempty"`
	WebsiteHosting    *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORSConfiguration *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
}
