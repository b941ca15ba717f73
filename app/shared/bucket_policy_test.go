package shared

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestOACStatement(t *testing.T) {
	st := OACStatement("b1", nil)
	assert.Equal(t, OACStatementSid, st.Sid)
	assert.Nil(t, st.JSON, "no distribution: remove the statement, never an empty SourceArn list")

	arns := []string{"arn:aws:cloudfront::111122223333:distribution/E1", "arn:aws:cloudfront::111122223333:distribution/E2"}
	st = OACStatement("b1", arns)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(st.JSON, &doc))
	assert.Equal(t, map[string]any{
		"Sid": OACStatementSid, "Effect": "Allow", "Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*",
		"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": []any{arns[0], arns[1]}}},
	}, doc)

	cn := OACStatement("b2", []string{"arn:aws-cn:cloudfront::111122223333:distribution/E1"})
	assert.Contains(t, string(cn.JSON), `"arn:aws-cn:s3:::b2/*"`, "the partition follows the distributions")
}

func TestPolicyAccess(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want BucketPolicyAccess
	}{
		{"none", ``, BucketPolicyAccess{}},
		{"ours", string(mustPolicy(OACStatement("b", []string{"arn:aws:cloudfront::1:distribution/E1"}).JSON)), BucketPolicyAccess{HasOACAccess: true}},
		{"single statement object with service list", `{"Statement":{"Effect":"Allow","Principal":{"Service":["cloudfront.amazonaws.com"]},"Action":["s3:GetObject"],"Resource":"*"}}`, BucketPolicyAccess{HasOACAccess: true}},
		{"oai", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"},"Action":"s3:GetObject","Resource":"*"}]}`, BucketPolicyAccess{HasOAIAccess: true}},
		{"deny does not grant", `{"Statement":[{"Effect":"Deny","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"}]}`, BucketPolicyAccess{}},
		{"other action", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}]}`, BucketPolicyAccess{}},
		{"public principal", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`, BucketPolicyAccess{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PolicyAccess([]byte(tc.doc))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := PolicyAccess([]byte(`{"Statement":`))
	assert.Error(t, err)
}

func mustPolicy(statement []byte) []byte {
	return []byte(`{"Version":"2012-10-17","Statement":[` + string(statement) + `]}`)
}

// slowBuckets keeps one statement per Sid and takes a random while to write it, so that
// concurrent SyncOriginPolicy calls interleave their reads and writes.
type slowBuckets struct {
	domain.Buckets
	mu     sync.Mutex
	policy map[string][]byte
	writes int
	// beforeFirstWrite runs once, between the first writer's read of the users and its write.
	beforeFirstWrite func()
}

func (b *slowBuckets) MergePolicyStatement(_ context.Context, _, _ string, st domain.PolicyStatement) error {
	b.mu.Lock()
	hook := b.beforeFirstWrite
	b.beforeFirstWrite = nil
	b.mu.Unlock()
	if hook != nil {
		hook()
	}
	time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writes++
	if st.JSON == nil {
		delete(b.policy, st.Sid)
		return nil
	}
	b.policy[st.Sid] = st.JSON
	return nil
}

func (b *slowBuckets) sourceARNs(t *testing.T) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	raw, ok := b.policy[OACStatementSid]
	if !ok {
		return nil
	}
	var st struct {
		Condition struct {
			StringEquals map[string][]string
		}
	}
	require.NoError(t, json.Unmarshal(raw, &st))
	return st.Condition.StringEquals["AWS:SourceArn"]
}

func testDeps(t *testing.T, b domain.Buckets) Deps {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return Deps{Store: st, Cloud: Cloud{Buckets: b}, Timing: DefaultTiming(), Prefix: "cfm"}
}

// Concurrent distribution workers attaching to the same origin must leave every one of them in
// the statement: the last writer re-reads the users after its write.
func TestSyncOriginPolicyConcurrentAttachesKeepEveryARN(t *testing.T) {
	b := &slowBuckets{policy: map[string][]byte{}}
	d := testDeps(t, b)
	ctx := context.Background()
	o := domain.ManagedOrigin{ID: "origin-1", BucketName: "bucket-1", Region: "us-east-1", Status: domain.OriginActive, CreatedAt: time.Now()}
	require.NoError(t, d.Store.Write(ctx, PutOrigin(&o)))

	const n = 12
	var wg sync.WaitGroup
	want := make([]string, 0, n)
	for i := range n {
		dist := domain.Distribution{ID: fmt.Sprintf("dist-%02d", i), ARN: fmt.Sprintf("arn:aws:cloudfront::1:distribution/E%02d", i),
			CloudFrontID: fmt.Sprintf("E%02d", i), Status: domain.DistributionInProgress, OriginIDs: []string{o.ID}, CreatedAt: time.Now()}
		want = append(want, dist.ARN)
		wg.Go(func() {
			assert.NoError(t, d.Store.Write(ctx, PutDistribution(&dist), d.PutOriginUse(o.ID, dist.ID)))
			assert.NoError(t, d.SyncOriginPolicy(ctx, o.ID))
		})
	}
	wg.Wait()
	assert.Equal(t, want, b.sourceARNs(t))

	// Detaching them all, concurrently, removes the statement.
	for i := range n {
		wg.Go(func() {
			dist, err := Load[domain.Distribution](ctx, d.Store, domain.KindDistribution, fmt.Sprintf("dist-%02d", i))
			assert.NoError(t, err)
			assert.NoError(t, d.DetachOrigins(ctx, dist))
		})
	}
	wg.Wait()
	assert.Nil(t, b.sourceARNs(t))
}

// The interleaving that loses an ARN without the re-read: worker A reads the users, worker B
// attaches and writes, then A writes its stale list.
func TestSyncOriginPolicyStaleWriterRewrites(t *testing.T) {
	b := &slowBuckets{policy: map[string][]byte{}}
	d := testDeps(t, b)
	ctx := context.Background()
	o := domain.ManagedOrigin{ID: "origin-1", BucketName: "bucket-1", Region: "us-east-1", Status: domain.OriginActive}
	require.NoError(t, d.Store.Write(ctx, PutOrigin(&o)))
	attach := func(id string) {
		dist := domain.Distribution{ID: id, ARN: "arn:aws:cloudfront::1:distribution/" + id, CloudFrontID: id, Status: domain.DistributionInProgress}
		require.NoError(t, d.Store.Write(ctx, PutDistribution(&dist), d.PutOriginUse(o.ID, dist.ID)))
	}
	attach("EA")
	b.beforeFirstWrite = func() {
		attach("EB")
		require.NoError(t, d.SyncOriginPolicy(ctx, o.ID)) // B finishes first
	}
	require.NoError(t, d.SyncOriginPolicy(ctx, o.ID)) // A, whose first write is stale
	assert.Equal(t, []string{"arn:aws:cloudfront::1:distribution/EA", "arn:aws:cloudfront::1:distribution/EB"}, b.sourceARNs(t))
	assert.Equal(t, 3, b.writes, "B once, A twice (stale, then fresh)")
}

func TestSyncOriginPolicyListsOnlyLiveUsers(t *testing.T) {
	b := &slowBuckets{policy: map[string][]byte{}}
	d := testDeps(t, b)
	ctx := context.Background()
	o := domain.ManagedOrigin{ID: "origin-1", BucketName: "bucket-1", Region: "us-east-1", Status: domain.OriginActive}
	require.NoError(t, d.Store.Write(ctx, PutOrigin(&o)))
	dists := []domain.Distribution{
		{ID: "dist-live", ARN: "arn:aws:cloudfront::1:distribution/ELIVE", CloudFrontID: "ELIVE", Status: domain.DistributionDeployed},
		{ID: "dist-creating", Status: domain.DistributionCreating},
		{ID: "dist-failed-in-cloud", ARN: "arn:aws:cloudfront::1:distribution/EFAIL", CloudFrontID: "EFAIL", Status: domain.DistributionFailed},
		{ID: "dist-failed-early", Status: domain.DistributionFailed},
		{ID: "dist-deleted", ARN: "arn:aws:cloudfront::1:distribution/EGONE", CloudFrontID: "EGONE", Status: domain.DistributionDeleted},
	}
	for i := range dists {
		require.NoError(t, d.Store.Write(ctx, PutDistribution(&dists[i]), d.PutOriginUse(o.ID, dists[i].ID)))
	}
	require.NoError(t, d.Store.Write(ctx, d.PutOriginUse(o.ID, "dist-record-gone")))
	require.NoError(t, d.SyncOriginPolicy(ctx, o.ID))
	assert.Equal(t, []string{"arn:aws:cloudfront::1:distribution/EFAIL", "arn:aws:cloudfront::1:distribution/ELIVE"}, b.sourceARNs(t))

	err := d.CheckUnused(ctx, o)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "dist-creating", "a distribution not yet in CloudFront still blocks the delete")
	assert.NotContains(t, err.Error(), "dist-failed-early")

	require.NoError(t, d.SyncOriginPolicy(ctx, "origin-missing"), "a gone origin has nothing to sync")
}
