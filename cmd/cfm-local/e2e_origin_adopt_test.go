package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// An existing bucket (the seed's own example, mybucket.s3.amazonaws.com) is refused under
// requireOac with the fix in the message; adopting it creates the OAC and merges the product's
// statement next to the owner's, leaves the owner's website settings alone, and deleting the
// origin keeps the bucket, its objects and the owner's statement.
func TestEndToEndAdoptExistingBucket(t *testing.T) {
	sys, anon := startLocalWith(t, func(c *config) { c.Policy.RequireOAC = true })
	alice := anon.login("alice", "developers")
	ctx := context.Background()
	const bucket, region = "mybucket", "us-east-1"
	require.NoError(t, sys.Cloud.CreateBucket(ctx, bucket, region))
	owner := &domain.WebsiteHosting{Enabled: true, IndexDocument: "home.html"}
	require.NoError(t, sys.Cloud.ConfigureBucket(ctx, bucket, region, domain.BucketSettings{Website: owner}))
	require.NoError(t, sys.Cloud.PutObject(ctx, bucket, "home.html", []byte("<p>hi</p>")))
	foreign := `{"Version":"2012-10-17","Statement":[{"Sid":"OwnerRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/owner"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::mybucket/*"}]}`
	require.NoError(t, sys.Cloud.SetPolicy(bucket, []byte(foreign)))

	r := alice.do("POST", "/api/distributions", bodyOnBucket("seed example", bucket))
	assertField(t, r, http.StatusUnprocessableEntity, "config.Origins.Items[0].DomainName")
	assert.Equal(t, "requireOac", dig(r.Body, "error", "rule"))
	assert.Contains(t, dig(r.Body, "error", "message"), "adopt it with POST /api/origins")

	// Adopting a bucket that does not exist fails the operation and names the field.
	r = alice.do("POST", "/api/origins", map[string]any{"name": "ghost", "bucketName": "no-such-bucket-here", "region": region, "adopt": true})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Failed", op["status"], op)
	assert.Contains(t, op["lastError"], "does not exist")

	r = alice.do("POST", "/api/origins", map[string]any{"name": "existing", "bucketName": bucket, "region": region, "adopt": true})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, true, dig(r.Body, "data", "origin", "adopted"))
	originID := dig(r.Body, "data", "origin", "originId").(string)
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Contains(t, stepNames(op), "AdoptBucket")
	assert.NotContains(t, stepNames(op), "CreateBucket")
	assert.NotContains(t, stepNames(op), "ConfigureBucket", "the owner's settings are left alone unless asked")
	settings, err := sys.Cloud.BucketSettings(bucket)
	require.NoError(t, err)
	assert.Equal(t, owner, settings.Website)
	r = alice.do("GET", "/api/origins/"+originID, nil)
	oacID := dig(r.Body, "data", "origin", "oacId").(string)
	_, err = sys.Cloud.GetOriginAccessControl(ctx, oacID)
	require.NoError(t, err)

	r = alice.do("POST", "/api/distributions", bodyOnBucket("seed example", bucket))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	item := dig(r.Body, "data", "distribution", "config", "Origins", "Items").([]any)[0].(map[string]any)
	assert.Equal(t, oacID, item["OriginAccessControlId"])
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	sts := policyStatements(t, sys, bucket, region)
	require.Contains(t, sts, "OwnerRead", "the owner's statement is merged with, never replaced")
	require.Contains(t, sts, shared.OACStatementSid)

	r = alice.do("DELETE", "/api/distributions/"+distID, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	// No force although the bucket holds objects: the bucket is not deleted.
	r = alice.do("DELETE", "/api/origins/"+originID, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.NotContains(t, stepNames(op), "DeleteBucket")
	empty, err := sys.Cloud.IsEmpty(ctx, bucket, region)
	require.NoError(t, err, "the adopted bucket still exists")
	assert.False(t, empty, "and keeps its objects")
	sts = policyStatements(t, sys, bucket, region)
	assert.Contains(t, sts, "OwnerRead")
	assert.NotContains(t, sts, shared.OACStatementSid)
	_, err = sys.Cloud.GetOriginAccessControl(ctx, oacID)
	assert.ErrorIs(t, err, domain.ErrNotFound, "the product's OAC is gone")
}

// CFM_SIM_BUCKETS gives the simulated account buckets of its own, so adopt can be tried
// locally (make run, the console's browser tests): such a bucket is adopted, not created.
func TestEndToEndAdoptSimulatedAccountBucket(t *testing.T) {
	t.Setenv("CFM_SIM_BUCKETS", "owners-site:eu-west-1, owners-assets:ap-northeast-2")
	cfg, err := configFromEnv()
	require.NoError(t, err)
	assert.Equal(t, []simBucket{{"owners-site", "eu-west-1"}, {"owners-assets", "ap-northeast-2"}}, cfg.SimBuckets)
	t.Setenv("CFM_SIM_BUCKETS", "owners-site")
	_, err = configFromEnv()
	require.ErrorContains(t, err, "CFM_SIM_BUCKETS")

	_, anon := startLocalWith(t, func(c *config) { c.SimBuckets = cfg.SimBuckets })
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/origins", map[string]any{"name": "owners", "bucketName": "owners-site", "region": "eu-west-1", "adopt": true})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Contains(t, stepNames(op), "AdoptBucket")
	assert.NotContains(t, stepNames(op), "CreateBucket")
}
