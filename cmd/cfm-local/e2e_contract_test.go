package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
