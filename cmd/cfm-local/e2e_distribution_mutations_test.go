package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// startMutationsLocal runs the local system with a short simulated invalidation time.
func startMutationsLocal(t *testing.T, invalidationSeconds float64) (*system, *client) {
	t.Helper()
	cfg := config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), DeploySeconds: 0.3, InvalidationSeconds: invalidationSeconds,
		PollInitial: 100 * time.Millisecond, WatchTick: 100 * time.Millisecond, Policy: domain.DefaultPolicy(), PublicURL: "http://cfm.test"}
	sys, err := start(context.Background(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(sys.Handler)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, sys.Close())
	})
	return sys, &client{t: t, base: srv.URL}
}

// deployedDistribution creates a distribution as c and waits until it is Deployed.
func deployedDistribution(t *testing.T, c *client, name string) (id, cloudFrontID string) {
	t.Helper()
	r := c.do("POST", "/api/distributions", seedCreateBody(name))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := c.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	return dig(r.Body, "data", "distribution", "id").(string), dig(op, "result", "cloudfrontId").(string)
}

func stepNames(op map[string]any) []string {
	var names []string
	for _, s := range op["steps"].([]any) {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	return names
}

func historyActions(t *testing.T, c *client, id string) []string {
	t.Helper()
	r := c.do("GET", "/api/distributions/"+id+"/history?limit=100", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	var actions []string
	for _, e := range dig(r.Body, "data", "history").([]any) {
		actions = append(actions, e.(map[string]any)["action"].(string))
	}
	return actions
}

func TestEndToEndUpdateDistributionUntilDeployed(t *testing.T) {
	sys, anon := startMutationsLocal(t, 0)
	alice := anon.login("alice", "developers")
	id, cfID := deployedDistribution(t, alice, "to update")
	before := alice.do("GET", "/api/distributions/"+id, nil)
	version := dig(before.Body, "data", "distribution", "version")

	change := map[string]any{"name": "updated", "config": map[string]any{"Comment": "updated comment",
		"DefaultCacheBehavior": map[string]any{"ViewerProtocolPolicy": "https-only"}, "PriceClass": "PriceClass_200"}}

	// Dry run: the exact config and the changes, nothing written.
	r := alice.do("PUT", "/api/distributions/"+id+"?dryRun=true", change)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "updated comment", dig(r.Body, "data", "config", "Comment"))
	assert.Equal(t, "https-only", dig(r.Body, "data", "config", "DefaultCacheBehavior", "ViewerProtocolPolicy"))
	assert.NotEmpty(t, dig(r.Body, "data", "config", "CallerReference"), "the CallerReference is kept")
	var paths []string
	for _, c := range dig(r.Body, "data", "changes").([]any) {
		paths = append(paths, c.(map[string]any)["path"].(string))
	}
	assert.ElementsMatch(t, []string{"Comment", "DefaultCacheBehavior.ViewerProtocolPolicy", "PriceClass"}, paths)
	after := alice.do("GET", "/api/distributions/"+id, nil)
	assert.Equal(t, version, dig(after.Body, "data", "distribution", "version"), "a dry run writes nothing")
	live, err := sys.Cloud.GetDistribution(context.Background(), cfID)
	require.NoError(t, err)
	assert.Equal(t, "my distribution", live.Config.Comment)

	// The update.
	r = alice.do("PUT", "/api/distributions/"+id, change)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	assert.Equal(t, "/api/operations/"+opID, r.Header.Get("Location"))
	assert.Equal(t, "Updating", dig(r.Body, "data", "distribution", "status"))
	assert.Equal(t, "updated", dig(r.Body, "data", "distribution", "name"))

	// Busy: a delete is a 409 until the update finished (another config change is queued
	// behind it: TestEndToEndUpdatesQueuedWhileOneDeploysRideTogether).
	busy := alice.do("DELETE", "/api/distributions/"+id, nil)
	assert.Equal(t, http.StatusConflict, busy.Status, string(busy.Raw))

	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Equal(t, []string{"UpdateDistribution", "WaitForDeployment"}, stepNames(op))
	r = alice.do("GET", "/api/distributions/"+id, nil)
	assert.Equal(t, "Deployed", dig(r.Body, "data", "distribution", "status"))
	assert.Equal(t, "updated comment", dig(r.Body, "data", "distribution", "config", "Comment"))
	live, err = sys.Cloud.GetDistribution(context.Background(), cfID)
	require.NoError(t, err)
	assert.Equal(t, domain.CloudStatusDeployed, live.Status)
	assert.Equal(t, "updated comment", live.Config.Comment)
	assert.Equal(t, "https-only", live.Config.DefaultCacheBehavior.ViewerProtocolPolicy)
	assert.Equal(t, "PriceClass_200", live.Config.PriceClass)
	assert.Equal(t, 1, count(t, sys))

	// The same change again: nothing to apply, no operation.
	r = alice.do("PUT", "/api/distributions/"+id, change)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Nil(t, dig(r.Body, "data", "operation"))
	assert.Empty(t, dig(r.Body, "data", "changes"))

	actions := historyActions(t, alice, id)
	assert.Equal(t, []string{"Deployed", "Updated", "UpdateRequested"}, actions[:3], "newest first")
	r = alice.do("GET", "/api/distributions/"+id+"/history?limit=1", nil)
	require.Equal(t, http.StatusOK, r.Status)
	next := dig(r.Body, "data", "nextCursor").(string)
	require.NotEmpty(t, next)
	r = alice.do("GET", "/api/distributions/"+id+"/history?limit=1&cursor="+next, nil)
	require.Equal(t, http.StatusOK, r.Status)
	entry := dig(r.Body, "data", "history").([]any)[0].(map[string]any)
	assert.Equal(t, "Updated", entry["action"])
	assert.Equal(t, "alice", entry["actor"])
	assert.Equal(t, opID, entry["operationId"])
}

func TestEndToEndDryRunCreateWritesNothing(t *testing.T) {
	sys, anon := startMutationsLocal(t, 0)
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions?dryRun=true", seedCreateBody("dry"))
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "http2and3", dig(r.Body, "data", "config", "HttpVersion"))
	assert.Equal(t, domain.CachePolicyCachingOptimized, dig(r.Body, "data", "config", "DefaultCacheBehavior", "CachePolicyId"))
	assert.NotEmpty(t, dig(r.Body, "data", "changes"))
	r = alice.do("GET", "/api/distributions", nil)
	assert.Empty(t, dig(r.Body, "data", "distributions"))
	assert.Zero(t, count(t, sys))

	r = alice.do("POST", "/api/distributions?dryRun=true", withBehavior("allow-all"))
	assertMutationField(t, r, http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.ViewerProtocolPolicy")
	r = alice.do("POST", "/api/distributions?dryRun=perhaps", seedCreateBody("dry"))
	assertMutationField(t, r, http.StatusBadRequest, "dryRun")
	r = anon.login("victor", "viewers").do("POST", "/api/distributions?dryRun=true", seedCreateBody("dry"))
	assert.Equal(t, http.StatusForbidden, r.Status)
}

func TestEndToEndDeleteDistribution(t *testing.T) {
	sys, anon := startMutationsLocal(t, 0)
	var mu sync.Mutex
	var published []string
	sys.Bus.Subscribe(func(e domain.Event) {
		mu.Lock()
		defer mu.Unlock()
		published = append(published, e.Type)
	})
	alice := anon.login("alice", "developers")
	id, cfID := deployedDistribution(t, alice, "to delete")

	r := alice.do("DELETE", "/api/distributions/"+id, nil, "Idempotency-Key", "delete-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, "Deleting", dig(r.Body, "data", "distribution", "status"))
	opID := dig(r.Body, "data", "operation", "id").(string)
	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	steps := stepNames(op)
	require.GreaterOrEqual(t, len(steps), 4, steps)
	assert.Equal(t, []string{"DisableDistribution", "WaitForDisabledDeployment", "DeleteDistribution"}, steps[:3])
	assert.Equal(t, "RemoveRecord", steps[len(steps)-1])
	for _, s := range steps[3 : len(steps)-1] {
		assert.Regexp(t, `^Cleanup:`, s, "only registered cleanup steps run between the delete and the removal")
	}

	r = alice.do("GET", "/api/distributions/"+id, nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	_, err := sys.Cloud.GetDistribution(context.Background(), cfID)
	require.ErrorIs(t, err, domain.ErrNotFound)
	assert.Zero(t, count(t, sys))
	actions := historyActions(t, alice, id)
	assert.Equal(t, []string{"Deleted", "Disabled", "DeleteRequested"}, actions[:3], "the history outlives the distribution")
	mu.Lock()
	assert.Contains(t, published, "distribution.deleted")
	mu.Unlock()

	again := alice.do("DELETE", "/api/distributions/"+id, nil, "Idempotency-Key", "delete-1")
	require.Equal(t, http.StatusAccepted, again.Status, string(again.Raw))
	assert.Equal(t, opID, dig(again.Body, "data", "operation", "id"), "a retried DELETE answers the same operation")
	again = alice.do("DELETE", "/api/distributions/"+id, nil)
	assert.Equal(t, http.StatusNotFound, again.Status)
}

func TestEndToEndInvalidationCompletes(t *testing.T) {
	_, anon := startMutationsLocal(t, 0.3)
	alice := anon.login("alice", "developers")
	id, _ := deployedDistribution(t, alice, "to invalidate")
	r := alice.do("POST", "/api/distributions/"+id+"/invalidate",
		map[string]any{"paths": []string{"/*", "/images/*"}, "callerReference": "invalidation-2025-07-08-001"})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, []any{"/*", "/images/*"}, dig(r.Body, "data", "paths"))
	opID := dig(r.Body, "data", "operation", "id").(string)
	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Regexp(t, `^I[A-Z0-9]+$`, dig(op, "result", "invalidationId"))
	assert.Equal(t, "Completed", dig(op, "result", "status"))
	assert.Equal(t, []any{"/*", "/images/*"}, dig(op, "result", "paths"), "an array, not JSON in a string")

	// The same callerReference and paths is the same invalidation; other paths are a 409.
	again := alice.do("POST", "/api/distributions/"+id+"/invalidate",
		map[string]any{"paths": []string{"/*", "/images/*"}, "callerReference": "invalidation-2025-07-08-001"})
	require.Equal(t, http.StatusAccepted, again.Status, string(again.Raw))
	assert.Equal(t, opID, dig(again.Body, "data", "operation", "id"))
	assert.Equal(t, dig(op, "result", "invalidationId"), dig(again.Body, "data", "invalidationId"))
	conflict := alice.do("POST", "/api/distributions/"+id+"/invalidate",
		map[string]any{"paths": []string{"/other"}, "callerReference": "invalidation-2025-07-08-001"})
	assert.Equal(t, http.StatusConflict, conflict.Status, string(conflict.Raw))
	assert.Equal(t, "Invalidated", historyActions(t, alice, id)[0])
}

// CloudFront allows 15 wildcard paths in progress per distribution. With 15 in progress (each
// with its client's own reference, so each is its own invalidation), a 16th wildcard
// invalidation waits for room and then completes; none fails.
func TestEndToEndWildcardQuotaWaitsAndCompletes(t *testing.T) {
	// Invalidations stay in progress 10 s: long enough that all fifteen are still in progress
	// when the sixteenth arrives, even on a loaded machine (at 3 s the first could finish first).
	_, anon := startMutationsLocal(t, 10)
	alice := anon.login("alice", "developers")
	id, _ := deployedDistribution(t, alice, "quota")
	invalidate := func(i int) string {
		body := map[string]any{"paths": []string{fmt.Sprintf("/dir%d/*", i)}}
		if i < 15 {
			body["callerReference"] = fmt.Sprintf("quota-%d", i)
		}
		r := alice.do("POST", "/api/distributions/"+id+"/invalidate", body)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		return dig(r.Body, "data", "operation", "id").(string)
	}
	var ops []string
	for i := range 15 {
		ops = append(ops, invalidate(i))
	}
	// Let all fifteen reach CloudFront.
	for _, opID := range ops {
		deadline := time.Now().Add(10 * time.Second)
		for {
			r := alice.do("GET", "/api/operations/"+opID, nil)
			if dig(r.Body, "data", "operation", "result", "invalidationId") != nil {
				break
			}
			require.True(t, time.Now().Before(deadline), "invalidation of %s not created", opID)
			time.Sleep(20 * time.Millisecond)
		}
	}
	sixteenth := invalidate(15)
	op := alice.waitOperation(sixteenth, 60*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Contains(t, stepNames(op), "WaitForInvalidationQuota", "the 16th waited for room")
	assert.Equal(t, "Completed", dig(op, "result", "status"))
	for _, opID := range ops {
		assert.Equal(t, "Succeeded", alice.waitOperation(opID, 30*time.Second)["status"])
	}
}

func TestEndToEndMutationsRejectBadInputAndStrangers(t *testing.T) {
	_, anon := startMutationsLocal(t, 0)
	alice := anon.login("alice", "developers")
	mallory := anon.login("mallory", "developers")
	victor := anon.login("victor", "viewers")
	id, _ := deployedDistribution(t, alice, "guarded")
	dist := "/api/distributions/" + id

	cases := []struct {
		name         string
		c            *client
		method, path string
		body         any
		status       int
		field        string
	}{
		{"update: unknown field", alice, "PUT", dist, map[string]any{"bogus": 1}, 400, "bogus"},
		{"update: wrong type", alice, "PUT", dist, `{"name": 5}`, 400, "name"},
		{"update: not json", alice, "PUT", dist, `{"name":`, 400, ""},
		{"update: empty name", alice, "PUT", dist, map[string]any{"name": ""}, 400, "name"},
		{"update: unknown config field", alice, "PUT", dist, map[string]any{"config": map[string]any{"Bogus": 1}}, 400, "config.Bogus"},
		{"update: config field type", alice, "PUT", dist, map[string]any{"config": map[string]any{"DefaultCacheBehavior": map[string]any{"Compress": "yes"}}}, 400, "config.DefaultCacheBehavior.Compress"},
		{"update: CallerReference", alice, "PUT", dist, map[string]any{"config": map[string]any{"CallerReference": "mine"}}, 400, "config.CallerReference"},
		{"update: origins removed", alice, "PUT", dist, map[string]any{"config": map[string]any{"Origins": nil}}, 400, "config.Origins"},
		{"update: policy", alice, "PUT", dist, map[string]any{"config": map[string]any{"DefaultCacheBehavior": map[string]any{"ViewerProtocolPolicy": "allow-all"}}}, 422, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
		{"update: dryRun value", alice, "PUT", dist + "?dryRun=maybe", map[string]any{"name": "x"}, 400, "dryRun"},
		{"update: missing", alice, "PUT", "/api/distributions/dist-missing", map[string]any{"name": "x"}, 404, ""},
		{"update: other developer", mallory, "PUT", dist, map[string]any{"name": "mine now"}, 403, ""},
		{"update: viewer", victor, "PUT", dist, map[string]any{"name": "x"}, 403, ""},
		{"update dry run: other developer", mallory, "PUT", dist + "?dryRun=true", map[string]any{"name": "x"}, 403, ""},
		{"delete: other developer", mallory, "DELETE", dist, nil, 403, ""},
		{"delete: viewer", victor, "DELETE", dist, nil, 403, ""},
		{"delete: missing", alice, "DELETE", "/api/distributions/dist-missing", nil, 404, ""},
		{"invalidate: no paths", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{}}, 400, "paths"},
		{"invalidate: paths missing", alice, "POST", dist + "/invalidate", map[string]any{}, 400, "paths"},
		{"invalidate: paths not a list", alice, "POST", dist + "/invalidate", map[string]any{"paths": "/*"}, 400, "paths"},
		{"invalidate: relative path", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/ok", "images/*"}}, 400, "paths[1]"},
		{"invalidate: inner star", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/a*b"}}, 400, "paths[0]"},
		{"invalidate: control character", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/a\tb"}}, 400, "paths[0]"},
		{"invalidate: callerReference", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/*"}, "callerReference": "has space"}, 400, "callerReference"},
		{"invalidate: unknown field", alice, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/*"}, "distributionId": "x"}, 400, "distributionId"},
		{"invalidate: other developer", mallory, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/*"}}, 403, ""},
		{"invalidate: viewer", victor, "POST", dist + "/invalidate", map[string]any{"paths": []string{"/*"}}, 403, ""},
		{"invalidate: missing", alice, "POST", "/api/distributions/dist-missing/invalidate", map[string]any{"paths": []string{"/*"}}, 404, ""},
		{"history: limit", alice, "GET", dist + "/history?limit=0", nil, 400, "limit"},
		{"history: too large", alice, "GET", dist + "/history?limit=101", nil, 400, "limit"},
		{"history: cursor", alice, "GET", dist + "/history?cursor=not-a-cursor", nil, 400, ""},
		{"history: missing", alice, "GET", "/api/distributions/dist-missing/history", nil, 404, ""},
		{"history: no token", anon, "GET", dist + "/history", nil, 401, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.t = t
			r := tc.c.do(tc.method, tc.path, tc.body)
			assertMutationField(t, r, tc.status, tc.field)
		})
	}
	// Nothing above changed the distribution; the viewer may still read its history.
	victor.t = t
	r := victor.do("GET", dist, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "guarded", dig(r.Body, "data", "distribution", "name"))
	assert.Equal(t, "Deployed", dig(r.Body, "data", "distribution", "status"))
	assert.Equal(t, "Deployed", historyActions(t, victor, id)[0])
}

func assertMutationField(t *testing.T, r reply, status int, field string) {
	t.Helper()
	require.Equal(t, status, r.Status, string(r.Raw))
	assert.Equal(t, false, r.Body["success"])
	if field == "" {
		return
	}
	fields, _ := dig(r.Body, "error", "fields").([]any)
	require.NotEmpty(t, fields, string(r.Raw))
	assert.Equal(t, field, fields[0].(map[string]any)["field"], string(r.Raw))
}

// PUTs while an update deploys are queued and ride together on the next UpdateDistribution:
// every operation succeeds, and the config is every patch in order.
func TestEndToEndUpdatesQueuedWhileOneDeploysRideTogether(t *testing.T) {
	sys, anon := startMutationsLocal(t, 0)
	alice := anon.login("alice", "developers")
	id, cfID := deployedDistribution(t, alice, "queued")
	put := func(cfg map[string]any) (string, map[string]any) {
		r := alice.do("PUT", "/api/distributions/"+id, map[string]any{"config": cfg})
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		return dig(r.Body, "data", "operation", "id").(string), dig(r.Body, "data", "distribution").(map[string]any)
	}
	first, _ := put(map[string]any{"Comment": "one"})
	second, _ := put(map[string]any{"Comment": "two", "PriceClass": "PriceClass_200"})
	third, d := put(map[string]any{"Comment": "three"})
	assert.Equal(t, []any{second, third}, d["queuedUpdates"])
	bad := alice.do("PUT", "/api/distributions/"+id, map[string]any{"config": map[string]any{
		"DefaultCacheBehavior": map[string]any{"ViewerProtocolPolicy": "allow-all"}}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status, "a patch that breaks a guardrail is refused alone: %s", bad.Raw)
	for _, op := range []string{first, second, third} {
		got := alice.waitOperation(op, 30*time.Second)
		require.Equal(t, "Succeeded", got["status"], got)
	}
	rider := alice.waitOperation(third, time.Second)
	assert.Equal(t, []any{second, third}, dig(rider, "result", "combinedOperations"))
	live, err := sys.Cloud.GetDistribution(context.Background(), cfID)
	require.NoError(t, err)
	assert.Equal(t, "three", live.Config.Comment)
	assert.Equal(t, "PriceClass_200", live.Config.PriceClass)
}
