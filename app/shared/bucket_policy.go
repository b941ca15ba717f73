package shared

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// OACStatementSid names the one bucket-policy statement this product owns on a managed
// origin's bucket. Every other statement is someone else's and is kept as it is.
const OACStatementSid = "CloudFrontManagerOAC"

// cloudFrontService is the service principal CloudFront signs OAC requests as.
const cloudFrontService = "cloudfront.amazonaws.com"

// syncAttempts bounds how often SyncOriginPolicy rewrites the statement while the set of
// distributions keeps changing under it.
const syncAttempts = 3

// OACStatement is the product's statement for bucket: CloudFront may read objects, but only
// on behalf of the listed distributions. No distribution means no statement (nil): an empty
// AWS:SourceArn list is never written, and neither is a "*" principal.
func OACStatement(bucket string, distributionARNs []string) domain.PolicyStatement {
	st := domain.PolicyStatement{Sid: OACStatementSid}
	if len(distributionARNs) == 0 {
		return st
	}
	partition := "aws"
	if parts := strings.SplitN(distributionARNs[0], ":", 3); len(parts) == 3 && parts[1] != "" {
		partition = parts[1]
	}
	doc := map[string]any{
		"Sid":       OACStatementSid,
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": cloudFrontService},
		"Action":    "s3:GetObject",
		"Resource":  "arn:" + partition + ":s3:::" + bucket + "/*",
		"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": distributionARNs}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(fmt.Sprintf("encode policy statement: %v", err)) // plain maps and strings
	}
	st.JSON = b
	return st
}

// SyncOriginPolicy makes the product's statement in the origin's bucket policy list exactly
// the ARNs of the distributions that use the origin now (and removes it when none does),
// merging so that foreign statements survive. Distribution workers call it after a
// distribution starts or stops using the origin.
//
// S3 has no conditional policy write, so two workers may write at once. Each re-reads the
// set of users after its write and writes again if it changed: the last writer has then seen
// every user that was recorded before its write.
func (d Deps) SyncOriginPolicy(ctx context.Context, originID string) error {
	o, err := Load[domain.ManagedOrigin](ctx, d.Store, domain.KindOrigin, originID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // the origin is gone, and its bucket with it
	}
	if err != nil {
		return fmt.Errorf("sync bucket policy of origin %s: %w", originID, err)
	}
	if d.Cloud.Buckets == nil {
		return domain.Permanent(fmt.Errorf("sync bucket policy of origin %s: no bucket service is configured", originID))
	}
	arns, err := d.originARNs(ctx, originID)
	if err != nil {
		return fmt.Errorf("sync bucket policy of origin %s: %w", originID, err)
	}
	for range syncAttempts {
		err := d.Cloud.Buckets.MergePolicyStatement(ctx, o.BucketName, o.Region, OACStatement(o.BucketName, arns))
		if errors.Is(err, domain.ErrNotFound) && len(arns) == 0 {
			return nil // no bucket, no statement to remove
		}
		if err != nil {
			return fmt.Errorf("sync bucket policy of origin %s (bucket %s): %w", originID, o.BucketName, err)
		}
		again, err := d.originARNs(ctx, originID)
		if err != nil {
			return fmt.Errorf("sync bucket policy of origin %s: %w", originID, err)
		}
		if slices.Equal(arns, again) {
			return nil
		}
		arns = again
	}
	return domain.RetryAfter(fmt.Errorf("sync bucket policy of origin %s: the distributions using it keep changing: %w",
		originID, domain.ErrConflict), 5*time.Second)
}

// BucketPolicyAccess is the seed's bucketPolicy block: who the bucket policy lets read.
type BucketPolicyAccess struct {
	HasOACAccess bool `json:"hasOacAccess"`
	HasOAIAccess bool `json:"hasOaiAccess"`
}

// PolicyAccess reads a bucket policy document (any statement, not only ours).
func PolicyAccess(doc []byte) (BucketPolicyAccess, error) {
	var acc BucketPolicyAccess
	if len(bytes.TrimSpace(doc)) == 0 {
		return acc, nil
	}
	var policy struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(doc, &policy); err != nil {
		return acc, fmt.Errorf("decode bucket policy: %w", err)
	}
	var statements []policyStatement
	raw := bytes.TrimSpace(policy.Statement)
	switch {
	case len(raw) == 0 || string(raw) == "null":
	case raw[0] == '{':
		var one policyStatement
		if err := json.Unmarshal(raw, &one); err != nil {
			return acc, fmt.Errorf("decode bucket policy statement: %w", err)
		}
		statements = []policyStatement{one}
	default:
		if err := json.Unmarshal(raw, &statements); err != nil {
			return acc, fmt.Errorf("decode bucket policy statements: %w", err)
		}
	}
	for _, s := range statements {
		if s.Effect != "Allow" || !s.allowsGetObject() {
			continue
		}
		var p struct {
			Service stringOrList `json:"Service"`
			AWS     stringOrList `json:"AWS"`
		}
		if len(s.Principal) > 0 && s.Principal[0] == '{' {
			if err := json.Unmarshal(s.Principal, &p); err != nil {
				return acc, fmt.Errorf("decode bucket policy principal: %w", err)
			}
		}
		if slices.Contains(p.Service, cloudFrontService) {
			acc.HasOACAccess = true
		}
		if slices.ContainsFunc(p.AWS, func(a string) bool {
			return strings.Contains(a, ":iam::cloudfront:user/CloudFront Origin Access Identity")
		}) {
			acc.HasOAIAccess = true
		}
	}
	return acc, nil
}

type policyStatement struct {
	Effect    string          `json:"Effect"`
	Principal json.RawMessage `json:"Principal"`
	Action    stringOrList    `json:"Action"`
}

func (s policyStatement) allowsGetObject() bool {
	return slices.ContainsFunc(s.Action, func(a string) bool {
		a = strings.ToLower(a)
		return a == "s3:getobject" || a == "s3:*" || a == "*" || a == "s3:get*"
	})
}

// stringOrList is IAM's "one string or a list of strings".
type stringOrList []string

func (l *stringOrList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = []string{s}
		return nil
	}
	var List []string
	if err := json.Unmarshal(b, &List); err != nil {
		return err
	}
	*l = List
	return nil
}
