package cloudtest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// objectPutter is the extra method the simulator offers to make a bucket non-empty.
type objectPutter interface {
	PutObject(ctx context.Context, bucket, key string, body []byte) error
}

// RunBuckets runs the S3 contract for managed origin buckets.
func RunBuckets(t *testing.T, newBuckets func(t *testing.T) domain.Buckets, opts Options) {
	region := opts.region()

	run(t, opts, "create-idempotent", func(t *testing.T) {
		b := newBuckets(t)
		name := createBucket(t, b, opts)
		require.NoError(t, b.CreateBucket(t.Context(), name, region), "BucketAlreadyOwnedByYou is success")
		empty, err := b.IsEmpty(t.Context(), name, region)
		require.NoError(t, err)
		assert.True(t, empty)
	})

	run(t, opts, "invalid-name", func(t *testing.T) {
		err := newBuckets(t).CreateBucket(t.Context(), "Not_A_Bucket", region)
		assert.True(t, domain.IsPermanent(err), "want a permanent error, got %v", err)
	})

	run(t, opts, "configure", func(t *testing.T) {
		b := newBuckets(t)
		name := createBucket(t, b, opts)
		require.NoError(t, b.ConfigureBucket(t.Context(), name, region, domain.BucketSettings{
			Website: &domain.WebsiteHosting{Enabled: true, IndexDocument: "index.html", ErrorDocument: "error.html"},
			CORS:    &domain.CORSConfiguration{Enabled: true, AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET", "HEAD"}, MaxAgeSeconds: 300},
		}))
	})

	run(t, opts, "policy-merge", func(t *testing.T) {
		b := newBuckets(t)
		name := createBucket(t, b, opts)
		ctx := t.Context()
		_, err := b.GetPolicy(ctx, name, region)
		require.ErrorIs(t, err, domain.ErrNotFound, "no policy yet")

		foreign := statement("TeamOwned", "arn:aws:cloudfront::000000000000:distribution/ETEAM0000000000", name)
		require.NoError(t, b.MergePolicyStatement(ctx, name, region, foreign))
		require.NoError(t, b.MergePolicyStatement(ctx, name, region, statement("CfmOAC", "arn:aws:cloudfront::000000000000:distribution/EONE00000000000", name)))
		require.NoError(t, b.MergePolicyStatement(ctx, name, region, statement("CfmOAC", "arn:aws:cloudfront::000000000000:distribution/ETWO00000000000", name)))
		got := policyStatements(t, b, name, region)
		require.Len(t, got, 2, "the product's statement is replaced by Sid, never duplicated")
		assert.JSONEq(t, string(foreign.JSON), string(got["TeamOwned"]), "foreign statement kept as is")
		assert.Contains(t, string(got["CfmOAC"]), "distribution/ETWO00000000000")

		require.NoError(t, b.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "CfmOAC"}))
		got = policyStatements(t, b, name, region)
		assert.Len(t, got, 1)
		assert.Contains(t, got, "TeamOwned")

		require.NoError(t, b.MergePolicyStatement(ctx, name, region, domain.PolicyStatement{Sid: "TeamOwned"}))
		_, err = b.GetPolicy(ctx, name, region)
		assert.ErrorIs(t, err, domain.ErrNotFound, "removing the last statement deletes the policy")
	})

	run(t, opts, "objects-and-delete", func(t *testing.T) {
		b := newBuckets(t)
		put := objectWriter(t, b, opts)
		name := createBucket(t, b, opts)
		ctx := t.Context()
		require.NoError(t, put(ctx, name, region, "index.html", []byte("<h1>hi</h1>")))
		empty, err := b.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.False(t, empty)
		assert.ErrorIs(t, b.DeleteBucket(ctx, name, region), domain.ErrConflict, "BucketNotEmpty")

		require.NoError(t, b.EmptyBucket(ctx, name, region))
		require.NoError(t, b.EmptyBucket(ctx, name, region), "emptying an empty bucket is fine")
		empty, err = b.IsEmpty(ctx, name, region)
		require.NoError(t, err)
		assert.True(t, empty)
		require.NoError(t, b.DeleteBucket(ctx, name, region))
		_, err = b.IsEmpty(ctx, name, region)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "not-found", func(t *testing.T) {
		b := newBuckets(t)
		name := unique("cfm-ct-missing-")
		_, err := b.IsEmpty(t.Context(), name, region)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = b.GetPolicy(t.Context(), name, region)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, b.DeleteBucket(t.Context(), name, region), domain.ErrNotFound)
	})
}
