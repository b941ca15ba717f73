package domain

import "time"

// OriginStatus is a managed origin's lifecycle state.
type OriginStatus string

const (
	OriginCreating OriginStatus = "Creating"
	OriginActive   OriginStatus = "Active"
	OriginUpdating OriginStatus = "Updating"
	OriginDeleting OriginStatus = "Deleting"
	OriginFailed   OriginStatus = "Failed"
	// OriginDeleted is never stored: it marks the tombstone a replayed update or delete answers
	// once the origin is gone (its record is removed when the delete succeeds).
	OriginDeleted OriginStatus = "Deleted"
)

// ManagedOrigin is an S3 bucket this product created (or adopted), with its Origin Access Control.
type ManagedOrigin struct {
	ID         string `json:"originId"`
	Name       string `json:"name"`
	BucketName string `json:"bucketName"`
	Region     string `json:"region"`
	OACID      string `json:"oacId,omitempty"`
	// Adopted: the bucket existed before and is not the product's; deleting the origin
	// removes only the product's OAC and bucket-policy statement, never the bucket.
	Adopted                 bool               `json:"adopted,omitempty"`
	Status                  OriginStatus       `json:"status"`
	WebsiteHosting          *WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORSConfiguration       *CORSConfiguration `json:"corsConfiguration,omitempty"`
	AssociatedDistributions []string           `json:"associatedDistributions"` // CloudFront ARNs
	OperationID             string             `json:"operationId,omitempty"`
	Owner                   string             `json:"owner"`
	CreatedAt               time.Time          `json:"createdAt"`
	UpdatedAt               time.Time          `json:"updatedAt"`
	Version                 int64              `json:"version"`
}

// WebsiteHosting is the seed's website block.
type WebsiteHosting struct {
	Enabled       bool   `json:"enabled"`
	IndexDocument string `json:"indexDocument,omitempty"`
	ErrorDocument string `json:"errorDocument,omitempty"`
}

// CORSConfiguration is the seed's CORS block.
type CORSConfiguration struct {
	Enabled        bool     `json:"enabled"`
	AllowedOrigins []string `json:"allowedOrigins,omitempty"`
	AllowedMethods []string `json:"allowedMethods,omitempty"`
	AllowedHeaders []string `json:"allowedHeaders,omitempty"`
	MaxAgeSeconds  int      `json:"maxAgeSeconds,omitempty"`
}

// RegionalDomain is the bucket's regional REST endpoint, the one CloudFront should use.
func (o ManagedOrigin) RegionalDomain() string {
	return o.BucketName + ".s3." + o.Region + ".amazonaws.com"
}
