package cloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// MaxBucketPolicySize is S3's limit on a bucket policy document.
const MaxBucketPolicySize = 20 * 1024

// MergePolicyStatement replaces the statement with st.Sid, or appends it, keeping every other
// statement (and the document's other fields) byte for byte; a nil st.JSON removes it, and
// removing the last statement deletes the policy (domain.MergeBucketPolicy, shared with the S3
// adapter; the contract suite runs the same cases against both).
func (c *Cloud) MergePolicyStatement(ctx context.Context, name, region string, st domain.PolicyStatement) error {
	if err := c.gate(ctx, "s3:PutBucketPolicy"); err != nil {
		return err
	}
	if err := checkStatement(st); err != nil {
		return fmt.Errorf("merge policy statement %s into %s: %w", st.Sid, name, err)
	}
	return c.changeBucket("merge policy statement "+st.Sid+" into", name, region, func(_ *bolt.Tx, b *bucketRecord) error {
		policy, err := domain.MergeBucketPolicy(b.Policy, st) // the same merge as the S3 adapter's
		if err != nil {
			return domain.Permanent(fmt.Errorf("MalformedPolicy: %w", err))
		}
		if len(policy) > MaxBucketPolicySize {
			return domain.Permanent(fmt.Errorf("PolicyTooLarge: %d bytes is over %d", len(policy), MaxBucketPolicySize))
		}
		b.Policy = policy
		return nil
	})
}

// GetPolicy returns the bucket's policy document; none is ErrNotFound (NoSuchBucketPolicy).
func (c *Cloud) GetPolicy(ctx context.Context, name, region string) ([]byte, error) {
	if err := c.gate(ctx, "s3:GetBucketPolicy"); err != nil {
		return nil, err
	}
	var policy []byte
	err := c.db.View(func(tx *bolt.Tx) error {
		b, err := c.loadBucket(tx, name, region)
		if err == nil && b.Policy == nil {
			err = fmt.Errorf("NoSuchBucketPolicy: The bucket policy does not exist: %w", domain.ErrNotFound)
		}
		policy = b.Policy
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get policy of bucket %s: %w", name, err)
	}
	return policy, nil
}

func checkStatement(st domain.PolicyStatement) error {
	if st.Sid == "" {
		return domain.Permanent(errors.New("MalformedPolicy: the statement needs a Sid"))
	}
	if st.JSON == nil {
		return nil
	}
	var s struct{ Sid string }
	if !bytes.HasPrefix(bytes.TrimSpace(st.JSON), []byte("{")) {
		return domain.Permanent(errors.New("MalformedPolicy: the statement is not a JSON object"))
	}
	if err := json.Unmarshal(st.JSON, &s); err != nil {
		return domain.Permanent(fmt.Errorf("MalformedPolicy: the statement is not a JSON object: %w", err))
	}
	if s.Sid != st.Sid {
		return domain.Permanent(fmt.Errorf("MalformedPolicy: the statement's Sid %q is not %q", s.Sid, st.Sid))
	}
	return nil
}

// SetPolicy replaces a bucket's whole policy, as someone outside the product would (for tests).
func (c *Cloud) SetPolicy(bucket string, policy []byte) error {
	if !json.Valid(policy) {
		return domain.Permanent(errors.New("MalformedPolicy: not JSON"))
	}
	return c.changeBucket("set policy of", bucket, "", func(_ *bolt.Tx, b *bucketRecord) error {
		b.Policy = policy
		return nil
	})
}
