package intake

import "github.com/cloudfront-manager/cfm/domain"

// OriginRequest is the seed's POST /origins body.
type OriginRequest struct {
	Name              string                    `json:"name"`
	BucketName        string                    `json:"bucketName"`
	Region            string                    `json:"region"`
	WebsiteHosting    *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORSConfiguration *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
}

// OriginUpdate is the seed's PUT /origins/{id} body. A field left out keeps its value; the
// bucket name and region cannot change.
type OriginUpdate struct {
	Name              *string                   `json:"name,omitempty"`
	WebsiteHosting    *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORSConfiguration *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
}
