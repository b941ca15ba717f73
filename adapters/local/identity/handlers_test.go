package identity_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

type envelope struct {
	Success *bool `json:"success"`
	Error   struct {
		Code    string              `json:"code"`
		Message string              `json:"message"`
		Fields  []domain.FieldError `json:"fields"`
	} `json:"error"`
}

func TestTokenHandlerIssuesVerifiableTokens(t *testing.T) {
	p := open(t, t.TempDir())
	v := inProcessVerifier(t, p)
	tests := []struct {
		name string
		body string
		want domain.Principal
	}{
		{"developer", `{"username":"alice","groups":["developers"]}`, domain.Principal{Username: "alice", Groups: []string{"developers"}}},
		{"several groups", `{"username":"ops.admin@example.com","groups":["admins","viewers"]}`, domain.Principal{Username: "ops.admin@example.com", Groups: []string{"admins", "viewers"}}},
		{"no groups", `{"username":"guest"}`, domain.Principal{Username: "guest", Groups: []string{}}},
		{"longest username", `{"username":"` + strings.Repeat("a", 128) + `","groups":[]}`, domain.Principal{Username: strings.Repeat("a", 128), Groups: []string{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/local/token", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json; charset=utf-8")
			rec := httptest.NewRecorder()
			p.TokenHandler().ServeHTTP(rec, req)

			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			var body map[string]string
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			require.Len(t, body, 1, "exactly {\"token\": ...}")
			got, err := v.Authenticate(context.Background(), body["token"])
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTokenHandlerRejectsBadRequests(t *testing.T) {
	p := open(t, t.TempDir())
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		status      int
		code        string
		fields      []string
	}{
		{name: "GET", method: http.MethodGet, status: 405, code: "method_not_allowed"},
		{name: "PUT", method: http.MethodPut, body: `{"username":"alice"}`, status: 405, code: "method_not_allowed"},
		{name: "unknown field", body: `{"username":"alice","groups":[],"role":"admin"}`, status: 400, code: "validation_failed", fields: []string{"role"}},
		{name: "missing username", body: `{"groups":["developers"]}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "null username", body: `{"username":null}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username too long", body: `{"username":"` + strings.Repeat("a", 129) + `"}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username with a space", body: `{"username":"al ice"}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username with a path", body: `{"username":"../etc"}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username starting with a dash", body: `{"username":"-alice"}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username with non-ascii", body: `{"username":"älice"}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "username of the wrong type", body: `{"username":42}`, status: 400, code: "validation_failed", fields: []string{"username"}},
		{name: "unknown group", body: `{"username":"alice","groups":["developers","root"]}`, status: 400, code: "validation_failed", fields: []string{"groups[1]"}},
		{name: "duplicate group", body: `{"username":"alice","groups":["viewers","viewers"]}`, status: 400, code: "validation_failed", fields: []string{"groups[1]"}},
		{name: "every problem at once", body: `{"username":"","groups":["Admins"]}`, status: 400, code: "validation_failed", fields: []string{"username", "groups[0]"}},
		{name: "groups not a list", body: `{"username":"alice","groups":"admins"}`, status: 400, code: "validation_failed", fields: []string{"groups"}},
		{name: "not JSON", body: `username=alice`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "truncated JSON", body: `{"username":"alice"`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "empty body", body: ``, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "a list, not an object", body: `[]`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "trailing data", body: `{"username":"alice"}{"username":"bob"}`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "form content type", contentType: "application/x-www-form-urlencoded", body: `{"username":"alice"}`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "look-alike content type", contentType: "application/jsonx", body: `{"username":"alice"}`, status: 400, code: "validation_failed", fields: []string{"body"}},
		{name: "body too large", body: `{"username":"alice","groups":[` + strings.Repeat(`"viewers",`, 1000) + `"viewers"]}`, status: 413, code: "payload_too_large"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/local/token", strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			p.TokenHandler().ServeHTTP(rec, req)

			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			if tc.status == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"))
			}
			var env envelope
			dec := json.NewDecoder(rec.Body)
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&env))
			require.NotNil(t, env.Success)
			assert.False(t, *env.Success)
			assert.Equal(t, tc.code, env.Error.Code)
			assert.NotEmpty(t, env.Error.Message)
			var fields []string
			for _, f := range env.Error.Fields {
				fields = append(fields, f.Field)
				assert.NotEmpty(t, f.Message)
			}
			assert.Equal(t, tc.fields, fields)
		})
	}
}

func TestJWKSHandler(t *testing.T) {
	p := open(t, t.TempDir())
	tests := []struct {
		method string
		status int
		body   string
	}{
		{http.MethodGet, http.StatusOK, string(p.JWKS())},
		{http.MethodHead, http.StatusOK, ""},
		{http.MethodPost, http.StatusMethodNotAllowed, ""},
		{http.MethodDelete, http.StatusMethodNotAllowed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.method, func(t *testing.T) {
			rec := httptest.NewRecorder()
			p.JWKSHandler().ServeHTTP(rec, httptest.NewRequest(tc.method, "/local/.well-known/jwks.json", nil))
			require.Equal(t, tc.status, rec.Code)
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			switch {
			case tc.status == http.StatusMethodNotAllowed:
				assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
			case tc.body != "":
				assert.JSONEq(t, tc.body, rec.Body.String())
			default:
				assert.Empty(t, rec.Body.String())
			}
		})
	}
}
