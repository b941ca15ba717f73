package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// Issue 14: the behaviours the published contract promises and an independent fuzz run found
// broken.
func TestEndToEndUnsupportedMethodIs405WithAllow(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	cases := []struct{ method, path, allow string }{
		{"PATCH", "/api/distributions", "GET, POST"},
		{"DELETE", "/api/distributions", "GET, POST"},
		{"PATCH", "/api/distributions/dist-0000000000000000", "GET, PUT, DELETE"},
		{"POST", "/api/operations/op-0000000000000000", "GET"},
		{"PUT", "/api/lambda-edge/presets", "GET"},
	}
	for _, tc := range cases {
		r := alice.do(tc.method, tc.path, nil)
		assert.Equal(t, http.StatusMethodNotAllowed, r.Status, "%s %s: %s", tc.method, tc.path, r.Raw)
		assert.Equal(t, tc.allow, r.Header.Get("Allow"), "%s %s", tc.method, tc.path)
		assert.Equal(t, "method_not_allowed", dig(r.Body, "error", "code"))
	}
	r := alice.do("GET", "/api/no-such-thing", nil)
	assert.Equal(t, http.StatusNotFound, r.Status, "an unknown path stays a 404")
	assert.Empty(t, r.Header.Get("Allow"))
}

func TestEndToEndHistoryIsForDistributionsOnly(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	origin := settled(t, alice, alice.do("POST", "/api/origins", originBody()), "origin")
	r := alice.do("GET", "/api/origins/"+origin, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))

	r = alice.do("GET", "/api/distributions/"+origin+"/history", nil)
	assert.Equal(t, http.StatusNotFound, r.Status, "an origin's id is not a distribution: %s", r.Raw)
}

// A viewer is refused before the body is read: the same 403 for a valid, an invalid and an
// unparsable body.
func TestEndToEndPermissionBeforeBody(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	victor := anon.login("victor", "viewers")
	for _, body := range []any{seedCreateBody("ok"), map[string]any{"name": 7}, "{not json"} {
		r := victor.do("POST", "/api/distributions", body)
		assert.Equal(t, http.StatusForbidden, r.Status, "%v: %s", body, r.Raw)
	}
	r := victor.do("PUT", "/api/origins/origin-0000000000000000", "{")
	assert.Equal(t, http.StatusForbidden, r.Status, string(r.Raw))
	r = victor.do("POST", "/api/lambda-edge/preview", "{")
	assert.Equal(t, http.StatusBadRequest, r.Status, "preview changes nothing; a viewer may call it: %s", r.Raw)
}

// Custom error responses and an origin's connection settings are applied on create and on an
// update that sets nothing else, and reach the (simulated) CloudFront.
func TestEndToEndErrorResponsesAndConnectionSettingsAreApplied(t *testing.T) {
	sys, anon := startMutationsLocal(t, 0)
	alice := anon.login("alice", "developers")
	body := seedCreateBody("errors")
	cfg := body["config"].(map[string]any)
	origin := cfg["Origins"].(map[string]any)["Items"].([]any)[0].(map[string]any)
	origin["ConnectionAttempts"], origin["ConnectionTimeout"] = 2, 5
	cfg["CustomErrorResponses"] = map[string]any{"Quantity": 1, "Items": []any{
		map[string]any{"ErrorCode": 404, "ResponsePagePath": "/index.html", "ResponseCode": "200", "ErrorCachingMinTTL": 10}}}
	r := alice.do("POST", "/api/distributions", body)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	id := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	live, err := sys.Cloud.GetDistribution(context.Background(), dig(op, "result", "cloudfrontId").(string))
	require.NoError(t, err)
	assert.Equal(t, 2, live.Config.Origins.Items[0].ConnectionAttempts)
	assert.Equal(t, 5, live.Config.Origins.Items[0].ConnectionTimeout)
	require.NotNil(t, live.Config.CustomErrorResponses)
	assert.Equal(t, []domain.CustomErrorResponse{{ErrorCode: 404, ResponsePagePath: "/index.html", ResponseCode: "200", ErrorCachingMinTTL: 10}},
		live.Config.CustomErrorResponses.Items)

	// An update that only changes the error responses is applied, not "nothing to apply".
	change := map[string]any{"config": map[string]any{"CustomErrorResponses": map[string]any{"Quantity": 2, "Items": []any{
		map[string]any{"ErrorCode": 403, "ResponsePagePath": "/index.html", "ResponseCode": "200"},
		map[string]any{"ErrorCode": 404, "ResponsePagePath": "/index.html", "ResponseCode": "200"}}}}}
	r = alice.do("PUT", "/api/distributions/"+id+"?dryRun=true", change)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.NotEmpty(t, dig(r.Body, "data", "changes"), string(r.Raw))
	r = alice.do("PUT", "/api/distributions/"+id, change)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	live, err = sys.Cloud.GetDistribution(context.Background(), live.ID)
	require.NoError(t, err)
	assert.Len(t, live.Config.CustomErrorResponses.Items, 2)
	assert.Equal(t, 5, live.Config.Origins.Items[0].ConnectionTimeout, "kept")

	r = alice.do("PUT", "/api/distributions/"+id, map[string]any{"config": map[string]any{"CustomErrorResponses": map[string]any{
		"Quantity": 1, "Items": []any{map[string]any{"ErrorCode": 200}}}}})
	assert.Equal(t, http.StatusBadRequest, r.Status, string(r.Raw))
	assert.Contains(t, string(r.Raw), `"field":"config.CustomErrorResponses.Items[0].ErrorCode"`)
}

// A replay once the resource is gone answers the original operation (or, for a template, the
// template as created), never a 404.
func TestEndToEndReplayAfterTheResourceIsGone(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")

	first := alice.do("POST", "/api/templates", templateBody("gone", "Web"), "Idempotency-Key", "tmpl-gone")
	require.Equal(t, http.StatusCreated, first.Status, string(first.Raw))
	tmplID := dig(first.Body, "data", "template", "templateId").(string)
	r := alice.do("DELETE", "/api/templates/"+tmplID, nil)
	require.Less(t, r.Status, 300, string(r.Raw))
	again := alice.do("POST", "/api/templates", templateBody("gone", "Web"), "Idempotency-Key", "tmpl-gone")
	require.Equal(t, http.StatusCreated, again.Status, string(again.Raw))
	assert.Equal(t, tmplID, dig(again.Body, "data", "template", "templateId"))

	create := alice.do("POST", "/api/distributions", seedCreateBody("gone"), "Idempotency-Key", "dist-gone")
	require.Equal(t, http.StatusAccepted, create.Status, string(create.Raw))
	opID := dig(create.Body, "data", "operation", "id").(string)
	distID := dig(create.Body, "data", "distribution", "id").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(opID, 20*time.Second)["status"])
	del := alice.do("DELETE", "/api/distributions/"+distID, nil, "Idempotency-Key", "dist-gone-delete")
	require.Equal(t, http.StatusAccepted, del.Status, string(del.Raw))
	delOp := dig(del.Body, "data", "operation", "id").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(delOp, 30*time.Second)["status"])

	for _, rp := range []struct{ method, path, key, op string }{
		{"POST", "/api/distributions", "dist-gone", opID},
		{"DELETE", "/api/distributions/" + distID, "dist-gone-delete", delOp},
	} {
		var body any
		if rp.method == "POST" {
			body = seedCreateBody("gone")
		}
		r := alice.do(rp.method, rp.path, body, "Idempotency-Key", rp.key)
		require.Equal(t, http.StatusAccepted, r.Status, "%s %s: %s", rp.method, rp.path, r.Raw)
		assert.Equal(t, rp.op, dig(r.Body, "data", "operation", "id"))
		assert.Equal(t, "Succeeded", dig(r.Body, "data", "operation", "status"))
		assert.Equal(t, distID, dig(r.Body, "data", "distribution", "id"))
		assert.Equal(t, "Deleted", dig(r.Body, "data", "distribution", "status"))
	}

	// A managed origin: the replayed create shows it as it was created (every /api answer is
	// checked against the document, so an empty region or status would fail here).
	originBody := map[string]any{"name": "gone", "bucketName": "cfm-gone-origin", "region": "eu-west-1"}
	oc := alice.do("POST", "/api/origins", originBody, "Idempotency-Key", "origin-gone")
	require.Equal(t, http.StatusAccepted, oc.Status, string(oc.Raw))
	originID := dig(oc.Body, "data", "origin", "originId").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(dig(oc.Body, "data", "operation", "id").(string), 20*time.Second)["status"])
	od := alice.do("DELETE", "/api/origins/"+originID, nil)
	require.Equal(t, http.StatusAccepted, od.Status, string(od.Raw))
	require.Equal(t, "Succeeded", alice.waitOperation(dig(od.Body, "data", "operation", "id").(string), 20*time.Second)["status"])
	replay := alice.do("POST", "/api/origins", originBody, "Idempotency-Key", "origin-gone")
	require.Equal(t, http.StatusAccepted, replay.Status, string(replay.Raw))
	assert.Equal(t, originID, dig(replay.Body, "data", "origin", "originId"))
	assert.Equal(t, "cfm-gone-origin", dig(replay.Body, "data", "origin", "bucketName"))
	assert.Equal(t, "eu-west-1", dig(replay.Body, "data", "origin", "region"))
}

// Every other mutation that takes an Idempotency-Key, replayed once its resource is gone: the
// original operation, and the resource as a tombstone (its id and status Deleted) that the
// document describes; never a 404 and never an answer outside the document (the client checks
// each answer against it).
func TestEndToEndEveryMutationReplaysAfterTheResourceIsGone(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	type replay struct {
		method, path, key string
		body              any
		op, kind, id      string
	}
	var replays []replay
	send := func(method, path string, body any, key, kind, idField string) (op, id string) {
		t.Helper()
		r := alice.do(method, path, body, "Idempotency-Key", key)
		require.Equal(t, http.StatusAccepted, r.Status, "%s %s: %s", method, path, r.Raw)
		op = dig(r.Body, "data", "operation", "id").(string)
		id = dig(r.Body, "data", kind, idField).(string)
		require.Equal(t, "Succeeded", alice.waitOperation(op, 30*time.Second)["status"], "%s %s", method, path)
		replays = append(replays, replay{method, path, key, body, op, kind, idField})
		return op, id
	}

	// A distribution: updated, invalidated, then deleted.
	_, distID := send("POST", "/api/distributions", seedCreateBody("gone-all"), "d-create", "distribution", "id")
	send("PUT", "/api/distributions/"+distID, map[string]any{"config": map[string]any{"Comment": "changed"}}, "d-update", "distribution", "id")
	inv := alice.do("POST", "/api/distributions/"+distID+"/invalidate", map[string]any{"paths": []string{"/a"}}, "Idempotency-Key", "d-inv")
	require.Equal(t, http.StatusAccepted, inv.Status, string(inv.Raw))
	invOp := dig(inv.Body, "data", "operation", "id").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(invOp, 30*time.Second)["status"])
	send("DELETE", "/api/distributions/"+distID, nil, "d-delete", "distribution", "id")

	// A template applied, then the distribution it made and the template deleted.
	tmplID := createTemplate(t, alice, templateBody("gone-all", "Web"))
	_, fromTmpl := send("POST", "/api/templates/"+tmplID+"/apply", map[string]any{"name": "from gone template",
		"config": map[string]any{"Origins": originOverride()}}, "t-apply", "distribution", "id")
	send("DELETE", "/api/distributions/"+fromTmpl, nil, "t-apply-delete", "distribution", "id")
	r := alice.do("DELETE", "/api/templates/"+tmplID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))

	// A managed origin: updated, then deleted.
	_, originID := send("POST", "/api/origins", map[string]any{"name": "gone", "bucketName": "cfm-gone-all", "region": "eu-west-1"},
		"o-create", "origin", "originId")
	send("PUT", "/api/origins/"+originID, map[string]any{"name": "renamed"}, "o-update", "origin", "originId")
	send("DELETE", "/api/origins/"+originID, nil, "o-delete", "origin", "originId")

	// An edge function, deleted.
	_, fnID := send("POST", "/api/lambda-edge/functions", seedFunctionBody("gone-router"), "f-create", "function", "functionId")
	send("DELETE", "/api/lambda-edge/functions/"+fnID, nil, "f-delete", "function", "functionId")

	for _, rp := range replays {
		r := alice.do(rp.method, rp.path, rp.body, "Idempotency-Key", rp.key)
		require.Equal(t, http.StatusAccepted, r.Status, "%s %s: %s", rp.method, rp.path, r.Raw)
		assert.Equal(t, rp.op, dig(r.Body, "data", "operation", "id"), "%s %s", rp.method, rp.path)
		assert.Equal(t, "Succeeded", dig(r.Body, "data", "operation", "status"), "%s %s", rp.method, rp.path)
		assert.NotEmpty(t, dig(r.Body, "data", rp.kind, rp.id), "%s %s: %s", rp.method, rp.path, r.Raw)
		if rp.kind == "distribution" || rp.method != "POST" { // a replayed origin or function create shows it as created
			assert.Equal(t, "Deleted", dig(r.Body, "data", rp.kind, "status"), "%s %s: %s", rp.method, rp.path, r.Raw)
		}
		if rp.kind != "distribution" && rp.method != "POST" {
			assert.Len(t, dig(r.Body, "data", rp.kind), 2, "a tombstone: id and status only")
		}
	}
	r = alice.do("POST", "/api/distributions/"+distID+"/invalidate", map[string]any{"paths": []string{"/a"}}, "Idempotency-Key", "d-inv")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, invOp, dig(r.Body, "data", "operation", "id"))
}

// By default only a managed origin's owner (and admins) may put it behind a distribution; the
// plan refuses anyone else, single- and multi-origin, and the dry run says so too.
func TestEndToEndManagedOriginsAreOwnerOnlyByDefault(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice, bob, root := anon.login("alice", "developers"), anon.login("bob", "developers"), anon.login("root", "admins")
	east := alice.createOrigin("alice east", "alice-owned-east", "us-east-1")
	west := alice.createOrigin("alice west", "alice-owned-west", "us-west-2")

	for _, body := range []map[string]any{bodyOnBucket("bob's", "alice-owned-east"), multiOriginBody("bob's", []string{east, west}, "")} {
		r := bob.do("POST", "/api/distributions?dryRun=true", body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Raw))
		assert.Equal(t, "managedOriginUse", dig(r.Body, "error", "rule"))
		r = bob.do("POST", "/api/distributions", body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Raw))
	}
	r := bob.do("GET", "/api/origins/"+east, nil)
	assert.Equal(t, []any{}, dig(r.Body, "data", "origin", "associatedDistributionIds"), "nothing was linked")

	for _, c := range []*client{alice, root} {
		r := c.do("POST", "/api/distributions?dryRun=true", bodyOnBucket("mine", "alice-owned-east"))
		assert.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	}
}
