package console_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	builtconsole "github.com/cloudfront-manager/cfm/console"
	"github.com/cloudfront-manager/cfm/handlers/console"
)

var settings = console.Settings{APIURL: "https://api.example.com/prod", Authority: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
	ClientID: "client", RedirectURI: "https://console.example.com/callback", PostLogoutRedirectURI: "https://console.example.com/", Environment: "aws"}

func handler(t *testing.T) http.Handler {
	t.Helper()
	h, err := console.New(fstest.MapFS{
		"index.html":               {Data: []byte("<!doctype html><title>x</title>")},
		"assets/app.js":            {Data: []byte("console.log(1)")},
		"assets/routing-worker.js": {Data: []byte("self.onmessage=null")},
		"assets/land.json":         {Data: []byte("[]")},
	}, settings)
	require.NoError(t, err)
	return h
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestServesFilesConfigAndTheAppForEveryRoute(t *testing.T) {
	h := handler(t)
	cases := []struct {
		path        string
		status      int
		ctype, body string
	}{
		{"/", 200, "text/html", "<!doctype html>"},
		{"/distributions/d-1/edit", 200, "text/html", "<!doctype html>"},
		{"/callback", 200, "text/html", "<!doctype html>"},
		{"/assets/app.js", 200, "text/javascript", "console.log"},
		{"/assets/missing.js", 404, "", ""},
		{"/favicon.ico", 404, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rec := get(h, tc.path)
			assert.Equal(t, tc.status, rec.Code)
			if tc.ctype != "" {
				assert.Contains(t, rec.Header().Get("Content-Type"), tc.ctype)
				assert.Contains(t, rec.Body.String(), tc.body)
				assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
			}
		})
	}
	rec := get(h, "/config.json")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var got console.Settings
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	want := settings
	want.Scope = "openid"
	assert.Equal(t, want, got)

	post := httptest.NewRecorder()
	h.ServeHTTP(post, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	assert.Equal(t, http.StatusMethodNotAllowed, post.Code)
}

func TestPagesCarryAStrictCSPAndTheWorkerItsOwn(t *testing.T) {
	h := handler(t)
	csp := get(h, "/origins").Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self' https://api.example.com https://cognito-idp.eu-west-1.amazonaws.com;",
		"frame-ancestors 'none'", "base-uri 'none'", "require-trusted-types-for 'script'"} {
		assert.Contains(t, csp, want)
	}
	for _, banned := range []string{"unsafe-inline", "unsafe-eval", "blob:", "data: 'self'", "*"} {
		assert.NotContains(t, csp, banned)
	}
	worker := get(h, "/assets/routing-worker.js").Header().Get("Content-Security-Policy")
	assert.Equal(t, console.WorkerCSP, worker)
	assert.Contains(t, worker, "connect-src 'none'", "generated code cannot send anything anywhere")
	assert.NotContains(t, worker, "unsafe-eval")
}

func TestRefusesIncompleteSettingsAndAssetsWithoutIndex(t *testing.T) {
	_, err := console.New(fstest.MapFS{"index.html": {Data: []byte("x")}}, console.Settings{})
	require.Error(t, err)
	_, err = console.New(fstest.MapFS{"app.js": {Data: []byte("x")}}, settings)
	require.Error(t, err)
}

func TestTheEmbeddedBuildIsServable(t *testing.T) {
	h, err := console.New(builtconsole.Assets(), settings)
	require.NoError(t, err)
	for _, p := range []string{"/", "/assets/app.js", "/assets/app.css", "/assets/routing-worker.js", "/assets/land.json"} {
		assert.Equal(t, http.StatusOK, get(h, p).Code, p)
	}
	assert.Contains(t, get(h, "/").Body.String(), `<script type="module" src="/assets/app.js"></script>`)
	assert.NotContains(t, get(h, "/").Body.String(), "<script>", "no inline script")
}
