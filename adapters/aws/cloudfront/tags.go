package cloudfront

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// TagResource adds or overwrites tags on a CloudFront resource (distribution, function).
func (c *Client) TagResource(ctx context.Context, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := c.tags.TagResource(ctx, &sdk.TagResourceInput{Resource: aws.String(arn), Tags: sdkTags(tags)})
	return classify(err, "tag %s", arn)
}

// sdkTags sorts tags by key (stable requests).
func sdkTags(tags map[string]string) *types.Tags {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	items := make([]types.Tag, 0, len(keys))
	for _, k := range keys {
		items = append(items, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return &types.Tags{Items: items}
}
