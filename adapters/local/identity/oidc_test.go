package identity_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/domain"
)

const callback = "http://127.0.0.1:9999/callback"

// oidcServer mounts the provider's OIDC routes (and nothing else) on a mux.
func oidcServer(t *testing.T) (*identity.Provider, http.Handler) {
	t.Helper()
	p := open(t, t.TempDir())
	routes, err := p.OIDCRoutes(identity.Client{ID: audience, RedirectURIs: []string{callback}, LogoutURIs: []string{"http://127.0.0.1:9999/"}})
	require.NoError(t, err)
	mux := http.NewServeMux()
	for pattern, h := range routes {
		mux.Handle(pattern, h)
	}
	return p, mux
}

func issuerPath(t *testing.T, suffix string) string {
	t.Helper()
	u, err := url.Parse(issuer)
	require.NoError(t, err)
	return strings.TrimSuffix(u.Path, "/") + suffix
}

func pkce(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

const verifier = "a-verifier-of-at-least-forty-three-characters-0123456789"

func authorizeQuery(challenge string) url.Values {
	return url.Values{"client_id": {audience}, "redirect_uri": {callback}, "response_type": {"code"}, "scope": {"openid"},
		"state": {"st-1"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}, "nonce": {"n-1"}}
}

// signInForm posts the authorize form and returns the code from the redirect.
func signInForm(t *testing.T, mux http.Handler, q url.Values, username, group string) *httptest.ResponseRecorder {
	t.Helper()
	form := url.Values{}
	for k, v := range q {
		form[k] = v
	}
	form.Set("username", username)
	form.Set("group", group)
	req := httptest.NewRequest(http.MethodPost, issuerPath(t, "/oauth2/authorize"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}

func redeem(t *testing.T, mux http.Handler, code, verifier string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}, "client_id": {audience}, "code_verifier": {verifier}}
	req := httptest.NewRequest(http.MethodPost, issuerPath(t, "/oauth2/token"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	var body map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return rec, body
}

func TestOIDCCodeFlowWithPKCEIssuesTheSameIDTokens(t *testing.T) {
	p, mux := oidcServer(t)

	disc := httptest.NewRecorder()
	mux.ServeHTTP(disc, httptest.NewRequest(http.MethodGet, issuerPath(t, "/.well-known/openid-configuration"), nil))
	require.Equal(t, http.StatusOK, disc.Code)
	var meta map[string]any
	require.NoError(t, json.Unmarshal(disc.Body.Bytes(), &meta))
	assert.Equal(t, issuer, meta["issuer"])
	assert.Equal(t, issuer+"/oauth2/token", meta["token_endpoint"])
	assert.Equal(t, []any{"S256"}, meta["code_challenge_methods_supported"])

	q := authorizeQuery(pkce(verifier))
	page := httptest.NewRecorder()
	mux.ServeHTTP(page, httptest.NewRequest(http.MethodGet, issuerPath(t, "/oauth2/authorize")+"?"+q.Encode(), nil))
	require.Equal(t, http.StatusOK, page.Code)
	assert.Contains(t, page.Header().Get("Content-Security-Policy"), "default-src 'none'")
	assert.NotContains(t, page.Body.String(), "<script")

	rec := signInForm(t, mux, q, "alice", "developers")
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	loc, err := url.Parse(rec.Header().Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, callback, loc.Scheme+"://"+loc.Host+loc.Path)
	assert.Equal(t, "st-1", loc.Query().Get("state"))
	code := loc.Query().Get("code")
	require.NotEmpty(t, code)

	tok, body := redeem(t, mux, code, verifier)
	require.Equal(t, http.StatusOK, tok.Code, body)
	assert.Equal(t, "no-store", tok.Header().Get("Cache-Control"))
	got, err := inProcessVerifier(t, p).Authenticate(context.Background(), body["id_token"].(string))
	require.NoError(t, err)
	assert.Equal(t, domain.Principal{Username: "alice", Groups: []string{"developers"}}, got)
	claims := jwt.MapClaims{}
	_, _, err = jwt.NewParser().ParseUnverified(body["id_token"].(string), claims)
	require.NoError(t, err)
	assert.Equal(t, "n-1", claims["nonce"])
	_, err = inProcessVerifier(t, p).Authenticate(context.Background(), body["access_token"].(string))
	assert.Error(t, err, "the API accepts ID tokens only, as on AWS")

	again, body := redeem(t, mux, code, verifier)
	assert.Equal(t, http.StatusBadRequest, again.Code)
	assert.Equal(t, "invalid_grant", body["error"], "a code is redeemed once")
}

func TestOIDCTokenEndpointRefusesAWrongVerifier(t *testing.T) {
	_, mux := oidcServer(t)
	q := authorizeQuery(pkce(verifier))
	loc, err := url.Parse(signInForm(t, mux, q, "alice", "admins").Header().Get("Location"))
	require.NoError(t, err)
	rec, body := redeem(t, mux, loc.Query().Get("code"), strings.Repeat("x", 43))
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "invalid_grant", body["error"])
	assert.Contains(t, body["error_description"], "code_verifier")
}

func TestOIDCAuthorizeRefusesBadRequests(t *testing.T) {
	_, mux := oidcServer(t)
	good := authorizeQuery(pkce(verifier))
	with := func(k, v string) url.Values {
		q := url.Values{}
		for kk, vv := range good {
			q[kk] = vv
		}
		q.Set(k, v)
		return q
	}
	cases := []struct {
		name       string
		q          url.Values
		redirected string // the OAuth error sent to the callback; "" = an error page, no redirect
	}{
		{"unknown client", with("client_id", "other"), ""},
		{"unregistered redirect", with("redirect_uri", "https://evil.example/cb"), ""},
		{"plain challenge method", with("code_challenge_method", "plain"), "invalid_request"},
		{"short challenge", with("code_challenge", "abc"), "invalid_request"},
		{"implicit flow", with("response_type", "token"), "unsupported_response_type"},
		{"no openid scope", with("scope", "email"), "invalid_scope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, issuerPath(t, "/oauth2/authorize")+"?"+tc.q.Encode(), nil))
			if tc.redirected == "" {
				assert.Equal(t, http.StatusBadRequest, rec.Code)
				assert.Empty(t, rec.Header().Get("Location"))
				return
			}
			require.Equal(t, http.StatusSeeOther, rec.Code)
			loc, err := url.Parse(rec.Header().Get("Location"))
			require.NoError(t, err)
			assert.Equal(t, tc.redirected, loc.Query().Get("error"))
		})
	}
}

func TestOIDCAuthorizePageEscapesInputAndNamesBadUsernames(t *testing.T) {
	_, mux := oidcServer(t)
	q := authorizeQuery(pkce(verifier))
	q.Set("state", `"><script>alert(1)</script>`)
	rec := signInForm(t, mux, q, `<img src=x onerror=alert(1)>`, "developers")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	body := rec.Body.String()
	assert.NotContains(t, body, "<script>alert(1)")
	assert.NotContains(t, body, "<img src=x")
	assert.Contains(t, body, "username")
}

func TestOIDCLogoutReturnsOnlyToRegisteredURIs(t *testing.T) {
	_, mux := oidcServer(t)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, issuerPath(t, "/logout")+"?post_logout_redirect_uri="+url.QueryEscape("http://127.0.0.1:9999/"), nil))
	assert.Equal(t, http.StatusSeeOther, rec.Code)
	assert.Equal(t, "http://127.0.0.1:9999/", rec.Header().Get("Location"))
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, issuerPath(t, "/logout")+"?post_logout_redirect_uri="+url.QueryEscape("https://evil.example/"), nil))
	assert.Equal(t, http.StatusBadRequest, rec.Code)
}
