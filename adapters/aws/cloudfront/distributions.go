package cloudfront

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// CreateDistribution creates a distribution with cfg.CallerReference (required: the operation
// id, stable across retries). A reused reference is *domain.AlreadyExistsError carrying the id
// of the distribution created first.
func (c *Client) CreateDistribution(ctx context.Context, cfg domain.DistributionConfig) (domain.LiveDistribution, error) {
	if cfg.CallerReference == "" {
		return domain.LiveDistribution{}, domain.Permanent(domain.Invalid("CallerReference", "is required"))
	}
	if len(c.createTags) > 0 {
		out, err := c.dist.CreateDistributionWithTags(ctx, &sdk.CreateDistributionWithTagsInput{
			DistributionConfigWithTags: &types.DistributionConfigWithTags{DistributionConfig: toSDKConfig(cfg), Tags: sdkTags(c.createTags)}})
		if err != nil {
			return domain.LiveDistribution{}, classify(err, "create distribution (caller reference %s)", cfg.CallerReference)
		}
		return live(out.Distribution, out.ETag), nil
	}
	out, err := c.dist.CreateDistribution(ctx, &sdk.CreateDistributionInput{DistributionConfig: toSDKConfig(cfg)})
	if err != nil {
		return domain.LiveDistribution{}, classify(err, "create distribution (caller reference %s)", cfg.CallerReference)
	}
	return live(out.Distribution, out.ETag), nil
}

// GetDistribution reads a distribution: status, domain name, ARN, ETag and config.
func (c *Client) GetDistribution(ctx context.Context, id string) (domain.LiveDistribution, error) {
	out, err := c.dist.GetDistribution(ctx, &sdk.GetDistributionInput{Id: aws.String(id)})
	if err != nil {
		return domain.LiveDistribution{}, classify(err, "get distribution %s", id)
	}
	return live(out.Distribution, out.ETag), nil
}

// UpdateDistribution replaces the distribution's config, guarded by ifMatch (the ETag read just
// before). An empty cfg.CallerReference is filled from the live config (it cannot change).
func (c *Client) UpdateDistribution(ctx context.Context, id string, cfg domain.DistributionConfig, ifMatch string) (domain.LiveDistribution, error) {
	if cfg.CallerReference == "" {
		cur, err := c.dist.GetDistributionConfig(ctx, &sdk.GetDistributionConfigInput{Id: aws.String(id)})
		if err != nil {
			return domain.LiveDistribution{}, classify(err, "update distribution %s: read caller reference", id)
		}
		cfg.CallerReference = aws.ToString(cur.DistributionConfig.CallerReference)
	}
	out, err := c.dist.UpdateDistribution(ctx, &sdk.UpdateDistributionInput{
		Id:                 aws.String(id),
		IfMatch:            aws.String(ifMatch),
		DistributionConfig: toSDKConfig(cfg),
	})
	if err != nil {
		return domain.LiveDistribution{}, classify(err, "update distribution %s", id)
	}
	return live(out.Distribution, out.ETag), nil
}

// DeleteDistribution deletes a disabled, deployed distribution (ErrConflict otherwise).
func (c *Client) DeleteDistribution(ctx context.Context, id, ifMatch string) error {
	_, err := c.dist.DeleteDistribution(ctx, &sdk.DeleteDistributionInput{Id: aws.String(id), IfMatch: aws.String(ifMatch)})
	return classify(err, "delete distribution %s", id)
}

func live(d *types.Distribution, etag *string) domain.LiveDistribution {
	if d == nil {
		return domain.LiveDistribution{ETag: aws.ToString(etag)}
	}
	return domain.LiveDistribution{
		ID:               aws.ToString(d.Id),
		ARN:              aws.ToString(d.ARN),
		DomainName:       aws.ToString(d.DomainName),
		Status:           aws.ToString(d.Status),
		ETag:             aws.ToString(etag),
		LastModifiedTime: aws.ToTime(d.LastModifiedTime),
		Config:           fromSDKConfig(d.DistributionConfig),
	}
}
