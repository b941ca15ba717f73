package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

type sample struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func decodeBody(contentType, body string) (sample, error) {
	r := httptest.NewRequest(http.MethodPost, "/api/x", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	var v sample
	err := decode(httptest.NewRecorder(), r, &v)
	return v, err
}

func TestDecodeIsStrictAndNamesTheField(t *testing.T) {
	v, err := decodeBody("application/json; charset=utf-8", `{"name":"a","count":2}`)
	require.NoError(t, err)
	assert.Equal(t, sample{Name: "a", Count: 2}, v)

	cases := []struct {
		name, contentType, body string
		status                  int
		code, field             string
	}{
		{"unknown field", "", `{"name":"a","colour":"red"}`, 400, "validation_failed", "colour"},
		{"wrong type", "", `{"count":"two"}`, 400, "validation_failed", "count"},
		{"null", "", `{"name":null}`, 400, "validation_failed", "name"},
		{"required member", "", `{"websiteHosting":{"indexDocument":"i.html"}}`, 400, "validation_failed", "websiteHosting.enabled"},
		// Spelled with escapes (the one-pass fast path must not miss them).
		{"required member escaped", "", `{"website\u0048osting":{"indexDocument":"i.html"}}`, 400, "validation_failed", "websiteHosting.enabled"},
		{"null under an escaped name", "", `{"n\u0061me":null}`, 400, "validation_failed", "name"},
		{"empty", "", ``, 400, "invalid_json", ""},
		{"not JSON", "", `{"name":`, 400, "invalid_json", ""},
		{"two objects", "", `{} {}`, 400, "invalid_json", ""},
		{"content type", "text/plain", `{}`, 415, "unsupported_media_type", ""},
		{"too large", "", `{"name":"` + strings.Repeat("x", maxBody) + `"}`, 413, "body_too_large", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeBody(tc.contentType, tc.body)
			require.Error(t, err)
			ae := classify(err)
			assert.Equal(t, tc.status, ae.status)
			assert.Equal(t, tc.code, ae.body.Code)
			if tc.field != "" {
				require.Len(t, ae.body.Fields, 1)
				assert.Equal(t, tc.field, ae.body.Fields[0].Field)
			}
		})
	}
}

// classify is the one mapping from errors (wrapped, as use cases return them) to statuses.
func TestClassifyMapsEveryErrorKind(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{domain.Invalid("config.Comment", "too long"), 400, "validation_failed"},
		{&domain.PolicyViolation{Rule: "viewerProtocolPolicy", Field: "config.DefaultCacheBehavior.ViewerProtocolPolicy", Message: "no"}, 422, "policy_violation"},
		{fmt.Errorf("x: %w", domain.ErrUnauthenticated), 401, "unauthenticated"},
		{fmt.Errorf("x: %w", domain.ErrForbidden), 403, "forbidden"},
		{fmt.Errorf("x: %w", domain.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("x: %w", domain.ErrConflict), 409, "conflict"},
		{fmt.Errorf("x: %w", domain.ErrAlreadyExists), 409, "conflict"},
		{fmt.Errorf("x: %w", domain.ErrPreconditionFailed), 409, "conflict"},
		{fmt.Errorf("x: %w", domain.ErrThrottled), 429, "throttled"},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), 503, "unavailable"},
		{errors.New("boom"), 500, "internal"},
	}
	for _, tc := range cases {
		ae := classify(tc.err)
		assert.Equal(t, tc.status, ae.status, "%v", tc.err)
		assert.Equal(t, tc.code, ae.body.Code, "%v", tc.err)
	}
	pv := classify(&domain.PolicyViolation{Rule: "priceClass", Field: "config.PriceClass", Message: "not allowed"})
	assert.Equal(t, "priceClass", pv.body.Rule)
	assert.Equal(t, []domain.FieldError{{Field: "config.PriceClass", Message: "not allowed"}}, pv.body.Fields)
	assert.Equal(t, "internal error", classify(errors.New("secret detail")).body.Message, "a 500 does not leak its cause")
}

func TestEnvelopes(t *testing.T) {
	w := httptest.NewRecorder()
	ok(w, http.StatusAccepted, map[string]any{"id": "x"}, "accepted")
	assert.Equal(t, http.StatusAccepted, w.Code)
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	assert.JSONEq(t, `{"success":true,"data":{"id":"x"},"message":"accepted"}`, w.Body.String())

	w = httptest.NewRecorder()
	fail(w, httptest.NewRequest(http.MethodGet, "/api/x", nil), domain.Invalid("name", "is required"))
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.JSONEq(t, `{"success":false,"message":"the request is invalid","error":{"code":"validation_failed",
		"message":"the request is invalid","fields":[{"field":"name","message":"is required"}]}}`, w.Body.String())

	w = httptest.NewRecorder()
	fail(w, httptest.NewRequest(http.MethodGet, "/api/x", nil), domain.ErrUnauthenticated)
	assert.Equal(t, `Bearer realm="cfm"`, w.Header().Get("WWW-Authenticate"))
}

// The route table and the OpenAPI document list the same routes.
func TestRouteTableMatchesTheOpenAPIDocument(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(OpenAPIDocument(), &doc))
	var documented []string
	for path, methods := range doc.Paths {
		if !strings.HasPrefix(path, "/api/") || path == "/api/openapi.json" {
			continue
		}
		for m := range methods {
			if slices.Contains([]string{"get", "put", "post", "delete", "patch"}, m) {
				documented = append(documented, strings.ToUpper(m)+" "+path)
			}
		}
	}
	var served []string
	for _, rt := range routes(shared.Deps{}) {
		require.NotNil(t, rt.handler, rt.pattern)
		served = append(served, strings.ReplaceAll(rt.pattern, "...}", "}"))
	}
	assert.ElementsMatch(t, documented, served)
}

type tokenAuth map[string]domain.Principal

func (a tokenAuth) Authenticate(_ context.Context, token string) (domain.Principal, error) {
	if p, ok := a[token]; ok {
		return p, nil
	}
	return domain.Principal{}, domain.ErrUnauthenticated
}

// New routes /api behind authentication; unknown /api routes are an enveloped 404.
func TestNewRoutesBehindAuthentication(t *testing.T) {
	h := New(Config{Auth: tokenAuth{"t-viewer": {Username: "v", Groups: []string{domain.GroupViewers}}}})
	call := func(method, path, token string, body ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, strings.NewReader(strings.Join(body, "")))
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	assert.Equal(t, http.StatusUnauthorized, call("GET", "/api/distributions", "").Code)
	assert.Equal(t, http.StatusUnauthorized, call("GET", "/api/distributions", "wrong").Code)
	w := call("GET", "/api/nothing-here", "t-viewer")
	assert.Equal(t, http.StatusNotFound, w.Code)
	assert.Contains(t, w.Body.String(), `"code":"not_found"`)
	w = call("POST", "/api/distributions", "t-viewer", `{"name":"x"}`)
	assert.Equal(t, http.StatusForbidden, w.Code, "the route is reached and the use case refuses a viewer: %s", w.Body.String())
	assert.Equal(t, http.StatusOK, call("GET", "/api/openapi.json", "").Code, "the document is public")
	w = call("GET", "/healthz", "")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
}

// Error answers speak the API's words: no Go type names, no store keys or wrapped chains, and
// nothing echoed beyond a bounded length.
func TestErrorMessagesLeakNothing(t *testing.T) {
	_, err := decodeBody("", `{"name":{"a":1}}`)
	ae := classify(err)
	require.Len(t, ae.body.Fields, 1)
	assert.Equal(t, "must be a string", ae.body.Fields[0].Message)

	rec := httptest.NewRecorder()
	fail(rec, httptest.NewRequest(http.MethodGet, "/api/x", nil),
		fmt.Errorf("get distribution/dist-0123: load %s: %w", strings.Repeat("x", 100000), domain.ErrNotFound))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.NotContains(t, rec.Body.String(), "distribution/dist-0123")
	assert.NotContains(t, rec.Body.String(), "xxxx")

	rec = httptest.NewRecorder()
	huge := strings.Repeat("é", 100000)
	fail(rec, httptest.NewRequest(http.MethodPost, "/api/x", nil), domain.Invalid(huge, "unknown value %q", huge))
	assert.Less(t, rec.Body.Len(), 2000, "bounded")
	assert.True(t, json.Valid(rec.Body.Bytes()), "cut on a rune boundary")
}
