package cloudtest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// createBucket creates a uniquely named bucket and removes it (emptied) when the test ends.
func createBucket(t *testing.T, b domain.Buckets, opts Options) string {
	t.Helper()
	name := unique("cfm-ct-")
	require.NoError(t, b.CreateBucket(t.Context(), name, opts.region()))
	t.Cleanup(func() {
		ctx := context.WithoutCancel(t.Context())
		_ = b.EmptyBucket(ctx, name, opts.region())
		_ = b.DeleteBucket(ctx, name, opts.region())
	})
	return name
}

func objectWriter(t *testing.T, b domain.Buckets, opts Options) func(ctx context.Context, bucket, region, key string, body []byte) error {
	t.Helper()
	if opts.PutObject != nil {
		return opts.PutObject
	}
	if p, ok := b.(objectPutter); ok {
		return func(ctx context.Context, bucket, _, key string, body []byte) error {
			return p.PutObject(ctx, bucket, key, body)
		}
	}
	t.Skip("no way to put an object: set Options.PutObject")
	return nil
}

// statement is an OAC-style read grant to CloudFront for the distribution sourceARN.
func statement(sid, sourceARN, bucket string) domain.PolicyStatement {
	return domain.PolicyStatement{Sid: sid, JSON: []byte(fmt.Sprintf(
		`{"Sid":%q,"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject",`+
			`"Resource":"arn:aws:s3:::%s/*","Condition":{"StringEquals":{"AWS:SourceArn":%q}}}`,
		sid, bucket, sourceARN))}
}

// policyStatements reads the bucket policy and returns its statements by Sid.
func policyStatements(t *testing.T, b domain.Buckets, name, region string) map[string]json.RawMessage {
	t.Helper()
	raw, err := b.GetPolicy(t.Context(), name, region)
	require.NoError(t, err)
	var doc struct {
		Version   string
		Statement []json.RawMessage
	}
	require.NoError(t, json.Unmarshal(raw, &doc), string(raw))
	require.Equal(t, "2012-10-17", doc.Version)
	out := map[string]json.RawMessage{}
	for _, s := range doc.Statement {
		var head struct{ Sid string }
		require.NoError(t, json.Unmarshal(s, &head))
		require.NotContains(t, out, head.Sid, "duplicate Sid in %s", raw)
		out[head.Sid] = s
	}
	return out
}
