package shared

import (
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// Operation inputs: what an intake use case records on an operation for its converger.

// DeleteOriginInput is a DeleteOrigin operation's Input.
type DeleteOriginInput struct {
	Force bool `json:"force"`
	// Previous is the status the origin returns to if the delete fails.
	Previous domain.OriginStatus `json:"previous"`
}

// UpdateOriginInput is an UpdateOrigin operation's Input: the settings to converge to.
type UpdateOriginInput struct {
	Name     string                    `json:"name"`
	Website  *domain.WebsiteHosting    `json:"websiteHosting,omitempty"`
	CORS     *domain.CORSConfiguration `json:"corsConfiguration,omitempty"`
	Previous domain.OriginStatus       `json:"previous"`
}

// InvalidationInput is the operation's Input for OpInvalidate.
type InvalidationInput struct {
	Paths           []string `json:"paths"`
	CallerReference string   `json:"callerReference"`
}

// Invalidation is an accepted invalidation: the paths and the operation that runs it.
type Invalidation struct {
	DistributionID  string
	Paths           []string
	CallerReference string
	Operation       domain.Operation
	Replayed        bool
}

// SummarizePaths shows the first few paths for the history.
func SummarizePaths(paths []string) string {
	const show = 5
	if len(paths) <= show {
		return strings.Join(paths, " ")
	}
	return strings.Join(paths[:show], " ") + fmt.Sprintf(" … (+%d)", len(paths)-show)
}

// UpdateDistributionInput is what a distribution update leaves for its converger: the managed
// origins the distribution used before (once the new config is deployed, the ones it no longer
// uses lose its link and its bucket-policy statement) and, when a multi-origin distribution's
// routing changes, the routing its function is regenerated for.
type UpdateDistributionInput struct {
	PreviousOriginIDs []string       `json:"previousOriginIds,omitempty"`
	Routing           *RoutingChange `json:"routing,omitempty"`
}

// RoutingChange is the new routing of a multi-origin distribution's function.
type RoutingChange struct {
	FunctionID string                `json:"functionId"`
	Preset     string                `json:"preset"`
	Origins    domain.RoutingOrigins `json:"origins"`
}
