package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// templateBody is a template without origins: the apply overrides bring them.
func templateBody(name, category string) map[string]any {
	return map[string]any{
		"name": name, "description": "S3 site, HTTPS only", "category": category,
		"config": map[string]any{
			"DefaultRootObject":    "index.html",
			"PriceClass":           "PriceClass_200",
			"HttpVersion":          "http2",
			"DefaultCacheBehavior": map[string]any{"TargetOriginId": "web", "ViewerProtocolPolicy": "https-only"},
		},
	}
}

func originOverride() map[string]any {
	return map[string]any{"Quantity": 1, "Items": []any{map[string]any{"Id": "web", "DomainName": "site.s3.amazonaws.com"}}}
}

func createTemplate(t *testing.T, c *client, body map[string]any) string {
	t.Helper()
	r := c.do("POST", "/api/templates", body)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Raw))
	id := dig(r.Body, "data", "template", "templateId").(string)
	require.Equal(t, "/api/templates/"+id, r.Header.Get("Location"))
	return id
}

func templateIDs(t *testing.T, r reply) []string {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	var ids []string
	for _, row := range dig(r.Body, "data", "templates").([]any) {
		ids = append(ids, row.(map[string]any)["templateId"].(string))
	}
	return ids
}

func TestEndToEndTemplateLifecycle(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	owner := anon.login("owner-dev", "developers")
	viewer := anon.login("victor", "viewers")

	r := owner.do("POST", "/api/templates", templateBody("static site", "Web"))
	require.Equal(t, http.StatusCreated, r.Status, string(r.Raw))
	tmpl := dig(r.Body, "data", "template").(map[string]any)
	id := tmpl["templateId"].(string)
	assert.Regexp(t, `^tmpl-[0-9a-f]{16}$`, id)
	assert.Equal(t, "/api/templates/"+id, r.Header.Get("Location"))
	assert.Equal(t, "owner-dev", tmpl["createdBy"])
	assert.Equal(t, "Web", tmpl["category"])
	assert.EqualValues(t, 1, tmpl["version"])

	apiID := createTemplate(t, owner, map[string]any{"name": "api", "config": map[string]any{}})
	r = viewer.do("GET", "/api/templates/"+apiID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "General", dig(r.Body, "data", "template", "category"), "the default category")

	// The shipped SPA + API template (category Web) is listed too.
	assert.Equal(t, []string{apiID, id, "tmpl-spa-api"}, templateIDs(t, viewer.do("GET", "/api/templates", nil)))
	assert.Equal(t, []string{id, "tmpl-spa-api"}, templateIDs(t, viewer.do("GET", "/api/templates?category=Web", nil)))
	assert.Equal(t, []string{apiID}, templateIDs(t, viewer.do("GET", "/api/templates?category=General", nil)))
	assert.Empty(t, templateIDs(t, viewer.do("GET", "/api/templates?category=Nothing", nil)))
	r = viewer.do("GET", "/api/templates?limit=1", nil)
	assert.Equal(t, []string{apiID}, templateIDs(t, r))
	next := dig(r.Body, "data", "nextCursor").(string)
	require.NotEmpty(t, next)
	assert.Equal(t, []string{id}, templateIDs(t, viewer.do("GET", "/api/templates?limit=1&cursor="+next, nil)))

	r = owner.do("PUT", "/api/templates/"+id, map[string]any{"description": "updated", "version": 1})
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.EqualValues(t, 2, dig(r.Body, "data", "template", "version"))
	assert.Equal(t, "updated", dig(r.Body, "data", "template", "description"))
	assert.Equal(t, "index.html", dig(r.Body, "data", "template", "config", "DefaultRootObject"), "not in the patch: kept")
	r = owner.do("PUT", "/api/templates/"+id, map[string]any{"description": "stale", "version": 1})
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))

	// Apply: the template's settings, the overrides win, same path as POST /api/distributions.
	apply := map[string]any{"name": "from template", "config": map[string]any{
		"Origins": originOverride(), "PriceClass": "PriceClass_All"}}
	r = owner.do("POST", "/api/templates/"+id+"/apply", apply, "Idempotency-Key", "apply-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	assert.Equal(t, "/api/operations/"+opID, r.Header.Get("Location"))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	assert.Equal(t, id, dig(r.Body, "data", "distribution", "templateId"))
	again := owner.do("POST", "/api/templates/"+id+"/apply", apply, "Idempotency-Key", "apply-1")
	require.Equal(t, http.StatusAccepted, again.Status, string(again.Raw))
	assert.Equal(t, opID, dig(again.Body, "data", "operation", "id"), "same key, same body: same operation")
	apply["name"] = "another"
	r = owner.do("POST", "/api/templates/"+id+"/apply", apply, "Idempotency-Key", "apply-1")
	assert.Equal(t, http.StatusConflict, r.Status, string(r.Raw))

	op := owner.waitOperation(opID, 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	r = viewer.do("GET", "/api/distributions/"+distID, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	d := dig(r.Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "Deployed", d["status"])
	assert.Equal(t, id, d["templateId"])
	assert.Equal(t, "owner-dev", d["owner"])
	cfg := d["config"].(map[string]any)
	assert.Equal(t, "index.html", cfg["DefaultRootObject"], "template")
	assert.Equal(t, "http2", cfg["HttpVersion"], "template")
	assert.Equal(t, "https-only", dig(cfg, "DefaultCacheBehavior", "ViewerProtocolPolicy"), "template")
	assert.Equal(t, "web", dig(cfg, "DefaultCacheBehavior", "TargetOriginId"), "template")
	assert.Equal(t, "PriceClass_All", cfg["PriceClass"], "override wins")
	assert.Equal(t, "site.s3.amazonaws.com", dig(cfg, "Origins", "Items").([]any)[0].(map[string]any)["DomainName"], "override")
	assert.Equal(t, opID, cfg["CallerReference"])
	assert.Equal(t, "from template", cfg["Comment"], "the distribution's name")

	r = owner.do("DELETE", "/api/templates/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, id, dig(r.Body, "data", "templateId"))
	assert.Equal(t, http.StatusNotFound, viewer.do("GET", "/api/templates/"+id, nil).Status)
	assert.Equal(t, http.StatusNotFound, owner.do("DELETE", "/api/templates/"+id, nil).Status)
	assert.Equal(t, http.StatusNotFound, owner.do("POST", "/api/templates/"+id+"/apply", map[string]any{"name": "x"}).Status)
	r = viewer.do("GET", "/api/distributions/"+distID, nil)
	assert.Equal(t, id, dig(r.Body, "data", "distribution", "templateId"), "the distribution keeps its template id")
}

func TestEndToEndTemplateCreateIdempotencyKey(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	owner := anon.login("owner-dev", "developers")
	first := owner.do("POST", "/api/templates", templateBody("idem", "Web"), "Idempotency-Key", "t-1")
	require.Equal(t, http.StatusCreated, first.Status, string(first.Raw))
	again := owner.do("POST", "/api/templates", templateBody("idem", "Web"), "Idempotency-Key", "t-1")
	require.Equal(t, http.StatusCreated, again.Status, string(again.Raw))
	assert.Equal(t, dig(first.Body, "data", "template", "templateId"), dig(again.Body, "data", "template", "templateId"))
	other := owner.do("POST", "/api/templates", templateBody("other", "Web"), "Idempotency-Key", "t-1")
	assert.Equal(t, http.StatusConflict, other.Status, string(other.Raw))
	assert.Len(t, templateIDs(t, owner.do("GET", "/api/templates", nil)), 2, "the created one and the shipped one")
}

func TestEndToEndTemplateRejections(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	owner := anon.login("owner-dev", "developers")
	other := anon.login("other-dev", "developers")
	viewer := anon.login("victor", "viewers")
	admin := anon.login("root", "admins")
	id := createTemplate(t, owner, templateBody("guarded", "Web"))

	withConfig := func(cfg map[string]any) map[string]any {
		b := templateBody("x", "Web")
		b["config"] = cfg
		return b
	}
	cases := []struct {
		name   string
		c      *client
		method string
		path   string
		body   any
		status int
		field  string
	}{
		{"no token", anon, "POST", "/api/templates", templateBody("x", "Web"), http.StatusUnauthorized, ""},
		{"viewer cannot create", viewer, "POST", "/api/templates", templateBody("x", "Web"), http.StatusForbidden, ""},
		{"owner is never a body field", owner, "POST", "/api/templates", func() any {
			b := templateBody("x", "Web")
			b["createdBy"] = "someone-else"
			return b
		}(), http.StatusBadRequest, "createdBy"},
		{"missing name", owner, "POST", "/api/templates", map[string]any{"config": map[string]any{}}, http.StatusBadRequest, "name"},
		{"bad category", owner, "POST", "/api/templates", templateBody("x", "a/b"), http.StatusBadRequest, "category"},
		{"wrong type in config", owner, "POST", "/api/templates", `{"name":"x","config":{"PriceClass":5}}`, http.StatusBadRequest, "config.PriceClass"},
		// The shared decoder names an unknown field without its path (encoding/json does not give it).
		{"unknown config field", owner, "POST", "/api/templates", withConfig(map[string]any{"Bogus": 1}), http.StatusBadRequest, "Bogus"},
		{"origin that is not S3", owner, "POST", "/api/templates", withConfig(map[string]any{"Origins": map[string]any{"Quantity": 1,
			"Items": []any{map[string]any{"Id": "web", "DomainName": "example.com"}}}}), http.StatusBadRequest, "config.Origins.Items[0].DomainName"},
		{"a config the policy forbids", owner, "POST", "/api/templates", withConfig(map[string]any{
			"DefaultCacheBehavior": map[string]any{"ViewerProtocolPolicy": "allow-all"}}), http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
		{"ssl template without a valid certificate", owner, "POST", "/api/templates", withConfig(map[string]any{
			"Aliases": map[string]any{"Quantity": 1, "Items": []any{"www.example.com"}}}), http.StatusUnprocessableEntity, "config.Aliases.Items[0]"},
		{"bad limit", viewer, "GET", "/api/templates?limit=0", nil, http.StatusBadRequest, "limit"},
		{"bad category filter", viewer, "GET", "/api/templates?category=%3Cx%3E", nil, http.StatusBadRequest, "category"},
		{"bad cursor", viewer, "GET", "/api/templates?cursor=not-a-cursor", nil, http.StatusBadRequest, ""},
		{"missing template", viewer, "GET", "/api/templates/tmpl-missing", nil, http.StatusNotFound, ""},
		{"non-owner developer cannot update", other, "PUT", "/api/templates/" + id, map[string]any{"name": "mine"}, http.StatusForbidden, ""},
		{"viewer cannot update", viewer, "PUT", "/api/templates/" + id, map[string]any{"name": "mine"}, http.StatusForbidden, ""},
		{"update to a config the policy forbids", owner, "PUT", "/api/templates/" + id, map[string]any{"config": map[string]any{"HttpVersion": "http1.1"}}, http.StatusUnprocessableEntity, "config.HttpVersion"},
		{"update with an unknown field", owner, "PUT", "/api/templates/" + id, map[string]any{"owner": "other-dev"}, http.StatusBadRequest, "owner"},
		{"non-owner developer cannot delete", other, "DELETE", "/api/templates/" + id, nil, http.StatusForbidden, ""},
		{"viewer cannot delete", viewer, "DELETE", "/api/templates/" + id, nil, http.StatusForbidden, ""},
		{"non-owner developer cannot apply", other, "POST", "/api/templates/" + id + "/apply", map[string]any{"name": "x",
			"config": map[string]any{"Origins": originOverride()}}, http.StatusForbidden, ""},
		{"viewer cannot apply", viewer, "POST", "/api/templates/" + id + "/apply", map[string]any{"name": "x",
			"config": map[string]any{"Origins": originOverride()}}, http.StatusForbidden, ""},
		{"apply with overrides the policy forbids", owner, "POST", "/api/templates/" + id + "/apply", map[string]any{"name": "x",
			"config": map[string]any{"Origins": originOverride(), "DefaultCacheBehavior": map[string]any{"Compress": false}}},
			http.StatusUnprocessableEntity, "config.DefaultCacheBehavior.Compress"},
		{"apply without a name", owner, "POST", "/api/templates/" + id + "/apply", map[string]any{
			"config": map[string]any{"Origins": originOverride()}}, http.StatusBadRequest, "name"},
		{"apply without origins anywhere", owner, "POST", "/api/templates/" + id + "/apply", map[string]any{"name": "x"}, http.StatusBadRequest, "config.Origins"},
		{"apply with an unknown override", owner, "POST", "/api/templates/" + id + "/apply", map[string]any{"name": "x",
			"config": map[string]any{"Origin": originOverride()}}, http.StatusBadRequest, "config.Origin"},
		{"apply with a wrongly typed override", owner, "POST", "/api/templates/" + id + "/apply", `{"name":"x","config":{"Origins":{"Quantity":"1"}}}`,
			http.StatusBadRequest, "config.Origins.Quantity"},
		{"apply with config that is not an object", owner, "POST", "/api/templates/" + id + "/apply", `{"name":"x","config":"all"}`,
			http.StatusBadRequest, "config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.t = t
			r := tc.c.do(tc.method, tc.path, tc.body)
			require.Equal(t, tc.status, r.Status, string(r.Raw))
			assert.Equal(t, false, r.Body["success"])
			assert.NotEmpty(t, dig(r.Body, "error", "code"))
			if tc.field != "" {
				fields, _ := dig(r.Body, "error", "fields").([]any)
				require.NotEmpty(t, fields, string(r.Raw))
				assert.Equal(t, tc.field, fields[0].(map[string]any)["field"])
			}
		})
	}

	// Nothing above changed the template; its owner and an admin may.
	r := admin.do("GET", "/api/templates/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.EqualValues(t, 1, dig(r.Body, "data", "template", "version"))
	assert.Equal(t, "guarded", dig(r.Body, "data", "template", "name"))
	r = admin.do("PUT", "/api/templates/"+id, map[string]any{"name": "by admin"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, "owner-dev", dig(r.Body, "data", "template", "createdBy"), "an admin's change keeps the owner")
	r = admin.do("DELETE", "/api/templates/"+id, nil)
	assert.Equal(t, http.StatusOK, r.Status, string(r.Raw))
}

// The seed's template record carries features (short labels): they are accepted, returned,
// replaced by an update, and a bad label is a 400 naming it.
func TestEndToEndTemplateFeatures(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	body := map[string]any{"name": "API Gateway Template", "category": "API", "description": "Optimized for API Gateway backends",
		"features": []string{"CORS", "Compression", "Low TTL"},
		"config": map[string]any{"Comment": "API Gateway CDN Template", "Enabled": true,
			"DefaultCacheBehavior": map[string]any{"ViewerProtocolPolicy": "redirect-to-https",
				"CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}}}
	id := createTemplate(t, alice, body)
	r := alice.do("GET", "/api/templates/"+id, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, []any{"CORS", "Compression", "Low TTL"}, dig(r.Body, "data", "template", "features"))

	r = alice.do("PUT", "/api/templates/"+id, map[string]any{"features": []string{"HTTPS", "Caching"}})
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, []any{"HTTPS", "Caching"}, dig(r.Body, "data", "template", "features"))

	r = alice.do("PUT", "/api/templates/"+id, map[string]any{"features": []string{"HTTPS", "<b>bold</b>"}})
	assertField(t, r, http.StatusBadRequest, "features[1]")
	r = alice.do("PUT", "/api/templates/"+id, map[string]any{"features": []string{"HTTPS", "https"}})
	assertField(t, r, http.StatusBadRequest, "features[1]")
	r = alice.do("POST", "/api/templates", map[string]any{"name": "x", "features": "CORS"})
	assertField(t, r, http.StatusBadRequest, "features")
}
