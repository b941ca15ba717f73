package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// startLocal runs the whole local system in-process on a fresh data dir.
func startLocal(t *testing.T, dir string) (*system, *client) {
	t.Helper()
	cfg := config{Addr: "127.0.0.1:0", DataDir: dir, DeploySeconds: 0.3, PollInitial: 100 * time.Millisecond,
		WatchTick: 100 * time.Millisecond, ReplicaSeconds: 1,
		Policy: domain.DefaultPolicy(), PublicURL: "http://cfm.test"}
	sys, err := start(context.Background(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(sys.Handler)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, sys.Close())
	})
	return sys, &client{t: t, base: srv.URL}
}

func TestEndToEndCreateDistributionUntilDeployed(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	var published []string
	sys.Bus.Subscribe(func(e domain.Event) { published = append(published, e.Type) })
	alice := anon.login("alice", "developers")

	r := alice.do("POST", "/api/distributions", seedCreateBody("my site"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	assert.Equal(t, true, r.Body["success"])
	opID := dig(r.Body, "data", "operation", "id").(string)
	assert.Regexp(t, `^op-[0-9a-f]{16}$`, opID)
	assert.Equal(t, "Accepted", dig(r.Body, "data", "operation", "status"))
	assert.Equal(t, "/api/operations/"+opID, r.Header.Get("Location"))
	dist := dig(r.Body, "data", "distribution").(map[string]any)
	distID := dist["id"].(string)
	assert.Equal(t, "Creating", dist["status"])
	cfg := dist["config"].(map[string]any)
	assert.Equal(t, "http2and3", cfg["HttpVersion"])
	assert.Equal(t, true, cfg["IsIPV6Enabled"])
	assert.Equal(t, opID, cfg["CallerReference"])
	assert.Equal(t, domain.CachePolicyCachingOptimized, dig(cfg, "DefaultCacheBehavior", "CachePolicyId"))
	assert.Equal(t, true, dig(cfg, "DefaultCacheBehavior", "Compress"))
	assert.Equal(t, "redirect-to-https", dig(cfg, "DefaultCacheBehavior", "ViewerProtocolPolicy"))

	op := alice.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)

	r = alice.do("GET", "/api/distributions/"+distID, nil)
	require.Equal(t, http.StatusOK, r.Status)
	got := dig(r.Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", got["status"])
	assert.Regexp(t, `^E[A-Z0-9]{13}$`, got["cloudfrontId"])
	assert.Regexp(t, `^d[a-z0-9]+\.cloudfront\.net$`, got["domainName"])

	r = alice.do("GET", "/api/distributions/"+distID+"/status", nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "Deployed", dig(r.Body, "data", "status"))
	assert.EqualValues(t, 100, dig(r.Body, "data", "deploymentProgress"))

	r = alice.do("GET", "/api/distributions?limit=10", nil)
	require.Equal(t, http.StatusOK, r.Status)
	rows := dig(r.Body, "data", "distributions").([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, distID, rows[0].(map[string]any)["id"])

	assert.Equal(t, 1, count(t, sys))
	assert.Contains(t, published, "distribution.deployed")
	assert.Contains(t, published, "operation.succeeded")
}

func TestEndToEndIdempotencyKey(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	first := alice.do("POST", "/api/distributions", seedCreateBody("idem"), "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusAccepted, first.Status, string(first.Raw))
	again := alice.do("POST", "/api/distributions", seedCreateBody("idem"), "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusAccepted, again.Status, string(again.Raw))
	assert.Equal(t, dig(first.Body, "data", "operation", "id"), dig(again.Body, "data", "operation", "id"))
	assert.Equal(t, dig(first.Body, "data", "distribution", "id"), dig(again.Body, "data", "distribution", "id"))

	other := alice.do("POST", "/api/distributions", seedCreateBody("different"), "Idempotency-Key", "k-1")
	assert.Equal(t, http.StatusConflict, other.Status, string(other.Raw))

	alice.waitOperation(dig(first.Body, "data", "operation", "id").(string), 20*time.Second)
	assert.Equal(t, 1, count(t, sys))
}

func TestEndToEndRejectsBadRequests(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	viewer := anon.login("victor", "viewers")

	cases := []struct {
		name   string
		c      *client
		body   any
		status int
		field  string
	}{
		{"no token", anon, seedCreateBody("x"), http.StatusUnauthorized, ""},
		{"viewer cannot create", viewer, seedCreateBody("x"), http.StatusForbidden, ""},
		{"unknown field", alice, map[string]any{"name": "x", "bogus": 1}, http.StatusBadRequest, "bogus"},
		{"wrong type", alice, `{"name": 5}`, http.StatusBadRequest, "name"},
		{"not json", alice, `{"name":`, http.StatusBadRequest, ""},
		{"missing name", alice, map[string]any{"config": seedCreateBody("x")["config"]}, http.StatusBadRequest, "name"},
		{"no origins", alice, map[string]any{"name": "x"}, http.StatusBadRequest, "config.Origins"},
		{"http allowed by request but not by policy", alice, withBehavior("allow-all"), http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.t = t
			r := tc.c.do("POST", "/api/distributions", tc.body)
			require.Equal(t, tc.status, r.Status, string(r.Raw))
			assert.Equal(t, false, r.Body["success"])
			assert.NotEmpty(t, dig(r.Body, "error", "code"))
			if tc.field != "" {
				fields := dig(r.Body, "error", "fields").([]any)
				require.NotEmpty(t, fields)
				assert.Equal(t, tc.field, fields[0].(map[string]any)["field"])
			}
		})
	}
	big := make([]byte, 2<<20)
	for i := range big {
		big[i] = ' '
	}
	r := alice.do("POST", "/api/distributions", `{"name":"`+string(big)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.Status)
	r = alice.do("GET", "/api/distributions/dist-missing", nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	r = alice.do("GET", "/api/distributions?limit=0", nil)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	r = alice.do("GET", "/api/distributions?cursor=not-a-cursor", nil)
	assert.Equal(t, http.StatusBadRequest, r.Status, string(r.Raw))
}

func withBehavior(policy string) map[string]any {
	b := seedCreateBody("x")
	b["config"].(map[string]any)["DefaultCacheBehavior"] = map[string]any{"TargetOriginId": "origin-1", "ViewerProtocolPolicy": policy}
	return b
}

func TestEndToEndRestartFinishesAcceptedWork(t *testing.T) {
	dir := t.TempDir()
	sys, anon := startLocal(t, dir)
	alice := anon.login("alice", "developers")
	// Stop the workers before they can run: the command stays queued on disk.
	sys.cancel()
	sys.wg.Wait()
	r := alice.do("POST", "/api/distributions", seedCreateBody("restart"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	require.NoError(t, sys.Close())
	sys.closers, sys.cancel = nil, nil

	_, anon2 := startLocal(t, dir)
	op := anon2.login("alice", "developers").waitOperation(opID, 20*time.Second)
	assert.Equal(t, "Succeeded", op["status"])
}

func count(t *testing.T, sys *system) int {
	n, err := sys.Cloud.DistributionCount()
	require.NoError(t, err)
	return n
}
