package intake

import (
	"context"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Operations reads operations.
type Operations struct{ shared.Deps }

// Get returns one operation.
func (a Operations) Get(ctx context.Context, p domain.Principal, id string) (domain.Operation, error) {
	if !p.CanRead() {
		return domain.Operation{}, fmt.Errorf("get operation: %w", domain.ErrForbidden)
	}
	return shared.Load[domain.Operation](ctx, a.Store, domain.KindOperation, id)
}

// DeploymentStatus is the seed's status answer.
type DeploymentStatus struct {
	Status             domain.DistributionStatus `json:"status"`
	LastUpdated        time.Time                 `json:"lastUpdated"`
	DeploymentProgress int                       `json:"deploymentProgress"`
	OperationID        string                    `json:"operationId,omitempty"`
}

// Status reports a distribution's deployment state and an estimated progress (0-100).
func (a Distributions) Status(ctx context.Context, p domain.Principal, id string) (DeploymentStatus, error) {
	d, err := a.Get(ctx, p, id)
	if err != nil {
		return DeploymentStatus{}, err
	}
	return DeploymentStatus{Status: d.Status, LastUpdated: d.UpdatedAt, OperationID: d.OperationID,
		DeploymentProgress: progress(d, a.Now(), a.Timing.ExpectedDeploy)}, nil
}

// progress estimates how far a deployment is: 100 when deployed, otherwise the share of the
// expected deployment time that has passed since the last change, kept within 5..95.
func progress(d domain.Distribution, now time.Time, expected time.Duration) int {
	switch d.Status {
	case domain.DistributionDeployed, domain.DistributionDeleted:
		return 100
	case domain.DistributionFailed:
		return 0
	}
	if expected <= 0 {
		return 50
	}
	pct := int(100 * now.Sub(d.UpdatedAt) / expected)
	return min(max(pct, 5), 95)
}
