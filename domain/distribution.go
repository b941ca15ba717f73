package domain

import "time"

// DistributionStatus is the record's lifecycle state. InProgress and Deployed are CloudFront's
// own words; the others are the product's transitional and final states.
type DistributionStatus string

const (
	DistributionCreating   DistributionStatus = "Creating"
	DistributionInProgress DistributionStatus = "InProgress"
	DistributionDeployed   DistributionStatus = "Deployed"
	DistributionUpdating   DistributionStatus = "Updating"
	DistributionDeleting   DistributionStatus = "Deleting"
	DistributionDeleted    DistributionStatus = "Deleted"
	DistributionFailed     DistributionStatus = "Failed"
)

// Distribution is the product's record of one CloudFront distribution.
type Distribution struct {
	ID                string             `json:"id"`
	Name              string             `json:"name"`
	CloudFrontID      string             `json:"cloudfrontId,omitempty"`
	ARN               string             `json:"arn,omitempty"`
	DomainName        string             `json:"domainName,omitempty"`
	Status            DistributionStatus `json:"status"`
	IsMultiOrigin     bool               `json:"isMultiOrigin"`
	MultiOriginConfig *MultiOriginConfig `json:"multiOriginConfig,omitempty"`
	// Config is the desired DistributionConfig (the plan last accepted).
	Config DistributionConfig `json:"config"`
	// AppliedConfig is the config CloudFront last accepted from this product (drift baseline).
	AppliedConfig *DistributionConfig `json:"appliedConfig,omitempty"`
	// OriginIDs are the managed origins (origin-…) this distribution uses.
	OriginIDs            []string `json:"originIds,omitempty"`
	LambdaEdgeFunctionID string   `json:"lambdaEdgeFunctionId,omitempty"`
	OperationID          string   `json:"operationId,omitempty"` // the operation that owns the record now
	// QueuedUpdates are update operations accepted while OperationID's update deploys, in
	// order; their merge patches are already in Config, and the next UpdateDistribution carries
	// them all.
	QueuedUpdates []string `json:"queuedUpdates,omitempty"`
	// Carrying are the update operations OperationID's UpdateDistribution carries (itself first).
	Carrying   []string  `json:"carrying,omitempty"`
	Drifted    bool      `json:"drifted,omitempty"`
	Owner      string    `json:"owner"`
	TemplateID string    `json:"templateId,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
	Version    int64     `json:"version"`
}

// MultiOriginConfig is the seed's multi-origin request block.
type MultiOriginConfig struct {
	DefaultOriginID     string   `json:"defaultOriginId"`
	AdditionalOriginIDs []string `json:"additionalOriginIds"`
	Preset              string   `json:"preset,omitempty"`
	// Target is "cloudfront-function" (default) or "lambda-edge".
	Target string `json:"target,omitempty"`
}

// Busy reports whether an operation is converging the distribution now.
func (d Distribution) Busy() bool {
	switch d.Status {
	case DistributionCreating, DistributionUpdating, DistributionDeleting:
		return true
	}
	return false
}
