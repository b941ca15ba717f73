package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// threeRegions creates managed origins in three regions (the seed's global example).
func threeRegions(c *client, tag string) (ids []string, buckets []string) {
	c.t.Helper()
	for _, region := range []string{"us-east-1", "eu-central-1", "ap-southeast-1"} {
		bucket := "cfm-" + tag + "-" + region
		ids = append(ids, c.createOrigin(region, bucket, region))
		buckets = append(buckets, bucket)
	}
	return ids, buckets
}

func multiOriginBody(name string, ids []string, target string) map[string]any {
	mc := map[string]any{"defaultOriginId": ids[0], "additionalOriginIds": ids[1:], "preset": "global-3-region"}
	if target != "" {
		mc["target"] = target
	}
	return map[string]any{"name": name, "isMultiOrigin": true, "multiOriginConfig": mc,
		"config": map[string]any{"Comment": "multi-origin " + name, "Enabled": true}}
}

// stepStatuses lists an operation's steps as "Name:Status".
func stepStatuses(op map[string]any) []string {
	var out []string
	steps, _ := op["steps"].([]any)
	for _, s := range steps {
		m := s.(map[string]any)
		out = append(out, m["name"].(string)+":"+m["status"].(string))
	}
	return out
}

// deployMultiOrigin creates a multi-origin distribution and waits until it is Deployed; it
// returns the distribution and its operation as the API shows them.
func deployMultiOrigin(t *testing.T, c *client, name string, ids []string, target string) (dist, op map[string]any) {
	t.Helper()
	r := c.do("POST", "/api/distributions", multiOriginBody(name, ids, target))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	d := dig(r.Body, "data", "distribution").(map[string]any)
	assert.Equal(t, true, d["isMultiOrigin"])
	assert.Equal(t, "Creating", d["status"])
	assert.Equal(t, domain.PendingOriginRequestPolicyID, dig(d, "config", "DefaultCacheBehavior", "OriginRequestPolicyId"),
		"the API cannot call the cloud: the policy is resolved by the worker")
	op = c.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	r = c.do("GET", "/api/distributions/"+d["id"].(string), nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	dist = dig(r.Body, "data", "distribution").(map[string]any)
	require.Equal(t, "Deployed", dist["status"])
	return dist, op
}

func TestEndToEndMultiOriginCloudFrontFunction(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	ctx := context.Background()
	ids, buckets := threeRegions(alice, "cff")

	dist, op := deployMultiOrigin(t, alice, "global site", ids, "")
	assert.Equal(t, "cloudfront-function", dig(dist, "multiOriginConfig", "target"), "the default target is recorded")
	assert.Equal(t, toAny(ids), dist["originIds"])
	steps := stepStatuses(op)
	for _, s := range []string{"EnsureOriginRequestPolicy:Done", "CreateFunction:Done", "PublishFunction:Done",
		"ResolveEdgeSettings:Done", "CreateDistribution:Done", "LinkEdgeFunction:Done", "WaitForDeployment:Done"} {
		assert.Contains(t, steps, s)
	}

	// What CloudFront (the simulator) holds.
	live, err := sys.Cloud.GetDistribution(ctx, dist["cloudfrontId"].(string))
	require.NoError(t, err)
	require.Len(t, live.Config.Origins.Items, 3)
	for i, o := range live.Config.Origins.Items {
		r := alice.do("GET", "/api/origins/"+ids[i], nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		oacID := dig(r.Body, "data", "origin", "oacId").(string)
		require.NotEmpty(t, oacID)
		assert.Equal(t, ids[i], o.Id, "the function selects origins by this id")
		assert.Equal(t, dig(r.Body, "data", "origin", "bucketName").(string)+".s3."+dig(r.Body, "data", "origin", "region").(string)+".amazonaws.com", o.DomainName)
		assert.Equal(t, oacID, o.OriginAccessControlId, "every origin keeps its own OAC")
		sts := policyStatements(t, sys, buckets[i], dig(r.Body, "data", "origin", "region").(string))
		require.Contains(t, sts, shared.OACStatementSid)
		assert.Equal(t, []any{dist["arn"]}, dig(sts[shared.OACStatementSid], "Condition", "StringEquals", "AWS:SourceArn"))
	}
	b := live.Config.DefaultCacheBehavior
	assert.Equal(t, ids[0], b.TargetOriginId)
	require.NotNil(t, b.FunctionAssociations)
	require.Len(t, b.FunctionAssociations.Items, 1)
	assoc := b.FunctionAssociations.Items[0]
	assert.Equal(t, "viewer-request", assoc.EventType)
	assert.Nil(t, b.LambdaFunctionAssociations)

	// The origin request policy: the one of the product's name, with the viewer-location
	// headers (ensuring it again with those headers returns the same id, and the worker
	// recorded that id).
	policyID, err := sys.Cloud.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", edge.ForwardedHeaders(domain.EdgeTargetCloudFrontFunction))
	require.NoError(t, err)
	assert.Equal(t, policyID, b.OriginRequestPolicyId)
	assert.Equal(t, policyID, dig(dist, "config", "DefaultCacheBehavior", "OriginRequestPolicyId"), "the recorded plan is what was applied")

	// The function: published, LIVE code = the generated code, recorded and linked.
	fnID := dist["lambdaEdgeFunctionId"].(string)
	r := alice.do("GET", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	fn := dig(r.Body, "data", "function").(map[string]any)
	assert.Equal(t, "Active", fn["status"])
	assert.Equal(t, "cloudfront-function", fn["target"])
	assert.Equal(t, "cfm-"+dist["id"].(string), fn["functionName"])
	assert.Equal(t, assoc.FunctionARN, fn["functionArn"])
	assert.Equal(t, []any{dist["arn"]}, fn["associatedDistributions"])
	assert.Equal(t, "global-3-region", fn["preset"])
	assert.Nil(t, fn["timeout"], "timeout/memory are Lambda settings")
	dev, liveCode, err := sys.Cloud.Functions().Code(fn["functionName"].(string))
	require.NoError(t, err)
	assert.Equal(t, dev, liveCode, "published to LIVE")
	want, err := edge.Generate(edge.Spec{Name: fn["functionName"].(string), Preset: "global-3-region", Origins: routingOf(t, alice, ids)})
	require.NoError(t, err)
	assert.Equal(t, string(want.Code), string(liveCode))
	for _, id := range ids {
		assert.Contains(t, string(liveCode), `"id": "`+id+`"`)
	}

	// The function is in use: it cannot be deleted on its own.
	r = alice.do("DELETE", "/api/lambda-edge/functions/"+fnID, nil)
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))

	// Deleting the distribution schedules the function's deletion, which completes.
	r = alice.do("DELETE", "/api/distributions/"+dist["id"].(string), nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	delOp := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", delOp["status"], delOp)
	assert.Contains(t, stepStatuses(delOp), "EdgeFunctionDeletionScheduled:Done")
	waitGone(t, alice, "/api/lambda-edge/functions/"+fnID, 30*time.Second)
	_, _, err = sys.Cloud.Functions().Code(fn["functionName"].(string))
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func TestEndToEndMultiOriginLambdaEdge(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	ctx := context.Background()
	ids, buckets := threeRegions(alice, "le")

	dist, op := deployMultiOrigin(t, alice, "edge site", ids, domain.EdgeTargetLambdaEdge)
	steps := stepStatuses(op)
	for _, s := range []string{"EnsureOriginRequestPolicy:Done", "GrantEdgeRoleRead:Done", "CreateFunction:Done",
		"WaitForFunctionActive:Done", "PublishVersion:Done", "AllowCloudFront:Done", "ResolveEdgeSettings:Done",
		"CreateDistribution:Done", "LinkEdgeFunction:Done"} {
		assert.Contains(t, steps, s)
	}

	live, err := sys.Cloud.GetDistribution(ctx, dist["cloudfrontId"].(string))
	require.NoError(t, err)
	require.Len(t, live.Config.Origins.Items, 3)
	for _, o := range live.Config.Origins.Items {
		assert.Empty(t, o.OriginAccessControlId, "an OAC would replace the function's own signature")
	}
	b := live.Config.DefaultCacheBehavior
	assert.Nil(t, b.FunctionAssociations)
	require.NotNil(t, b.LambdaFunctionAssociations)
	require.Len(t, b.LambdaFunctionAssociations.Items, 1)
	assoc := b.LambdaFunctionAssociations.Items[0]
	assert.Equal(t, "origin-request", assoc.EventType)
	assert.False(t, assoc.IncludeBody)
	assert.Regexp(t, `^arn:aws:lambda:us-east-1:\d{12}:function:cfm-dist-[0-9a-f]{16}:1$`, assoc.LambdaFunctionARN, "a numbered version")
	policyID, err := sys.Cloud.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", edge.ForwardedHeaders(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	assert.Equal(t, policyID, b.OriginRequestPolicyId)

	fnID := dist["lambdaEdgeFunctionId"].(string)
	r := alice.do("GET", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	fn := dig(r.Body, "data", "function").(map[string]any)
	assert.Equal(t, assoc.LambdaFunctionARN, fn["versionArn"])
	assert.Equal(t, "lambda-edge", fn["target"])
	assert.EqualValues(t, 5, fn["timeout"])
	assert.EqualValues(t, 128, fn["memorySize"])
	lf, err := sys.Cloud.Lambda().GetFunction(ctx, fn["functionName"].(string))
	require.NoError(t, err)
	assert.Equal(t, assoc.LambdaFunctionARN, lf.VersionARN)

	// Every bucket lets the edge role read (the function signs with it).
	for i, bucket := range buckets {
		region := strings.TrimPrefix(bucket, "cfm-le-")
		sts := policyStatements(t, sys, bucket, region)
		require.Contains(t, sts, converge.EdgeRoleStatementSid, ids[i])
		assert.Equal(t, map[string]any{"AWS": sys.Deps.EdgeRoleARN}, sts[converge.EdgeRoleStatementSid]["Principal"])
		assert.Equal(t, "arn:aws:s3:::"+bucket+"/*", sts[converge.EdgeRoleStatementSid]["Resource"])
	}

	// Delete the distribution: the function's deletion is scheduled and waits for CloudFront to
	// remove the replicas (the simulator keeps them ReplicaSeconds after the association is
	// gone), then completes; the edge role's statements are revoked.
	r = alice.do("DELETE", "/api/distributions/"+dist["id"].(string), nil)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	delOp := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", delOp["status"], delOp)
	for i, bucket := range buckets {
		region := strings.TrimPrefix(bucket, "cfm-le-")
		assert.NotContains(t, policyStatements(t, sys, bucket, region), converge.EdgeRoleStatementSid, ids[i])
	}
	r = alice.do("GET", "/api/lambda-edge/functions/"+fnID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "Deleting", dig(r.Body, "data", "function", "status"))
	fnOpID := dig(r.Body, "data", "function", "operationId").(string)
	waited := alice.waitStep(fnOpID, "WaitUntilDeletable", 30*time.Second)
	assert.Contains(t, waited["detail"], "replicated function")
	fnOp := alice.waitOperation(fnOpID, 120*time.Second)
	require.Equal(t, "Succeeded", fnOp["status"], fnOp)
	assert.Contains(t, stepStatuses(fnOp), "WaitUntilDeletable:Done")
	assert.Contains(t, stepStatuses(fnOp), "DeleteFunction:Done")
	_, err = sys.Cloud.Lambda().GetFunction(ctx, fn["functionName"].(string))
	assert.ErrorIs(t, err, domain.ErrNotFound)
	waitGone(t, alice, "/api/lambda-edge/functions/"+fnID, 5*time.Second)
}

func TestEndToEndMultiOriginRejects(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	viewer := anon.login("victor", "viewers")
	ids, _ := threeRegions(alice, "bad")

	// An origin that is not Active yet: the cloud throttles every call, so it stays Creating.
	sys.Cloud.InjectFaults(cloud.Faults{ThrottleEvery: 1})
	defer sys.Cloud.InjectFaults(cloud.Faults{})
	creating := alice.do("POST", "/api/origins", newOriginBody("slow", "cfm-bad-slow", "sa-east-1"))
	require.Equal(t, http.StatusAccepted, creating.Status, string(creating.Raw))
	slowID := dig(creating.Body, "data", "origin", "originId").(string)

	cases := []struct {
		name   string
		c      *client
		body   map[string]any
		status int
		field  string
	}{
		{"viewer cannot create", viewer, multiOriginBody("x", ids, ""), http.StatusForbidden, ""},
		{"unknown origin", alice, multiOriginBody("x", []string{ids[0], "origin-0000000000000000", ids[2]}, ""), http.StatusBadRequest,
			"multiOriginConfig.additionalOriginIds[0]"},
		{"origin not active", alice, multiOriginBody("x", []string{ids[0], ids[1], slowID}, ""), http.StatusBadRequest,
			"multiOriginConfig.additionalOriginIds[1]"},
		{"preset shape", alice, multiOriginBody("x", ids[:2], ""), http.StatusBadRequest, "multiOriginConfig.additionalOriginIds"},
		{"unknown preset", alice, func() map[string]any {
			b := multiOriginBody("x", ids, "")
			b["multiOriginConfig"].(map[string]any)["preset"] = "nearest-moon"
			return b
		}(), http.StatusBadRequest, "multiOriginConfig.preset"},
		{"unknown target", alice, multiOriginBody("x", ids, "edge-worker"), http.StatusBadRequest, "multiOriginConfig.target"},
		{"duplicate origin", alice, multiOriginBody("x", []string{ids[0], ids[1], ids[0]}, ""), http.StatusBadRequest,
			"multiOriginConfig.additionalOriginIds[1]"},
		{"explicit origins", alice, func() map[string]any {
			b := multiOriginBody("x", ids, "")
			b["config"].(map[string]any)["Origins"] = map[string]any{"Quantity": 0}
			return b
		}(), http.StatusBadRequest, "config.Origins"},
		{"missing config block", alice, map[string]any{"name": "x", "isMultiOrigin": true}, http.StatusBadRequest, "multiOriginConfig"},
		{"guardrail still applies", alice, func() map[string]any {
			b := multiOriginBody("x", ids, "")
			b["config"].(map[string]any)["DefaultCacheBehavior"] = map[string]any{"ViewerProtocolPolicy": "allow-all"}
			return b
		}(), http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.t = t
			r := tc.c.do("POST", "/api/distributions", tc.body)
			require.Equal(t, tc.status, r.Status, string(r.Raw))
			assert.Equal(t, false, r.Body["success"])
			if tc.field != "" {
				assert.Contains(t, fieldNames(r), tc.field, string(r.Raw))
			}
		})
	}
	n, err := sys.Cloud.DistributionCount()
	require.NoError(t, err)
	assert.Zero(t, n, "no rejected request reached the cloud")
}

// fieldNames lists the fields an error answer names.
func fieldNames(r reply) []string {
	var out []string
	fields, _ := dig(r.Body, "error", "fields").([]any)
	for _, f := range fields {
		out = append(out, f.(map[string]any)["field"].(string))
	}
	return out
}

// routingOf is the routing spec of managed origins, as the product builds it.
func routingOf(t *testing.T, c *client, ids []string) domain.RoutingOrigins {
	t.Helper()
	var all []domain.RoutingOrigin
	for _, id := range ids {
		r := c.do("GET", "/api/origins/"+id, nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		o := dig(r.Body, "data", "origin").(map[string]any)
		all = append(all, domain.RoutingOrigin{OriginID: id, Region: o["region"].(string), BucketName: o["bucketName"].(string)})
	}
	return domain.RoutingOrigins{Default: all[0], Additional: all[1:]}
}

// waitGone polls a resource until it answers 404.
func waitGone(t *testing.T, c *client, path string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		r := c.do("GET", path, nil)
		if r.Status == http.StatusNotFound {
			return
		}
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		if time.Now().After(deadline) {
			t.Fatalf("%s still there after %s: %s", path, timeout, r.Raw)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitStep polls an operation until it records the named step and returns that step.
func (c *client) waitStep(opID, name string, timeout time.Duration) map[string]any {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		r := c.do("GET", "/api/operations/"+opID, nil)
		require.Equal(c.t, http.StatusOK, r.Status, string(r.Raw))
		steps, _ := dig(r.Body, "data", "operation", "steps").([]any)
		for _, s := range steps {
			if m := s.(map[string]any); m["name"] == name {
				return m
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("operation %s has no step %s after %s: %s", opID, name, timeout, r.Raw)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func TestEndToEndMultiOriginSurvivesLostResponsesAndThrottling(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	ctx := context.Background()
	ids, _ := threeRegions(alice, "flaky")

	// The answers of the next three creating calls are lost although the writes happened (the
	// origin request policy, CreateFunction, PublishVersion) and one call is throttled: each is
	// repeated on redelivery, and still exactly one of each exists. (Five failed receives would
	// park the command in the dead-letter queue until the sweeper re-sends it; that path has its
	// own tests.)
	sys.Cloud.InjectFaults(cloud.Faults{FailAfterWrite: 3, ThrottleNext: 1})
	dist, op := deployMultiOrigin(t, alice, "flaky", ids, domain.EdgeTargetLambdaEdge)
	sys.Cloud.InjectFaults(cloud.Faults{})
	assert.Greater(t, op["attempts"], float64(1), "the faults forced retries")

	n, err := sys.Cloud.DistributionCount()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	live, err := sys.Cloud.GetDistribution(ctx, dist["cloudfrontId"].(string))
	require.NoError(t, err)
	arn := live.Config.DefaultCacheBehavior.LambdaFunctionAssociations.Items[0].LambdaFunctionARN
	assert.True(t, strings.HasSuffix(arn, ":1"), "one published version, however often PublishVersion ran: %s", arn)
	policyID, err := sys.Cloud.EnsureOriginRequestPolicy(ctx, "cfm-viewer-location", edge.ForwardedHeaders(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	assert.Equal(t, policyID, live.Config.DefaultCacheBehavior.OriginRequestPolicyId)
}
