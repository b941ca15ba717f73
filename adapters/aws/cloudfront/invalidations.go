package cloudfront

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// CreateInvalidation invalidates paths. The same callerReference with the same paths returns the
// existing invalidation on AWS; TooManyInvalidationsInProgress is ErrConflict with a RetryAfter.
func (c *Client) CreateInvalidation(ctx context.Context, distributionID, callerReference string, paths []string) (domain.Invalidation, error) {
	if callerReference == "" || len(paths) == 0 {
		return domain.Invalidation{}, domain.Permanent(domain.Invalid("paths", "an invalidation needs a caller reference and at least one path"))
	}
	out, err := c.inv.CreateInvalidation(ctx, &sdk.CreateInvalidationInput{
		DistributionId: aws.String(distributionID),
		InvalidationBatch: &types.InvalidationBatch{
			CallerReference: aws.String(callerReference),
			Paths:           &types.Paths{Quantity: quantity(paths), Items: paths},
		},
	})
	if err != nil {
		return domain.Invalidation{}, classify(err, "create invalidation on %s (caller reference %s)", distributionID, callerReference)
	}
	return invalidation(out.Invalidation), nil
}

// GetInvalidation reads an invalidation's status.
func (c *Client) GetInvalidation(ctx context.Context, distributionID, id string) (domain.Invalidation, error) {
	out, err := c.inv.GetInvalidation(ctx, &sdk.GetInvalidationInput{DistributionId: aws.String(distributionID), Id: aws.String(id)})
	if err != nil {
		return domain.Invalidation{}, classify(err, "get invalidation %s on %s", id, distributionID)
	}
	return invalidation(out.Invalidation), nil
}

func invalidation(in *types.Invalidation) domain.Invalidation {
	if in == nil {
		return domain.Invalidation{}
	}
	out := domain.Invalidation{
		ID:         aws.ToString(in.Id),
		Status:     normalizeInvalidationStatus(aws.ToString(in.Status)),
		CreateTime: aws.ToTime(in.CreateTime),
	}
	if b := in.InvalidationBatch; b != nil && b.Paths != nil {
		out.Paths = b.Paths.Items
	}
	return out
}

// normalizeInvalidationStatus returns CloudFront's spelling (InProgress | Completed); moto
// answers "COMPLETED".
func normalizeInvalidationStatus(s string) string {
	switch strings.ToLower(s) {
	case "completed":
		return "Completed"
	case "inprogress":
		return "InProgress"
	}
	return s
}
