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

// UntagResource removes tag keys from a CloudFront resource (an absent key is no error).
func (c *Client) UntagResource(ctx context.Context, arn string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := c.tags.UntagResource(ctx, &sdk.UntagResourceInput{Resource: aws.String(arn), TagKeys: &types.TagKeys{Items: keys}})
	return classify(err, "untag %s", arn)
}

// ListTags returns every tag of a CloudFront resource (ListTagsForResource).
func (c *Client) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	out, err := c.tags.ListTagsForResource(ctx, &sdk.ListTagsForResourceInput{Resource: aws.String(arn)})
	if err != nil {
		return nil, classify(err, "list tags of %s", arn)
	}
	tags := map[string]string{}
	if out.Tags != nil {
		for _, t := range out.Tags.Items {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, nil
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
