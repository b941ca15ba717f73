package intake

import (
	"context"
	"errors"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Drift returns the last drift report of a drifted distribution, nil when it is in sync.
func (a Distributions) Drift(ctx context.Context, d domain.Distribution) (*shared.DriftReport, error) {
	if !d.Drifted {
		return nil, nil
	}
	rep, err := shared.Load[shared.DriftReport](ctx, a.Store, shared.KindDriftReport, d.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return &shared.DriftReport{DistributionID: d.ID, CloudFrontID: d.CloudFrontID, Changes: []domain.Change{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &rep, nil
}
