package app

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

// deleteOriginInput is a DeleteOrigin operation's Input.
type deleteOriginInput struct {
	Force bool `json:"force"`
	// Previous is the status the origin returns to if the delete fails.
	Previous domain.OriginStatus `json:"previous"`
}

// updateOriginInput is an UpdateOrigin operation's Input: the settings to converge to.
type updateOriginInput struct {
	Name     string                    `json:"name"`
	Website  *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORS     *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
	Previous domain.OriginStatus       `json:"previous"`
}
