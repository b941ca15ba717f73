package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// startLocalWith runs the local system with a changed config (e.g. a policy allowing aliases).
func startLocalWith(t *testing.T, change func(*config)) (*system, *client) {
	t.Helper()
	cfg := config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), DeploySeconds: 0.3, PollInitial: 100 * time.Millisecond, WatchTick: 100 * time.Millisecond,
		ReplicaSeconds: 1, Policy: domain.DefaultPolicy(), PublicURL: "http://cfm.test"}
	if change != nil {
		change(&cfg)
	}
	sys, err := start(context.Background(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(sys.Handler)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, sys.Close())
	})
	return sys, &client{t: t, base: srv.URL}
}

func newOriginBody(name, bucket, region string) map[string]any {
	return map[string]any{
		"name": name, "bucketName": bucket, "region": region,
		"websiteHosting": map[string]any{"enabled": true, "indexDocument": "index.html", "errorDocument": "404.html"},
		"corsConfiguration": map[string]any{"enabled": true, "allowedOrigins": []string{"https://mydomain.com"},
			"allowedMethods": []string{"GET", "HEAD", "OPTIONS"}, "allowedHeaders": []string{"*"}, "maxAgeSeconds": 3600},
	}
}

// createOrigin posts an origin and waits until its operation succeeded; it returns the origin id.
func (c *client) createOrigin(name, bucket, region string) string {
	c.t.Helper()
	r := c.do("POST", "/api/origins", newOriginBody(name, bucket, region))
	require.Equal(c.t, http.StatusAccepted, r.Status, string(r.Raw))
	op := c.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(c.t, "Succeeded", op["status"], op)
	return dig(r.Body, "data", "origin", "originId").(string)
}

// bodyOnBucket is a distribution on a managed bucket, addressed by its global S3 domain.
func bodyOnBucket(name, bucket string) map[string]any {
	b := seedCreateBody(name)
	b["config"].(map[string]any)["Origins"] = map[string]any{"Quantity": 1, "Items": []any{map[string]any{
		"Id": "origin-1", "DomainName": bucket + ".s3.amazonaws.com", "S3OriginConfig": map[string]any{"OriginAccessIdentity": ""}}}}
	return b
}

// policyStatements reads the bucket policy's statements by Sid.
func policyStatements(t *testing.T, sys *system, bucket, region string) map[string]map[string]any {
	t.Helper()
	raw, err := sys.Cloud.GetPolicy(context.Background(), bucket, region)
	if err != nil {
		require.ErrorIs(t, err, domain.ErrNotFound)
		return map[string]map[string]any{}
	}
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal(raw, &doc), string(raw))
	out := map[string]map[string]any{}
	for _, s := range doc.Statement {
		out[s["Sid"].(string)] = s
	}
	return out
}

func TestEndToEndOriginLifecycleWithDistribution(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	ctx := context.Background()

	r := alice.do("POST", "/api/origins", newOriginBody("EU origin", "my-content-eu", "eu-central-1"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	assert.Equal(t, "/api/operations/"+opID, r.Header.Get("Location"))
	assert.Equal(t, "Creating", dig(r.Body, "data", "origin", "status"))
	originID := dig(r.Body, "data", "origin", "originId").(string)
	assert.Regexp(t, `^origin-[0-9a-f]{16}$`, originID)
	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)

	r = alice.do("GET", "/api/origins/"+originID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	o := dig(r.Body, "data", "origin").(map[string]any)
	assert.Equal(t, "Active", o["status"])
	assert.Equal(t, "https://my-content-eu.s3.eu-central-1.amazonaws.com", o["bucketUrl"])
	assert.Equal(t, []any{}, o["associatedDistributions"])
	assert.Equal(t, map[string]any{"hasOacAccess": false, "hasOaiAccess": false}, o["bucketPolicy"])
	oacID := o["oacId"].(string)
	oac, err := sys.Cloud.GetOriginAccessControl(ctx, oacID)
	require.NoError(t, err)
	assert.Equal(t, "cfm-"+originID, oac.Name)

	settings, err := sys.Cloud.BucketSettings("my-content-eu")
	require.NoError(t, err)
	require.NotNil(t, settings.Website)
	assert.Equal(t, "404.html", settings.Website.ErrorDocument)
	require.NotNil(t, settings.CORS)
	assert.Equal(t, []string{"GET", "HEAD"}, settings.CORS.AllowedMethods, "OPTIONS is dropped: S3 answers preflight itself")
	assert.Empty(t, policyStatements(t, sys, "my-content-eu", "eu-central-1"), "no distribution yet: no statement, never an empty SourceArn")

	// Someone else's statement must survive every merge.
	foreign := `{"Version":"2012-10-17","Statement":[{"Sid":"AuditRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/audit"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::my-content-eu"}]}`
	require.NoError(t, sys.Cloud.SetPolicy("my-content-eu", []byte(foreign)))

	r = alice.do("POST", "/api/distributions", bodyOnBucket("on managed bucket", "my-content-eu"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	item := dig(r.Body, "data", "distribution", "config", "Origins", "Items").([]any)[0].(map[string]any)
	assert.Equal(t, "my-content-eu.s3.eu-central-1.amazonaws.com", item["DomainName"], "the regional domain")
	assert.Equal(t, oacID, item["OriginAccessControlId"])
	assert.Equal(t, []any{originID}, dig(r.Body, "data", "distribution", "originIds"))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	r = alice.do("GET", "/api/distributions/"+distID, nil)
	distARN := dig(r.Body, "data", "distribution", "arn").(string)
	require.NotEmpty(t, distARN)

	sts := policyStatements(t, sys, "my-content-eu", "eu-central-1")
	require.Contains(t, sts, "AuditRead", "a foreign statement survives")
	require.Contains(t, sts, shared.OACStatementSid)
	ours := sts[shared.OACStatementSid]
	assert.Equal(t, map[string]any{"Service": "cloudfront.amazonaws.com"}, ours["Principal"])
	assert.Equal(t, "s3:GetObject", ours["Action"])
	assert.Equal(t, "arn:aws:s3:::my-content-eu/*", ours["Resource"])
	assert.Equal(t, []any{distARN}, dig(ours, "Condition", "StringEquals", "AWS:SourceArn"), "exactly this distribution")

	r = alice.do("GET", "/api/origins/"+originID, nil)
	o = dig(r.Body, "data", "origin").(map[string]any)
	assert.Equal(t, []any{distARN}, o["associatedDistributions"])
	assert.Equal(t, []any{distID}, o["associatedDistributionIds"])
	assert.Equal(t, true, dig(o, "bucketPolicy", "hasOacAccess"))
	r = alice.do("GET", "/api/origins?limit=5", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	rows := dig(r.Body, "data", "origins").([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, []any{distARN}, rows[0].(map[string]any)["associatedDistributions"])

	// In use: the origin cannot go.
	r = alice.do("DELETE", "/api/origins/"+originID+"?force=true", nil)
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))
	assert.Contains(t, dig(r.Body, "error", "message"), distID)

	// Deleting the distribution removes it from the bucket policy; the foreign statement stays.
	r = alice.do("DELETE", "/api/distributions/"+distID, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	sts = policyStatements(t, sys, "my-content-eu", "eu-central-1")
	assert.NotContains(t, sts, shared.OACStatementSid, "the last user gone: no statement")
	assert.Contains(t, sts, "AuditRead")
	r = alice.do("GET", "/api/origins/"+originID, nil)
	assert.Equal(t, []any{}, dig(r.Body, "data", "origin", "associatedDistributions"))

	// Update converges CORS / website; the name is metadata.
	r = alice.do("PUT", "/api/origins/"+originID, map[string]any{"name": "renamed",
		"corsConfiguration": map[string]any{"enabled": true, "allowedOrigins": []string{"*"}, "allowedMethods": []string{"GET"}, "maxAgeSeconds": 60}})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, "renamed", dig(r.Body, "data", "origin", "name"))
	assert.EqualValues(t, 60, dig(r.Body, "data", "origin", "corsConfiguration", "maxAgeSeconds"), "the 202 shows the settings asked for")
	assert.NotNil(t, dig(r.Body, "data", "origin", "websiteHosting"), "and the ones kept")
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	settings, err = sys.Cloud.BucketSettings("my-content-eu")
	require.NoError(t, err)
	assert.Equal(t, []string{"*"}, settings.CORS.AllowedOrigins)
	assert.Equal(t, 60, settings.CORS.MaxAgeSeconds)
	require.NotNil(t, settings.Website, "website settings kept when left out")
	r = alice.do("GET", "/api/origins/"+originID, nil)
	assert.Equal(t, "renamed", dig(r.Body, "data", "origin", "name"))
	assert.Equal(t, "Active", dig(r.Body, "data", "origin", "status"))
}

func TestEndToEndOriginDeleteNeedsForceForObjects(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	ctx := context.Background()
	originID := alice.createOrigin("data", "bucket-with-data", "us-west-2")
	r := alice.do("GET", "/api/origins/"+originID, nil)
	oacID := dig(r.Body, "data", "origin", "oacId").(string)
	require.NoError(t, sys.Cloud.PutObject(ctx, "bucket-with-data", "index.html", []byte("<h1>hi</h1>")))

	r = alice.do("DELETE", "/api/origins/"+originID, nil)
	require.Equal(t, http.StatusConflict, r.Status, string(r.Raw))
	assert.Contains(t, dig(r.Body, "error", "message"), "force")
	empty, err := sys.Cloud.IsEmpty(ctx, "bucket-with-data", "us-west-2")
	require.NoError(t, err)
	assert.False(t, empty, "nothing was removed")
	r = alice.do("GET", "/api/origins/"+originID, nil)
	assert.Equal(t, "Active", dig(r.Body, "data", "origin", "status"))

	r = alice.do("DELETE", "/api/origins/"+originID+"?force=maybe", nil)
	assertField(t, r, http.StatusBadRequest, "force")

	r = alice.do("DELETE", "/api/origins/"+originID+"?force=true", nil, "Idempotency-Key", "del-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	_, err = sys.Cloud.IsEmpty(ctx, "bucket-with-data", "us-west-2")
	assert.ErrorIs(t, err, domain.ErrNotFound, "the bucket is gone")
	_, err = sys.Cloud.GetOriginAccessControl(ctx, oacID)
	assert.ErrorIs(t, err, domain.ErrNotFound, "the OAC is gone")
	r = alice.do("GET", "/api/origins/"+originID, nil)
	assert.Equal(t, http.StatusNotFound, r.Status)

	// The same delete again (a client retry) answers the same operation.
	r = alice.do("DELETE", "/api/origins/"+originID+"?force=true", nil, "Idempotency-Key", "del-1")
	if r.Status == http.StatusAccepted {
		assert.Equal(t, opID, dig(r.Body, "data", "operation", "id"))
	} else {
		assert.Equal(t, http.StatusNotFound, r.Status, string(r.Raw))
	}
	// The bucket name is free again.
	alice.createOrigin("again", "bucket-with-data", "us-west-2")
}

func TestEndToEndOriginConflictsAndRetries(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	alice.createOrigin("one", "taken-bucket", "us-east-1")

	r := alice.do("POST", "/api/origins", newOriginBody("two", "taken-bucket", "us-east-1"))
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))
	assert.Contains(t, dig(r.Body, "error", "message"), "taken-bucket")

	// A bucket owned by another account fails the operation and marks the origin Failed; its
	// delete leaves the foreign bucket alone.
	require.NoError(t, sys.Cloud.AddForeignBucket("someone-elses", "us-east-1"))
	r = alice.do("POST", "/api/origins", newOriginBody("foreign", "someone-elses", "us-east-1"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	assert.Equal(t, "Failed", op["status"])
	id := dig(r.Body, "data", "origin", "originId").(string)
	r = alice.do("GET", "/api/origins/"+id, nil)
	assert.Equal(t, "Failed", dig(r.Body, "data", "origin", "status"))
	r = alice.do("DELETE", "/api/origins/"+id, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	assert.Equal(t, "Succeeded", op["status"], op)
	_, err := sys.Cloud.IsEmpty(context.Background(), "someone-elses", "us-east-1")
	assert.ErrorIs(t, err, domain.ErrForbidden, "the foreign bucket still exists")
}

// Lost responses and throttling during an origin create never make a second bucket or OAC.
func TestEndToEndOriginCreateSurvivesFaults(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	for _, f := range []struct {
		name   string
		bucket string
		faults func()
	}{
		{"lost responses", "lost-responses", func() { sys.Cloud.InjectFaults(cloudFaults(0, 2)) }},
		{"throttled", "throttled-bucket", func() { sys.Cloud.InjectFaults(cloudFaults(3, 0)) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			alice.t = t
			f.faults()
			id := alice.createOrigin(f.name, f.bucket, "ap-northeast-2")
			sys.Cloud.InjectFaults(cloudFaults(0, 0))
			r := alice.do("GET", "/api/origins/"+id, nil)
			oacID := dig(r.Body, "data", "origin", "oacId").(string)
			// Exactly one OAC carries the origin's name: creating it again finds the same one.
			_, err := sys.Cloud.CreateOriginAccessControl(context.Background(), "cfm-"+id, "probe")
			var exists *domain.AlreadyExistsError
			require.ErrorAs(t, err, &exists)
			assert.Equal(t, oacID, exists.ExistingID)
		})
	}
}

func TestEndToEndOriginAuthorizationAndValidation(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	bob := anon.login("bob", "developers")
	viewer := anon.login("victor", "viewers")
	admin := anon.login("ada", "admins")
	originID := alice.createOrigin("alice's", "alice-bucket", "eu-west-1")

	// Reads: everyone.
	for _, c := range []*client{viewer, bob, admin} {
		r := c.do("GET", "/api/origins/"+originID, nil)
		assert.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	}
	rename := map[string]any{"name": "x"}
	cases := []struct {
		name   string
		c      *client
		method string
		path   string
		body   any
		status int
		field  string
	}{
		{"no token", anon, "GET", "/api/origins", nil, http.StatusUnauthorized, ""},
		{"viewer cannot create", viewer, "POST", "/api/origins", newOriginBody("v", "viewer-bucket", "us-east-1"), http.StatusForbidden, ""},
		{"viewer cannot update", viewer, "PUT", "/api/origins/" + originID, rename, http.StatusForbidden, ""},
		{"viewer cannot delete", viewer, "DELETE", "/api/origins/" + originID, nil, http.StatusForbidden, ""},
		{"other developer cannot update", bob, "PUT", "/api/origins/" + originID, rename, http.StatusForbidden, ""},
		{"other developer cannot delete", bob, "DELETE", "/api/origins/" + originID, nil, http.StatusForbidden, ""},
		{"missing origin", alice, "GET", "/api/origins/origin-missing", nil, http.StatusNotFound, ""},
		{"bad bucket name", alice, "POST", "/api/origins", newOriginBody("x", "Bad_Bucket", "us-east-1"), http.StatusBadRequest, "bucketName"},
		{"unknown region", alice, "POST", "/api/origins", newOriginBody("x", "good-bucket", "mars-north-1"), http.StatusBadRequest, "region"},
		{"no name", alice, "POST", "/api/origins", newOriginBody("", "good-bucket", "us-east-1"), http.StatusBadRequest, "name"},
		{"long name", alice, "POST", "/api/origins", newOriginBody(string(make([]rune, 129)), "good-bucket", "us-east-1"), http.StatusBadRequest, "name"},
		{"bad cors method", alice, "POST", "/api/origins", withCORS(map[string]any{"enabled": true, "allowedOrigins": []string{"*"}, "allowedMethods": []string{"PATCH"}}), http.StatusBadRequest, "corsConfiguration.allowedMethods[0]"},
		{"bad cors origin", alice, "POST", "/api/origins", withCORS(map[string]any{"enabled": true, "allowedOrigins": []string{"mydomain.com"}, "allowedMethods": []string{"GET"}}), http.StatusBadRequest, "corsConfiguration.allowedOrigins[0]"},
		{"cors max age", alice, "POST", "/api/origins", withCORS(map[string]any{"enabled": true, "allowedOrigins": []string{"*"}, "allowedMethods": []string{"GET"}, "maxAgeSeconds": 86401}), http.StatusBadRequest, "corsConfiguration.maxAgeSeconds"},
		{"index with slash", alice, "POST", "/api/origins", withWebsite(map[string]any{"enabled": true, "indexDocument": "a/index.html"}), http.StatusBadRequest, "websiteHosting.indexDocument"},
		{"error document path", alice, "POST", "/api/origins", withWebsite(map[string]any{"enabled": true, "errorDocument": "../404.html"}), http.StatusBadRequest, "websiteHosting.errorDocument"},
		{"unknown field", alice, "POST", "/api/origins", map[string]any{"name": "x", "bogus": true}, http.StatusBadRequest, "bogus"},
		{"wrong type", alice, "POST", "/api/origins", `{"name": 5}`, http.StatusBadRequest, "name"},
		{"bucket cannot change", alice, "PUT", "/api/origins/" + originID, map[string]any{"bucketName": "other"}, http.StatusBadRequest, "bucketName"},
		{"empty update", alice, "PUT", "/api/origins/" + originID, map[string]any{}, http.StatusBadRequest, "(body)"},
		{"bad update name", alice, "PUT", "/api/origins/" + originID, map[string]any{"name": " "}, http.StatusBadRequest, "name"},
		{"bad limit", alice, "GET", "/api/origins?limit=0", nil, http.StatusBadRequest, "limit"},
		{"bad cursor", alice, "GET", "/api/origins?cursor=garbage", nil, http.StatusBadRequest, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.t = t
			r := tc.c.do(tc.method, tc.path, tc.body)
			assertField(t, r, tc.status, tc.field)
		})
	}
	// The owner and an admin may change it.
	alice.t, admin.t = t, t
	r := alice.do("PUT", "/api/origins/"+originID, rename)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	r = admin.do("DELETE", "/api/origins/"+originID, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := admin.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	assert.Equal(t, "Succeeded", op["status"], op)
}

// An origin still being created cannot back a distribution: its OAC may not exist yet.
func TestEndToEndDistributionOnUnreadyOriginIsConflict(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	sys.cancel() // no worker: the origin stays Creating
	sys.wg.Wait()
	r := alice.do("POST", "/api/origins", newOriginBody("slow", "slow-bucket", "us-east-1"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	r = alice.do("POST", "/api/distributions", bodyOnBucket("too early", "slow-bucket"))
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))
	assert.Contains(t, dig(r.Body, "error", "message"), "Creating")
	r = alice.do("GET", "/api/origins?limit=1", nil)
	originID := dig(r.Body, "data", "origins").([]any)[0].(map[string]any)["originId"].(string)
	r = alice.do("DELETE", "/api/origins/"+originID, nil)
	assert.Equal(t, http.StatusConflict, r.Status, "busy: wait for the create")
}

func cloudFaults(throttle, lost int) cloud.Faults {
	return cloud.Faults{ThrottleNext: throttle, FailAfterWrite: lost}
}

func withCORS(c map[string]any) map[string]any {
	b := newOriginBody("x", "good-bucket", "us-east-1")
	b["corsConfiguration"] = c
	return b
}

func withWebsite(w map[string]any) map[string]any {
	b := newOriginBody("x", "good-bucket", "us-east-1")
	b["websiteHosting"] = w
	return b
}

// assertField checks an error answer's status and, when given, the first offending field.
func assertField(t *testing.T, r reply, status int, field string) {
	t.Helper()
	require.Equal(t, status, r.Status, string(r.Raw))
	assert.Equal(t, false, r.Body["success"])
	assert.NotEmpty(t, dig(r.Body, "error", "code"))
	if field != "" {
		fields, _ := dig(r.Body, "error", "fields").([]any)
		require.NotEmpty(t, fields, string(r.Raw))
		assert.Equal(t, field, fields[0].(map[string]any)["field"], string(r.Raw))
	}
}

// A deployed product may only manage buckets with its prefix (its IAM policy reaches no other):
// the policy says so and the API refuses other names before anything is created.
func TestEndToEndOriginBucketPrefixPolicy(t *testing.T) {
	_, anon := startLocalWith(t, func(c *config) { c.Policy.OriginBucketPrefix = "cfm-" })
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/origins", newOriginBody("eu", "my-content-eu", "eu-central-1"))
	assertField(t, r, http.StatusUnprocessableEntity, "bucketName")
	assert.Equal(t, "originBucketPrefix", dig(r.Body, "error", "rule"))
	r = alice.do("POST", "/api/origins", newOriginBody("eu", "cfm-content-eu", "eu-central-1"))
	assert.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
}
