package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/domain"
)

// kindCloudFrontIndex is a lookup item: ID = the CloudFront distribution id, body = the
// product's distribution id. CloudTrail names distributions by CloudFront id only; the create
// converger writes this item in the transaction that records the CloudFront id.
const kindCloudFrontIndex domain.Kind = "cloudfrontIndex"

// cloudFrontIndex is the body of a kindCloudFrontIndex item.
type cloudFrontIndex struct {
	DistributionID string `json:"distributionId"`
}

// putCloudFrontIndex maps a CloudFront id to its distribution; written once (version 1).
func putCloudFrontIndex(d *domain.Distribution) domain.Write {
	return put(kindCloudFrontIndex, d.CloudFrontID, 1, "", "", sortTime(d.CreatedAt)+"#"+d.ID,
		cloudFrontIndex{DistributionID: d.ID})
}

// managedByCloudFrontID finds the managed distribution of a CloudFront id; ErrNotFound when the
// product does not manage it.
func (d Deps) managedByCloudFrontID(ctx context.Context, cloudFrontID string) (domain.Distribution, error) {
	ix, err := load[cloudFrontIndex](ctx, d.Store, kindCloudFrontIndex, cloudFrontID)
	if err != nil {
		return domain.Distribution{}, err
	}
	dist, err := load[domain.Distribution](ctx, d.Store, domain.KindDistribution, ix.DistributionID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Distribution{}, fmt.Errorf("index of %s points at missing %s: %w", cloudFrontID, ix.DistributionID, err)
	}
	return dist, err
}
