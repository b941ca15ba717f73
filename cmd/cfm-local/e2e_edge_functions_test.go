package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// seedFunctionBody is the seed's POST /lambda-edge/functions example.
func seedFunctionBody(name string) map[string]any {
	return map[string]any{
		"name":   name,
		"preset": "geographic",
		"origins": map[string]any{
			"default": map[string]any{"originId": "origin-us-east-1", "region": "us-east-1", "bucketName": "content-bucket-us"},
			"additional": []any{
				map[string]any{"originId": "origin-eu-central-1", "region": "eu-central-1", "bucketName": "content-bucket-eu"},
				map[string]any{"originId": "origin-ap-southeast-1", "region": "ap-southeast-1", "bucketName": "content-bucket-sg"},
			},
		},
	}
}

func TestEndToEndEdgeFunctionLifecycle(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	bob := anon.login("bob", "developers")
	viewer := anon.login("victor", "viewers")
	ctx := context.Background()

	r := viewer.do("POST", "/api/lambda-edge/functions", seedFunctionBody("custom-routing-function"))
	assert.Equal(t, http.StatusForbidden, r.Status, string(r.Raw))

	r = alice.do("POST", "/api/lambda-edge/functions", seedFunctionBody("custom-routing-function"), "Idempotency-Key", "fn-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	fn := dig(r.Body, "data", "function").(map[string]any)
	fnID := fn["functionId"].(string)
	assert.Regexp(t, `^func-[0-9a-f]{16}$`, fnID)
	assert.Equal(t, "custom-routing-function-"+fnID[len(fnID)-8:], fn["functionName"], "the seed's name-suffix shape")
	assert.Equal(t, "lambda-edge", fn["target"], "this endpoint defaults to Lambda@Edge")
	assert.Equal(t, "Creating", fn["status"])
	again := alice.do("POST", "/api/lambda-edge/functions", seedFunctionBody("custom-routing-function"), "Idempotency-Key", "fn-1")
	require.Equal(t, http.StatusAccepted, again.Status, string(again.Raw))
	assert.Equal(t, fnID, dig(again.Body, "data", "function", "functionId"), "same key, same function")
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	for _, s := range []string{"CreateFunction:Done", "WaitForFunctionActive:Done", "PublishVersion:Done", "AllowCloudFront:Done"} {
		assert.Contains(t, stepStatuses(op), s)
	}

	r = viewer.do("GET", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	got := dig(r.Body, "data", "function").(map[string]any)
	assert.Equal(t, "Active", got["status"])
	name := got["functionName"].(string)
	assert.Equal(t, "arn:aws:lambda:us-east-1:"+sys.Cloud.AccountID()+":function:"+name, got["functionArn"])
	assert.Equal(t, got["functionArn"].(string)+":1", got["versionArn"])
	assert.EqualValues(t, 5, got["timeout"])
	assert.EqualValues(t, 128, got["memorySize"])
	assert.NotEmpty(t, got["runtime"])
	assert.Greater(t, got["codeSize"], float64(1000))
	assert.Equal(t, []any{}, got["associatedDistributions"])
	assert.Equal(t, "alice", got["createdBy"])
	assert.Equal(t, "content-bucket-sg", dig(got, "origins", "additional").([]any)[1].(map[string]any)["bucketName"])
	lf, err := sys.Cloud.Lambda().GetFunction(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, got["versionArn"], lf.VersionARN)

	// A second function, then the list pages newest first.
	r = alice.do("POST", "/api/lambda-edge/functions", func() map[string]any {
		b := seedFunctionBody("cff-router")
		b["target"] = "cloudfront-function"
		return b
	}())
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	second := dig(r.Body, "data", "function", "functionId").(string)
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Contains(t, stepStatuses(op), "PublishFunction:Done")

	r = viewer.do("GET", "/api/lambda-edge/functions?limit=1", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	rows := dig(r.Body, "data", "functions").([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, second, rows[0].(map[string]any)["functionId"])
	cursor := dig(r.Body, "data", "nextCursor").(string)
	require.NotEmpty(t, cursor)
	r = viewer.do("GET", "/api/lambda-edge/functions?limit=1&cursor="+cursor, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	rows = dig(r.Body, "data", "functions").([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, fnID, rows[0].(map[string]any)["functionId"])
	assert.Equal(t, "", dig(r.Body, "data", "nextCursor"))

	// Only the owner (or an admin) deletes; viewers never do.
	r = viewer.do("DELETE", "/api/lambda-edge/functions/"+fnID, nil)
	assert.Equal(t, http.StatusForbidden, r.Status, string(r.Raw))
	r = bob.do("DELETE", "/api/lambda-edge/functions/"+fnID, nil)
	assert.Equal(t, http.StatusForbidden, r.Status, string(r.Raw))
	r = alice.do("DELETE", "/api/lambda-edge/functions/func-0000000000000000", nil)
	assert.Equal(t, http.StatusNotFound, r.Status, string(r.Raw))

	// In use by a distribution (attached outside the product): the deletion waits, repeating
	// DELETE answers with the same operation, and it completes once CloudFront lets go of the
	// replicas.
	live, err := sys.Cloud.CreateDistribution(ctx, usingLambda(got["versionArn"].(string)))
	require.NoError(t, err)
	r = alice.do("DELETE", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	delOpID := dig(r.Body, "data", "operation", "id").(string)
	assert.Equal(t, "Deleting", dig(r.Body, "data", "function", "status"))
	repeat := alice.do("DELETE", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusAccepted, repeat.Status, string(repeat.Raw))
	assert.Equal(t, delOpID, dig(repeat.Body, "data", "operation", "id"))
	step := alice.waitStep(delOpID, "WaitUntilDeletable", 20*time.Second)
	assert.Equal(t, "Waiting", step["status"])
	assert.Contains(t, step["detail"], "replicated function")
	r = alice.do("GET", "/api/operations/"+delOpID, nil)
	assert.Equal(t, "Running", dig(r.Body, "data", "operation", "status"), "waiting is not failing")
	disabled := live.Config
	disabled.Enabled = domain.Bool(false)
	disabled.DefaultCacheBehavior.LambdaFunctionAssociations = nil
	_, err = sys.Cloud.UpdateDistribution(ctx, live.ID, disabled, live.ETag)
	require.NoError(t, err)
	delOp := alice.waitOperation(delOpID, 120*time.Second)
	require.Equal(t, "Succeeded", delOp["status"], delOp)
	assert.Contains(t, stepStatuses(delOp), "WaitUntilDeletable:Done")
	assert.Contains(t, stepStatuses(delOp), "DeleteFunction:Done")
	waitGone(t, alice, "/api/lambda-edge/functions/"+fnID, 5*time.Second)
	_, err = sys.Cloud.Lambda().GetFunction(ctx, name)
	assert.ErrorIs(t, err, domain.ErrNotFound)

	// A CloudFront Function nobody uses goes at once.
	r = alice.do("DELETE", "/api/lambda-edge/functions/"+second, nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	delOp = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", delOp["status"], delOp)
	waitGone(t, alice, "/api/lambda-edge/functions/"+second, 5*time.Second)
}

// usingLambda is a minimal config attaching a Lambda version, as a distribution made outside
// the product would.
func usingLambda(versionARN string) domain.DistributionConfig {
	return domain.DistributionConfig{CallerReference: "outside-" + versionARN[len(versionARN)-12:], Comment: "outside", Enabled: domain.Bool(true),
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "o", DomainName: "content-bucket-us.s3.us-east-1.amazonaws.com",
			S3OriginConfig: &domain.S3OriginConfig{}}}},
		DefaultCacheBehavior: &domain.CacheBehavior{TargetOriginId: "o", ViewerProtocolPolicy: "redirect-to-https",
			CachePolicyId: domain.CachePolicyCachingOptimized,
			LambdaFunctionAssociations: &domain.LambdaFunctionAssociations{Quantity: 1,
				Items: []domain.LambdaFunctionAssociation{{LambdaFunctionARN: versionARN, EventType: "origin-request"}}}}}
}

func TestEndToEndEdgePreview(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	viewer := anon.login("victor", "viewers")

	body := seedFunctionBody("")
	delete(body, "name")
	body["preset"] = "global-three"
	r := viewer.do("POST", "/api/lambda-edge/preview", body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	data := dig(r.Body, "data").(map[string]any)
	code := data["functionCode"].(string)
	assert.Equal(t, "global-three", data["preset"])
	assert.EqualValues(t, 3, data["originCount"])
	assert.Equal(t, "lambda-edge", data["target"])
	assert.Equal(t, "origin-request", data["eventType"])
	assert.Greater(t, data["estimatedSize"], float64(1000))
	assert.Less(t, data["estimatedSize"], data["sizeLimit"])
	assert.Equal(t, []any{"CloudFront-Viewer-Country", "CloudFront-Viewer-Latitude", "CloudFront-Viewer-Longitude"}, data["requiredHeaders"])
	// Readable code: a handler, the three origins with their regional endpoints, on many lines.
	assert.Contains(t, code, "exports.handler")
	for _, d := range []string{"content-bucket-us.s3.us-east-1.amazonaws.com", "content-bucket-eu.s3.eu-central-1.amazonaws.com",
		"content-bucket-sg.s3.ap-southeast-1.amazonaws.com"} {
		assert.Contains(t, code, d)
	}
	assert.Greater(t, strings.Count(code, "\n"), 50)

	body["target"] = "cloudfront-function"
	r = alice.do("POST", "/api/lambda-edge/preview", body)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Contains(t, dig(r.Body, "data", "functionCode"), "selectRequestOriginById")
	assert.Equal(t, "viewer-request", dig(r.Body, "data", "eventType"))

	r = viewer.do("GET", "/api/lambda-edge/presets", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "geographic", dig(r.Body, "data", "default"))
	assert.Len(t, dig(r.Body, "data", "presets"), 4)
}

func TestEndToEndEdgeFunctionRejects(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	with := func(path string, v any) map[string]any {
		b := seedFunctionBody("router")
		cur := map[string]any(b)
		keys := strings.Split(path, ".")
		for _, k := range keys[:len(keys)-1] {
			if i := strings.Index(k, "["); i >= 0 {
				cur = cur[k[:i]].([]any)[int(k[i+1]-'0')].(map[string]any)
				continue
			}
			cur = cur[k].(map[string]any)
		}
		cur[keys[len(keys)-1]] = v
		return b
	}
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		field  string
	}{
		{"bad bucket", "/api/lambda-edge/functions", with("origins.additional[0].bucketName", "Not_A_Bucket"), http.StatusBadRequest, "origins.additional[0].bucketName"},
		{"unknown region", "/api/lambda-edge/functions", with("origins.additional[1].region", "mars-north-1"), http.StatusBadRequest, "origins.additional[1].region"},
		{"same region twice", "/api/lambda-edge/functions", with("origins.additional[1].region", "eu-central-1"), http.StatusBadRequest, "origins.additional[1].region"},
		{"hostile origin id", "/api/lambda-edge/functions", with("origins.default.originId", "x'};alert(1);//"), http.StatusBadRequest, "origins.default.originId"},
		{"bad name", "/api/lambda-edge/functions", with("name", "has space"), http.StatusBadRequest, "name"},
		{"name too long", "/api/lambda-edge/functions", with("name", strings.Repeat("a", 56)), http.StatusBadRequest, "name"},
		{"unknown preset", "/api/lambda-edge/functions", with("preset", "moon"), http.StatusBadRequest, "preset"},
		{"preset shape", "/api/lambda-edge/functions", with("preset", "asia-us"), http.StatusBadRequest, "origins.additional"},
		{"unknown target", "/api/lambda-edge/functions", with("target", "fastly"), http.StatusBadRequest, "target"},
		{"unknown field (the decoder names the leaf)", "/api/lambda-edge/functions", with("origins.default.domainName", "x"), http.StatusBadRequest, "domainName"},
		{"wrong type", "/api/lambda-edge/functions", with("origins.additional", "eu"), http.StatusBadRequest, "origins.additional"},
		{"preview bad bucket", "/api/lambda-edge/preview", func() any {
			b := with("origins.additional[0].bucketName", "a")
			delete(b, "name")
			return b
		}(), http.StatusBadRequest, "origins.additional[0].bucketName"},
		{"preview takes no name", "/api/lambda-edge/preview", seedFunctionBody("x"), http.StatusBadRequest, "name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alice.t = t
			r := alice.do("POST", tc.path, tc.body)
			require.Equal(t, tc.status, r.Status, string(r.Raw))
			assert.Contains(t, fieldNames(r), tc.field, string(r.Raw))
		})
	}
	alice.t = t
	r := alice.do("GET", "/api/lambda-edge/functions?limit=0", nil)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	r = alice.do("GET", "/api/lambda-edge/functions/not-a-function", nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	r = anon.do("GET", "/api/lambda-edge/functions", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status)
	n, err := sys.Cloud.DistributionCount()
	require.NoError(t, err)
	assert.Zero(t, n)
}
