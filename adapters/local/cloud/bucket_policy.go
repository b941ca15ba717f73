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
// removing the last statement deletes the policy.
func (c *Cloud) MergePolicyStatement(ctx context.Context, name, region string, st domain.PolicyStatement) error {
	if err := c.gate(ctx, "s3:PutBucketPolicy"); err != nil {
		return err
	}
	if err := checkStatement(st); err != nil {
		return fmt.Errorf("merge policy statement %s into %s: %w", st.Sid, name, err)
	}
	return c.changeBucket("merge policy statement "+st.Sid+" into", name, region, func(_ *bolt.Tx, b *bucketRecord) error {
		policy, err := mergeStatement(b.Policy, st)
		if err != nil {
			return err
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

// mergeStatement applies st to a policy document (nil = none) and returns the new document,
// or nil when no statement is left.
func mergeStatement(policy []byte, st domain.PolicyStatement) ([]byte, error) {
	doc := map[string]json.RawMessage{}
	var statements []json.RawMessage
	if policy != nil {
		if err := json.Unmarshal(policy, &doc); err != nil {
			return nil, fmt.Errorf("decode stored policy: %w", err)
		}
		var err error
		if statements, err = statementList(doc["Statement"]); err != nil {
			return nil, err
		}
	}
	merged := make([]json.RawMessage, 0, len(statements)+1)
	replaced := false
	for _, s := range statements {
		var head struct{ Sid string }
		if err := json.Unmarshal(s, &head); err != nil {
			return nil, fmt.Errorf("decode stored statement: %w", err)
		}
		switch {
		case head.Sid != st.Sid:
			merged = append(merged, s)
		case st.JSON != nil && !replaced:
			merged, replaced = append(merged, compact(st.JSON)), true
		}
	}
	if st.JSON != nil && !replaced {
		merged = append(merged, compact(st.JSON))
	}
	if len(merged) == 0 {
		return nil, nil
	}
	if _, ok := doc["Version"]; !ok {
		doc["Version"] = json.RawMessage(`"2012-10-17"`)
	}
	list, err := json.Marshal(merged)
	if err != nil {
		return nil, fmt.Errorf("encode statements: %w", err)
	}
	doc["Statement"] = list
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode policy: %w", err)
	}
	return out, nil
}

// statementList accepts IAM's two shapes: one statement object or an array of them.
func statementList(raw json.RawMessage) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '{' {
		return []json.RawMessage{raw}, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("decode stored statements: %w", err)
	}
	return list, nil
}

func compact(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return b
	}
	return buf.Bytes()
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
