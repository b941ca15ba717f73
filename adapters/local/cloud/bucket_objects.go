package cloud

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

func objectPrefix(bucket string) []byte { return []byte(bucket + "\x00") }

// PutObject stores an object (not part of the port: tests and the local run use it to make a
// bucket non-empty).
func (c *Cloud) PutObject(ctx context.Context, bucket, key string, body []byte) error {
	if err := c.gate(ctx, "s3:PutObject"); err != nil {
		return err
	}
	return c.changeBucket("put object "+key+" into", bucket, "", func(tx *bolt.Tx, _ *bucketRecord) error {
		if err := tx.Bucket(bktS3Objects).Put(append(objectPrefix(bucket), key...), body); err != nil {
			return fmt.Errorf("put object: %w", err)
		}
		return nil
	})
}

// IsEmpty reports whether the bucket holds no object.
func (c *Cloud) IsEmpty(ctx context.Context, name, region string) (bool, error) {
	if err := c.gate(ctx, "s3:ListObjectsV2"); err != nil {
		return false, err
	}
	empty := false
	err := c.db.View(func(tx *bolt.Tx) error {
		if _, err := c.loadBucket(tx, name, region); err != nil {
			return err
		}
		p := objectPrefix(name)
		k, _ := tx.Bucket(bktS3Objects).Cursor().Seek(p)
		empty = k == nil || !hasPrefix(k, p)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("list objects of bucket %s: %w", name, err)
	}
	return empty, nil
}

// EmptyBucket deletes every object (idempotent).
func (c *Cloud) EmptyBucket(ctx context.Context, name, region string) error {
	if err := c.gate(ctx, "s3:DeleteObjects"); err != nil {
		return err
	}
	return c.changeBucket("empty", name, region, func(tx *bolt.Tx, _ *bucketRecord) error {
		return deletePrefix(tx, bktS3Objects, string(objectPrefix(name)))
	})
}
