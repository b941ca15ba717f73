package chaos

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

// The audit finds each kind of problem it reports: a second CloudFront distribution for one
// product distribution, cloud resources no record points at, and records that disagree.
func TestCompareFindsDuplicatesOrphansAndDisagreements(t *testing.T) {
	dir := t.TempDir()
	cl, err := cloud.Open(filepath.Join(dir, "cloud"), cloud.Options{DeploySeconds: -1})
	require.NoError(t, err)
	ctx := t.Context()
	create := func(ref, product string) domain.LiveDistribution {
		live, err := cl.CreateDistribution(ctx, cloudtest.MinimalConfig(ref))
		require.NoError(t, err)
		require.NoError(t, cl.TagResource(ctx, live.ARN, map[string]string{"cfm:distribution": product}))
		return live
	}
	good := create("op-good", "dist-good")
	first := create("op-dup-1", "dist-dup")
	create("op-dup-2", "dist-dup") // the second create of one distribution
	drifted := create("op-drift", "dist-drift")
	orphan := create("op-orphan", "dist-gone")
	oac, err := cl.CreateOriginAccessControl(ctx, "oac-kept", "")
	require.NoError(t, err)
	_, err = cl.CreateOriginAccessControl(ctx, "oac-orphan", "")
	require.NoError(t, err)
	require.NoError(t, cl.CreateBucket(ctx, "kept-bucket", "us-east-1"))
	require.NoError(t, cl.CreateBucket(ctx, "orphan-bucket", "us-east-1"))
	require.NoError(t, cl.Close())

	otherConfig := drifted.Config
	otherConfig.Comment = "not what CloudFront has"
	recs := records{
		dists: []domain.Distribution{
			{ID: "dist-good", CloudFrontID: good.ID, Status: domain.DistributionDeployed, Config: good.Config},
			{ID: "dist-dup", CloudFrontID: first.ID, Status: domain.DistributionDeployed, Config: first.Config},
			{ID: "dist-drift", CloudFrontID: drifted.ID, Status: domain.DistributionDeployed, Config: otherConfig},
			{ID: "dist-missing", CloudFrontID: "E0NOSUCHDIST00", Status: domain.DistributionDeployed},
			{ID: "dist-stuck", Status: domain.DistributionCreating},
			{ID: "dist-failed", Status: domain.DistributionFailed}, // never reached CloudFront: fine
		},
		origins: []domain.ManagedOrigin{{ID: "origin-1", BucketName: "kept-bucket", OACID: oac.ID, Status: domain.OriginActive}},
	}
	ops := []finalOp{
		{ID: "op-1", Action: "create distribution", Resource: "dist-nowhere", Status: "Succeeded"}, // no record
		{ID: "op-2", Action: "delete origin", Resource: "origin-1", Status: "Succeeded"},           // record still there
		{ID: "op-3", Action: "invalidate", Resource: "dist-good", Status: "Succeeded", InvalidationID: "I0NOSUCH"},
		{ID: "op-4", Action: "create distribution", Resource: "dist-deleted", Status: "Succeeded"}, // then deleted: fine
		{ID: "op-5", Action: "delete distribution", Resource: "dist-deleted", Status: "Succeeded"},
		{ID: "op-6", Action: "create distribution", Resource: "dist-failed", Status: "Failed"},
	}
	f, err := compare(dir, -1, recs, ops)
	require.NoError(t, err)
	require.Len(t, f.duplicates, 1)
	assert.Contains(t, f.duplicates[0], "dist-dup")
	assert.Len(t, f.orphans, 4, "the second dup, the deleted record's distribution, an OAC, a bucket: %v", f.orphans)
	assert.Contains(t, f.orphans, "bucket orphan-bucket has no origin")
	assert.Condition(t, func() bool {
		for _, o := range f.orphans {
			if bytes.Contains([]byte(o), []byte(orphan.ID)) {
				return true
			}
		}
		return false
	})
	assert.Len(t, f.disagreements, 6, "%v", f.disagreements)
	for _, op := range []string{"op-1", "op-2", "op-3"} {
		assert.Condition(t, func() bool {
			return slices.ContainsFunc(f.disagreements, func(s string) bool { return strings.Contains(s, "("+op+")") })
		}, op)
	}
	assert.Equal(t, Audited{Distributions: 6, Origins: 1, CloudDistributions: 5, Buckets: 2, OACs: 2}, f.audited)
}

func TestReportGoal(t *testing.T) {
	ok := Report{Accepted: 3, Succeeded: 2, Failed: map[string]int{"x": 1}}
	assert.True(t, ok.OK())
	for name, bad := range map[string]func(*Report){
		"lost":          func(r *Report) { r.Lost = []string{"a"} },
		"stuck":         func(r *Report) { r.Stuck = []string{"a"} },
		"duplicate":     func(r *Report) { r.Duplicates = []string{"a"} },
		"orphan":        func(r *Report) { r.Orphans = []string{"a"} },
		"disagreement":  func(r *Report) { r.Disagreements = []string{"a"} },
		"unexplained":   func(r *Report) { r.Unexplained = []string{"a"} },
		"unexpected":    func(r *Report) { r.Unexpected = []string{"a"} },
		"nothing to do": func(r *Report) { r.Accepted = 0 },
	} {
		r := ok
		bad(&r)
		assert.False(t, r.OK(), name)
		var out bytes.Buffer
		r.Print(&out)
		assert.Contains(t, out.String(), "goal NOT met", name)
	}
}

func TestReasonsGroupAndExplain(t *testing.T) {
	assert.Equal(t, reasonOf("permanent: distribution dist-0123456789abcdef was deleted before this invalidation ran"),
		reasonOf("permanent: distribution dist-fedcba9876543210 was deleted before this invalidation ran"))
	assert.Equal(t, "distribution deleted before its invalidation ran",
		explain(reasonOf("permanent: distribution dist-0123456789abcdef was deleted before this invalidation ran")))
	assert.Empty(t, explain(reasonOf("permanent: distribution dist-0123456789abcdef was deleted: get distribution/dist-0123456789abcdef: not found")),
		"the old message, with a store key, is not an explanation")
	assert.Empty(t, explain("context deadline exceeded"), "an unknown reason is unexplained")
	assert.Equal(t, 2*time.Second, percentile([]time.Duration{3 * time.Second, time.Second, 2 * time.Second}, 0.5))
	assert.Equal(t, 3*time.Second, percentile([]time.Duration{3 * time.Second, time.Second, 2 * time.Second}, 0.99))
}
