package domain

import "time"

// Template is a reusable, named partial DistributionConfig.
type Template struct {
	ID          string `json:"templateId"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Category    string `json:"category"`
	// Features are short labels describing the template ("Compression", "HTTPS", "Low TTL").
	Features []string           `json:"features,omitempty"`
	Config   DistributionConfig `json:"config"`
	// MultiOriginConfig is optional: a template for multi-origin distributions.
	MultiOriginConfig *MultiOriginConfig `json:"multiOriginConfig,omitempty"`
	Owner             string             `json:"createdBy"`
	CreatedAt         time.Time          `json:"createdAt"`
	UpdatedAt         time.Time          `json:"updatedAt"`
	Version           int64              `json:"version"`
}
