package domain

import "time"

// Edge function targets.
const (
	EdgeTargetCloudFrontFunction = "cloudfront-function"
	EdgeTargetLambdaEdge         = "lambda-edge"
)

// RoutingOrigin is one S3 origin an edge function can send a viewer to.
type RoutingOrigin struct {
	OriginID   string `json:"originId"`
	Region     string `json:"region"`
	BucketName string `json:"bucketName"`
}

// RoutingOrigins is the seed's {default, additional} origin set.
type RoutingOrigins struct {
	Default    RoutingOrigin   `json:"default"`
	Additional []RoutingOrigin `json:"additional,omitempty"`
}

// All returns the default origin first, then the additional ones.
func (r RoutingOrigins) All() []RoutingOrigin {
	return append([]RoutingOrigin{r.Default}, r.Additional...)
}

// EdgeFunctionStatus is an edge function's lifecycle state.
type EdgeFunctionStatus string

const (
	EdgeFunctionCreating EdgeFunctionStatus = "Creating"
	EdgeFunctionActive   EdgeFunctionStatus = "Active"
	EdgeFunctionDeleting EdgeFunctionStatus = "Deleting"
	EdgeFunctionFailed   EdgeFunctionStatus = "Failed"
	// EdgeFunctionDeleted is never stored: it marks the tombstone a replayed delete answers once
	// the function is gone.
	EdgeFunctionDeleted EdgeFunctionStatus = "Deleted"
)

// EdgeFunction is a routing function this product generated and deployed.
type EdgeFunction struct {
	ID                      string             `json:"functionId"`
	Name                    string             `json:"functionName"`
	Target                  string             `json:"target"` // EdgeTarget…
	FunctionARN             string             `json:"functionArn,omitempty"`
	VersionARN              string             `json:"versionArn,omitempty"`
	Status                  EdgeFunctionStatus `json:"status"`
	Preset                  string             `json:"preset"`
	Origins                 RoutingOrigins     `json:"origins"`
	Runtime                 string             `json:"runtime,omitempty"`
	CodeSize                int                `json:"codeSize,omitempty"`
	CodeSHA256              string             `json:"codeSha256,omitempty"`
	AssociatedDistributions []string           `json:"associatedDistributions"`
	OperationID             string             `json:"operationId,omitempty"`
	Owner                   string             `json:"createdBy"`
	CreatedAt               time.Time          `json:"createdAt"`
	UpdatedAt               time.Time          `json:"updatedAt"`
	Version                 int64              `json:"version"`
}
