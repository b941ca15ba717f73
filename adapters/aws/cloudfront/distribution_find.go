package cloudfront

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"

	"github.com/cloudfront-manager/cfm/domain"
)

// findSkew widens FindDistribution's since: CloudFront's clock and ours may disagree a little.
const findSkew = 5 * time.Minute

// FindDistribution pages through ListDistributions (whose summaries carry no CallerReference)
// and reads each distribution modified since since (minus a few minutes of clock skew) until
// one has callerReference (every listed one with Options.ReadAllOnFind). A candidate the worker may not read (another team's distribution,
// not tagged ManagedBy) is skipped: it cannot be the product's.
func (c *Client) FindDistribution(ctx context.Context, callerReference string, since time.Time) (domain.LiveDistribution, error) {
	if callerReference == "" {
		return domain.LiveDistribution{}, domain.Permanent(domain.Invalid("callerReference", "is required"))
	}
	after := since.Add(-findSkew)
	var marker *string
	for {
		out, err := c.dist.ListDistributions(ctx, &sdk.ListDistributionsInput{Marker: marker})
		if err != nil {
			return domain.LiveDistribution{}, classify(err, "list distributions (find caller reference %s)", callerReference)
		}
		l := out.DistributionList
		if l == nil {
			break
		}
		for _, s := range l.Items {
			if !c.readAllOnFind && s.LastModifiedTime != nil && s.LastModifiedTime.Before(after) {
				continue
			}
			got, err := c.GetDistribution(ctx, aws.ToString(s.Id))
			switch {
			case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrForbidden):
				continue
			case err != nil:
				return domain.LiveDistribution{}, fmt.Errorf("find caller reference %s: %w", callerReference, err)
			case got.Config.CallerReference == callerReference:
				return got, nil
			}
		}
		if !aws.ToBool(l.IsTruncated) || aws.ToString(l.NextMarker) == "" {
			break
		}
		marker = l.NextMarker
	}
	return domain.LiveDistribution{}, fmt.Errorf("find caller reference %s: %w", callerReference, domain.ErrNotFound)
}
