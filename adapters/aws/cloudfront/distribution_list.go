package cloudfront

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"

	"github.com/cloudfront-manager/cfm/domain"
)

var _ domain.DistributionStatuses = (*Client)(nil)

// listPageSize is the MaxItems the watcher asks for: one ListDistributions call per 1000
// distributions in the account.
const listPageSize = 1000

// ListDistributionStatuses reads one ListDistributions page: every distribution's status and
// last-modified time, without configs or ETags.
func (c *Client) ListDistributionStatuses(ctx context.Context, marker string) ([]domain.DeploymentStatus, string, error) {
	in := &sdk.ListDistributionsInput{MaxItems: aws.Int32(listPageSize)}
	if marker != "" {
		in.Marker = aws.String(marker)
	}
	out, err := c.dist.ListDistributions(ctx, in)
	if err != nil {
		return nil, "", classify(err, "list distributions")
	}
	l := out.DistributionList
	if l == nil {
		return nil, "", nil
	}
	page := make([]domain.DeploymentStatus, 0, len(l.Items))
	for _, d := range l.Items {
		page = append(page, domain.DeploymentStatus{ID: aws.ToString(d.Id), ARN: aws.ToString(d.ARN),
			DomainName: aws.ToString(d.DomainName), Status: aws.ToString(d.Status), LastModifiedTime: aws.ToTime(d.LastModifiedTime)})
	}
	next := ""
	if aws.ToBool(l.IsTruncated) {
		next = aws.ToString(l.NextMarker)
	}
	return page, next, nil
}
