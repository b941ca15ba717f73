package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The authorization matrix: every route in the served OpenAPI document (so routes added later
// are covered without editing this file) × every kind of caller. The rule:
//
//   - no token → 401 on every /api route; a token with no known group → 403 on every route;
//   - read (GET) → every group member is allowed (200, or 404 for an id that does not exist);
//   - create (POST on a collection) → admins and developers allowed, viewers 403;
//   - change (PUT/PATCH/DELETE, POST on a resource: apply, invalidate, …) → admins and the
//     resource's owner allowed, other developers 403, viewers 403.
//
// "Allowed" means neither 401 nor 403 (the test is about authorization, not validation); no
// call may ever answer 5xx. Resources are created by "owner-dev" (developers).

type rule string

const (
	ruleRead   rule = "read"
	ruleCreate rule = "create"
	ruleChange rule = "change"
	ruleAdmin  rule = "admin" // platform-team routes: admins only
)

// routeFixture says how to call one route: a valid body (the same for every caller, so a
// refusal cannot be a validation error) and, when the classification above does not fit, the rule.
type routeFixture struct {
	body func() any
	rule rule
}

// routeFixtures holds a valid body for every route that takes one, keyed "METHOD path" as the
// OpenAPI document spells it. A route with a request body and no entry here fails the matrix.
var routeFixtures = map[string]routeFixture{
	"POST /api/distributions":                 {body: func() any { return seedCreateBody("authz") }},
	"PUT /api/distributions/{id}":             {body: func() any { return map[string]any{"name": "renamed by authz"} }},
	"POST /api/distributions/{id}/invalidate": {body: func() any { return map[string]any{"paths": []string{"/*"}} }},
	"POST /api/templates":                     {body: func() any { return templateBody("authz", "Web") }},
	"PUT /api/templates/{id}":                 {body: func() any { return map[string]any{"description": "changed by authz"} }},
	"POST /api/templates/{id}/apply": {body: func() any {
		return map[string]any{"name": "applied by authz", "config": map[string]any{"Origins": originOverride()}}
	}},
	"POST /api/origins": {body: func() any { return originBody() }},
	"PUT /api/origins/{id}": {body: func() any {
		return map[string]any{"name": "renamed by authz"}
	}},
	"POST /api/lambda-edge/functions": {body: func() any { return seedFunctionBody("authz-router") }},
	// Previewing generates code and writes nothing: every group may.
	"POST /api/lambda-edge/preview": {rule: ruleRead, body: func() any {
		return map[string]any{"preset": "geographic", "origins": map[string]any{
			"default":    map[string]any{"originId": "origin-us", "region": "us-east-1", "bucketName": "cfm-authz-us"},
			"additional": []any{map[string]any{"originId": "origin-eu", "region": "eu-central-1", "bucketName": "cfm-authz-eu"}}}}
	}},
}

// resourceFixtures create a resource owned by the given client, keyed by the collection (the
// path segment after /api/), and return its id. A change route under a collection without an
// entry fails the matrix; a read route uses an id that does not exist instead.
var resourceFixtures = map[string]func(t *testing.T, owner *client) string{
	"distributions": func(t *testing.T, owner *client) string {
		r := owner.do("POST", "/api/distributions", seedCreateBody("authz"))
		return settled(t, owner, r, "distribution")
	},
	"operations": func(t *testing.T, owner *client) string {
		r := owner.do("POST", "/api/distributions", seedCreateBody("authz"))
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		return dig(r.Body, "data", "operation", "id").(string)
	},
	"templates": func(t *testing.T, owner *client) string {
		return createTemplate(t, owner, templateBody("authz", "Web"))
	},
	"origins": func(t *testing.T, owner *client) string {
		r := owner.do("POST", "/api/origins", originBody())
		return settled(t, owner, r, "origin")
	},
	"lambda-edge": func(t *testing.T, owner *client) string {
		r := owner.do("POST", "/api/lambda-edge/functions", seedFunctionBody("authz-router"))
		return settled(t, owner, r, "function")
	},
}

var bucketSeq int

func originBody() map[string]any {
	bucketSeq++
	return map[string]any{"name": "authz origin", "bucketName": fmt.Sprintf("cfm-authz-%d-%d", time.Now().UnixNano()%1e9, bucketSeq),
		"region": "us-east-1"}
}

// settled waits for an asynchronous create and returns the resource id from data.<kind>.
func settled(t *testing.T, owner *client, r reply, kind string) string {
	t.Helper()
	require.Contains(t, []int{http.StatusAccepted, http.StatusCreated}, r.Status, "fixture for %s is out of date: %s", kind, r.Raw)
	res, _ := dig(r.Body, "data", kind).(map[string]any)
	require.NotNil(t, res, "fixture for %s: no data.%s in %s", kind, kind, r.Raw)
	var id string
	for _, k := range []string{"id", kind + "Id", "templateId"} {
		if s, ok := res[k].(string); ok && s != "" {
			id = s
			break
		}
	}
	require.NotEmpty(t, id, "fixture for %s: no id in %s", kind, r.Raw)
	if opID, ok := dig(r.Body, "data", "operation", "id").(string); ok {
		op := owner.waitOperation(opID, 20*time.Second)
		require.Equal(t, "Succeeded", op["status"], "fixture for %s did not converge: %v", kind, op)
	}
	return id
}

type route struct {
	method, path string
	hasBody      bool
}

func (r route) String() string { return r.method + " " + r.path }

// classify applies the rule above from the method and the path's shape.
func (r route) rule() rule {
	if f, ok := routeFixtures[r.String()]; ok && f.rule != "" {
		return f.rule
	}
	switch {
	case r.method == http.MethodGet:
		return ruleRead
	case r.method == http.MethodPost && !strings.Contains(r.path, "{"):
		return ruleCreate
	}
	return ruleChange
}

// collection is the path segment after /api/: distributions, templates, …
func (r route) collection() string {
	rest := strings.TrimPrefix(r.path, "/api/")
	c, _, _ := strings.Cut(rest, "/")
	return c
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// discoverRoutes reads every path × method of the OpenAPI document the server serves.
func discoverRoutes(t *testing.T, anon *client) []route {
	t.Helper()
	r := anon.do("GET", "/api/openapi.json", nil)
	require.Equal(t, http.StatusOK, r.Status, "the OpenAPI document is public")
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(r.Raw, &doc))
	var routes []route
	for path, item := range doc.Paths {
		if !strings.HasPrefix(path, "/api/") || path == "/api/openapi.json" {
			continue
		}
		for method, raw := range item {
			m := strings.ToUpper(method)
			if !slices.Contains([]string{"GET", "POST", "PUT", "PATCH", "DELETE"}, m) {
				continue // "parameters", "summary", …
			}
			var op struct {
				RequestBody json.RawMessage `json:"requestBody"`
			}
			require.NoError(t, json.Unmarshal(raw, &op), "%s %s", m, path)
			routes = append(routes, route{method: m, path: path, hasBody: len(op.RequestBody) > 0})
		}
	}
	sort.Slice(routes, func(i, j int) bool { return routes[i].String() < routes[j].String() })
	return routes
}

type caller struct {
	name    string
	c       *client
	isAdmin bool
	isOwner bool
	group   string // "", admins, developers, viewers
}

// allowed is the expected decision for a caller on a route; ok=false means 401 (no token).
func (c caller) allowed(r rule) (status int, allow bool) {
	switch {
	case c.c.token == "":
		return http.StatusUnauthorized, false
	case c.group == "":
		return http.StatusForbidden, false
	}
	switch r {
	case ruleRead:
		return 0, true
	case ruleCreate:
		return http.StatusForbidden, c.group == "admins" || c.group == "developers"
	case ruleChange:
		return http.StatusForbidden, c.isAdmin || c.isOwner
	case ruleAdmin:
		return http.StatusForbidden, c.isAdmin
	}
	panic("unknown rule " + string(r))
}

func TestEndToEndAuthorizationMatrix(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	owner := anon.login("owner-dev", "developers")
	callers := []caller{
		{name: "admin", c: anon.login("root", "admins"), isAdmin: true, group: "admins"},
		{name: "owner developer", c: owner, isOwner: true, group: "developers"},
		{name: "other developer", c: anon.login("other-dev", "developers"), group: "developers"},
		{name: "viewer", c: anon.login("victor", "viewers"), group: "viewers"},
		{name: "no known group", c: anon.login("nobody")},
		{name: "no token", c: anon},
	}
	routes := discoverRoutes(t, anon)
	require.NotEmpty(t, routes)
	for _, want := range []string{"GET /api/distributions", "GET /api/operations", "POST /api/templates", "POST /api/templates/{id}/apply"} {
		require.True(t, slices.ContainsFunc(routes, func(r route) bool { return r.String() == want }), "%s is in the document", want)
	}

	shared := map[string]string{} // collection → a resource owned by owner-dev, never changed
	sharedID := func(t *testing.T, coll string) (string, bool) {
		if id, ok := shared[coll]; ok {
			return id, true
		}
		mk, ok := resourceFixtures[coll]
		if !ok {
			return "", false
		}
		owner.t = t
		shared[coll] = mk(t, owner)
		return shared[coll], true
	}

	for _, rt := range routes {
		t.Run(rt.String(), func(t *testing.T) {
			fx, hasFixture := routeFixtures[rt.String()]
			if rt.hasBody && !hasFixture {
				t.Fatalf("no request-body fixture for %s: add one to routeFixtures", rt)
			}
			rl := rt.rule()
			params := pathParam.FindAllString(rt.path, -1)
			_, hasResource := resourceFixtures[rt.collection()]
			if len(params) > 0 && rl != ruleRead && !hasResource {
				t.Fatalf("no resource fixture for %s (collection %q): add one to resourceFixtures", rt, rt.collection())
			}
			// concrete fills the path: the first parameter is a resource of the collection (or a
			// missing id for reads without a fixture), any further one a missing id.
			concrete := func(t *testing.T, fresh bool) (string, bool) {
				if len(params) == 0 {
					return rt.path, false
				}
				id, placeholder := "authz-missing", true
				if hasResource {
					if fresh {
						owner.t = t
						id = resourceFixtures[rt.collection()](t, owner)
					} else {
						id, _ = sharedID(t, rt.collection())
					}
					placeholder = false
				}
				p := strings.Replace(rt.path, params[0], id, 1)
				return pathParam.ReplaceAllString(p, "authz-missing"), placeholder || len(params) > 1
			}
			for _, cl := range callers {
				t.Run(cl.name, func(t *testing.T) {
					denied, allow := cl.allowed(rl)
					// An allowed change gets a resource of its own (it may delete it); a refusal
					// must leave the shared one alone.
					path, placeholder := concrete(t, allow && rl != ruleRead && len(params) > 0)
					var body any
					if fx.body != nil {
						body = fx.body()
					}
					cl.c.t = t
					r := cl.c.do(rt.method, path, body)
					assert.Less(t, r.Status, 500, "%s %s as %s: never a 5xx: %s", rt.method, path, cl.name, r.Raw)
					if !allow {
						assert.Equal(t, denied, r.Status, "%s %s as %s (%s): %s", rt.method, path, cl.name, rl, r.Raw)
						return
					}
					assert.NotContains(t, []int{http.StatusUnauthorized, http.StatusForbidden}, r.Status,
						"%s %s as %s (%s) is allowed: %s", rt.method, path, cl.name, rl, r.Raw)
					if rl == ruleRead {
						ok := []int{http.StatusOK, http.StatusNotFound}
						if placeholder {
							ok = append(ok, http.StatusBadRequest) // the placeholder id may not even be well-formed
						}
						assert.Contains(t, ok, r.Status, "%s %s as %s: %s", rt.method, path, cl.name, r.Raw)
						if !placeholder {
							assert.Equal(t, http.StatusOK, r.Status, "%s %s exists: %s", rt.method, path, r.Raw)
						}
					}
				})
			}
		})
	}
}
