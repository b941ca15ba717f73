package s3buckets

import (
	"bytes"
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

// GetPolicy returns the bucket policy document; a bucket without a policy (or no bucket at
// all) is ErrNotFound, as the contract suite requires.
func (c *Client) GetPolicy(ctx context.Context, name, region string) ([]byte, error) {
	doc, err := c.currentPolicy(ctx, name, region)
	if err == nil && doc == nil {
		return nil, fmt.Errorf("get policy of bucket %s: no bucket policy: %w", name, domain.ErrNotFound)
	}
	return doc, err
}

// currentPolicy is the policy document, or nil when the bucket has none (NoSuchBucketPolicy).
func (c *Client) currentPolicy(ctx context.Context, name, region string) ([]byte, error) {
	out, err := c.in(region).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(name)})
	if err != nil {
		if awserr.Code(err) == "NoSuchBucketPolicy" {
			return nil, nil
		}
		return nil, classify(err, "get policy of bucket %s", name)
	}
	return []byte(aws.ToString(out.Policy)), nil
}

// MergePolicyStatement replaces the statement with st.Sid (or adds it, or removes it when
// st.JSON is nil), keeping every other statement and top-level member as they were. A policy
// left without statements is deleted.
//
// S3 has no conditional PutBucketPolicy: two writers merging into the same bucket at once can
// lose one update, so callers serialize writes per bucket.
func (c *Client) MergePolicyStatement(ctx context.Context, name, region string, st domain.PolicyStatement) error {
	cur, err := c.currentPolicy(ctx, name, region)
	if err != nil {
		return fmt.Errorf("merge policy statement %s: %w", st.Sid, err)
	}
	merged, err := domain.MergeBucketPolicy(cur, st)
	if err != nil {
		return domain.Permanent(fmt.Errorf("merge policy statement %s into bucket %s: %w", st.Sid, name, err))
	}
	api := c.in(region)
	if merged == nil {
		if cur == nil {
			return nil
		}
		_, err = api.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(name)})
		return classify(err, "delete policy of bucket %s", name)
	}
	if bytes.Equal(merged, cur) {
		return nil
	}
	_, err = api.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(name), Policy: aws.String(string(merged))})
	return classify(err, "put policy of bucket %s", name)
}
