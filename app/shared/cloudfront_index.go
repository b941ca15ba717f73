package shared

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/domain"
)

// KindCloudFrontIndex is a lookup item: ID = the CloudFront distribution id, body = the
// product's distribution id. CloudTrail names distributions by CloudFront id only; the create
// converger writes this item in the transaction that records the CloudFront id.
const KindCloudFrontIndex domain.Kind = "cloudfrontIndex"

// cloudFrontIndex is the body of a kindCloudFrontIndex item.
type cloudFrontIndex struct {
	DistributionID string `json:"distributionId"`
}

// PutCloudFrontIndex maps a CloudFront id to its distribution; written once (version 1).
func PutCloudFrontIndex(d *domain.Distribution) domain.Write {
	return Put(KindCloudFrontIndex, d.CloudFrontID, 1, "", "", SortTime(d.CreatedAt)+"#"+d.ID,
		cloudFrontIndex{DistributionID: d.ID})
}

// ManagedByCloudFrontID finds the managed distribution of a CloudFront id; ErrNotFound when the
// product does not manage it.
func (d Deps) ManagedByCloudFrontID(ctx context.Context, cloudFrontID string) (domain.Distribution, error) {
	ix, err := Load[cloudFrontIndex](ctx, d.Store, KindCloudFrontIndex, cloudFrontID)
	if err != nil {
		return domain.Distribution{}, err
	}
	dist, err := Load[domain.Distribution](ctx, d.Store, domain.KindDistribution, ix.DistributionID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Distribution{}, fmt.Errorf("index of %s points at missing %s: %w", cloudFrontID, ix.DistributionID, err)
	}
	return dist, err
}
