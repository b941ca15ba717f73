package s3buckets

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// IsEmpty reports whether the bucket holds no object; in a bucket that has ever been
// versioned, old versions and delete markers count too (DeleteBucket would refuse them).
func (c *Client) IsEmpty(ctx context.Context, name, region string) (bool, error) {
	api := c.in(region)
	out, err := api.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(name), MaxKeys: aws.Int32(1)})
	if err != nil {
		return false, classify(err, "list objects of bucket %s", name)
	}
	if aws.ToInt32(out.KeyCount) > 0 || len(out.Contents) > 0 {
		return false, nil
	}
	versioned, err := c.versioned(ctx, api, name)
	if err != nil || !versioned {
		return err == nil, err
	}
	v, err := api.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(name), MaxKeys: aws.Int32(1)})
	if err != nil {
		return false, classify(err, "list object versions of bucket %s", name)
	}
	return len(v.Versions) == 0 && len(v.DeleteMarkers) == 0, nil
}

// EmptyBucket deletes every object (and, in a versioned bucket, every version and delete
// marker), a page at a time. Each round lists from the start again instead of following
// markers: the previous page is gone, and a marker naming a deleted version is not reliable
// (moto ends the listing there).
func (c *Client) EmptyBucket(ctx context.Context, name, region string) error {
	api := c.in(region)
	var last string
	for {
		page, err := api.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(name), MaxKeys: aws.Int32(int32(c.batch))}) //nolint:gosec // ≤ 1000
		if err != nil {
			return classify(err, "list objects of bucket %s", name)
		}
		if len(page.Contents) == 0 {
			break
		}
		ids := make([]types.ObjectIdentifier, 0, len(page.Contents))
		for _, o := range page.Contents {
			ids = append(ids, types.ObjectIdentifier{Key: o.Key})
		}
		if err := noProgress(&last, ids, name); err != nil {
			return err
		}
		if err := c.deleteObjects(ctx, api, name, ids); err != nil {
			return err
		}
	}
	last = ""
	versioned, err := c.versioned(ctx, api, name)
	if err != nil || !versioned {
		return err
	}
	for {
		page, err := api.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(name), MaxKeys: aws.Int32(int32(c.batch))}) //nolint:gosec // ≤ 1000
		if err != nil {
			return classify(err, "list object versions of bucket %s", name)
		}
		ids := make([]types.ObjectIdentifier, 0, len(page.Versions)+len(page.DeleteMarkers))
		for _, v := range page.Versions {
			ids = append(ids, types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			ids = append(ids, types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		if len(ids) == 0 {
			return nil
		}
		if err := noProgress(&last, ids, name); err != nil {
			return err
		}
		if err := c.deleteObjects(ctx, api, name, ids); err != nil {
			return err
		}
	}
}

// noProgress fails when a round lists the very page the previous round deleted, so that
// a delete S3 acknowledged but did not apply cannot spin the loop forever.
func noProgress(last *string, ids []types.ObjectIdentifier, bucket string) error {
	first := aws.ToString(ids[0].Key) + "\x00" + aws.ToString(ids[0].VersionId)
	if first == *last {
		return fmt.Errorf("empty bucket %s: %s is still listed after being deleted", bucket, aws.ToString(ids[0].Key))
	}
	*last = first
	return nil
}

// versioned reports whether versioning was ever turned on (Enabled or Suspended).
func (c *Client) versioned(ctx context.Context, api bucketAPI, name string) (bool, error) {
	out, err := api.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(name)})
	if err != nil {
		return false, classify(err, "get versioning of bucket %s", name)
	}
	return out.Status != "", nil
}

func (c *Client) deleteObjects(ctx context.Context, api bucketAPI, name string, ids []types.ObjectIdentifier) error {
	for start := 0; start < len(ids); start += c.batch {
		chunk := ids[start:min(start+c.batch, len(ids))]
		out, err := api.DeleteObjects(ctx, &s3.DeleteObjectsInput{
			Bucket: aws.String(name),
			Delete: &types.Delete{Objects: chunk, Quiet: aws.Bool(true)},
		})
		if err != nil {
			return classify(err, "delete %d objects of bucket %s", len(chunk), name)
		}
		if len(out.Errors) > 0 {
			errs := make([]error, 0, len(out.Errors))
			for _, e := range out.Errors {
				errs = append(errs, fmt.Errorf("%s: %s", aws.ToString(e.Key), aws.ToString(e.Code)))
			}
			return fmt.Errorf("delete objects of bucket %s: %d failed: %w", name, len(out.Errors), errors.Join(errs...))
		}
	}
	return nil
}
