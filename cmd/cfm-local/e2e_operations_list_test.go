package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// operationIDs follows nextCursor from the first page to the last and returns every id.
func operationIDs(t *testing.T, c *client, query url.Values) []string {
	t.Helper()
	var ids []string
	for pages := 0; ; pages++ {
		require.Less(t, pages, 100, "paging does not end")
		r := c.do("GET", "/api/operations?"+query.Encode(), nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
		for _, o := range dig(r.Body, "data", "operations").([]any) {
			ids = append(ids, o.(map[string]any)["id"].(string))
		}
		next := dig(r.Body, "data", "nextCursor").(string)
		if next == "" {
			return ids
		}
		query.Set("cursor", next)
	}
}

func TestEndToEndListOperations(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice, bob := anon.login("alice", "developers"), anon.login("bob", "developers")
	viewer := anon.login("victor", "viewers")

	// One after the other, so the order of their last updates is known.
	create := func(c *client, name string) (distID, opID string) {
		r := c.do("POST", "/api/distributions", seedCreateBody(name))
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		opID = dig(r.Body, "data", "operation", "id").(string)
		require.Equal(t, "Succeeded", c.waitOperation(opID, 20*time.Second)["status"])
		return dig(r.Body, "data", "distribution", "id").(string), opID
	}
	d1, op1 := create(alice, "one")
	_, op2 := create(alice, "two")
	_, op3 := create(bob, "three")
	r := alice.do("POST", "/api/distributions/"+d1+"/invalidate", map[string]any{"paths": []string{"/*"}})
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op4 := dig(r.Body, "data", "operation", "id").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(op4, 20*time.Second)["status"])

	tests := []struct {
		name  string
		query url.Values
		want  []string // most recently updated first
	}{
		{"all", url.Values{}, []string{op4, op3, op2, op1}},
		{"all, one per page", url.Values{"limit": {"1"}}, []string{op4, op3, op2, op1}},
		{"by resource", url.Values{"resourceId": {d1}}, []string{op4, op1}},
		{"by actor", url.Values{"actor": {"bob"}}, []string{op3}},
		{"by actor, paged", url.Values{"actor": {"alice"}, "limit": {"2"}}, []string{op4, op2, op1}},
		{"by status", url.Values{"status": {"Succeeded"}}, []string{op4, op3, op2, op1}},
		{"no such status yet", url.Values{"status": {"Failed"}}, nil},
		{"resource and actor", url.Values{"resourceId": {d1}, "actor": {"bob"}}, nil},
		{"actor and status, paged", url.Values{"actor": {"alice"}, "status": {"Succeeded"}, "limit": {"1"}}, []string{op4, op2, op1}},
		{"unknown actor", url.Values{"actor": {"nobody"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			viewer.t = t
			assert.Equal(t, tt.want, operationIDs(t, viewer, tt.query), "viewers read operations too")
		})
	}

	r = alice.do("GET", "/api/operations?status=Done", nil)
	assertMutationField(t, r, http.StatusBadRequest, "status")
	r = alice.do("GET", "/api/operations?limit=0", nil)
	assertMutationField(t, r, http.StatusBadRequest, "limit")
	r = alice.do("GET", "/api/operations?cursor=garbage", nil)
	assertMutationField(t, r, http.StatusBadRequest, "cursor")
	r = anon.do("GET", "/api/operations", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status)
	r = anon.login("nobody").do("GET", "/api/operations", nil)
	assert.Equal(t, http.StatusForbidden, r.Status)
}
