package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeJWT is an ID token shaped like Cognito's (unsigned: the CLI reads claims, the API checks
// signatures).
func fakeJWT(user string, exp time.Time) string {
	enc := base64.RawURLEncoding.EncodeToString
	claims, _ := json.Marshal(map[string]any{"cognito:username": user, "cognito:groups": []string{"developers"},
		"exp": exp.Unix(), "token_use": "id"})
	return enc([]byte(`{"alg":"RS256"}`)) + "." + enc(claims) + "." + enc([]byte("signature-"+user))
}

// oauthServer is a managed-login stand-in: /oauth2/authorize redirects to the loopback callback
// with a code bound to the PKCE challenge; /oauth2/token checks the verifier.
type oauthServer struct {
	*httptest.Server
	t        *testing.T
	clientID string
	mu       sync.Mutex
	codes    map[string]url.Values // code → the authorize request
	// tamper changes the redirect (a forged state, an error answer).
	tamper func(q url.Values)
}

func newOAuthServer(t *testing.T) *oauthServer {
	s := &oauthServer{t: t, clientID: "cli-client", codes: map[string]url.Values{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /oauth2/authorize", s.authorize)
	mux.HandleFunc("POST /oauth2/token", s.token)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *oauthServer) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || redirect.Scheme != "http" || redirect.Hostname() != "localhost" || redirect.Path != "/callback" ||
		q.Get("response_type") != "code" || q.Get("client_id") != s.clientID || q.Get("code_challenge_method") != "S256" ||
		len(q.Get("code_challenge")) != 43 || !strings.Contains(q.Get("scope"), "openid") || q.Get("state") == "" {
		http.Error(w, "bad authorize request: "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	code := fmt.Sprintf("code-%d", len(s.codes)+1)
	s.mu.Lock()
	s.codes[code] = q
	s.mu.Unlock()
	back := url.Values{"code": {code}, "state": {q.Get("state")}}
	if s.tamper != nil {
		s.tamper(back)
	}
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *oauthServer) token(w http.ResponseWriter, r *http.Request) {
	require.NoError(s.t, r.ParseForm())
	f := r.PostForm
	deny := func(msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant", "error_description": msg})
	}
	if f.Get("client_id") != s.clientID {
		deny("client")
		return
	}
	user := "alice"
	switch f.Get("grant_type") {
	case "authorization_code":
		s.mu.Lock()
		asked, ok := s.codes[f.Get("code")]
		delete(s.codes, f.Get("code")) // a code is good once
		s.mu.Unlock()
		sum := sha256.Sum256([]byte(f.Get("code_verifier")))
		switch {
		case !ok:
			deny("unknown code")
			return
		case base64.RawURLEncoding.EncodeToString(sum[:]) != asked.Get("code_challenge"):
			deny("PKCE verifier does not match the challenge")
			return
		case f.Get("redirect_uri") != asked.Get("redirect_uri"):
			deny("redirect_uri differs")
			return
		}
	case "refresh_token":
		if f.Get("refresh_token") != "refresh-1" {
			deny("refresh token")
			return
		}
		user = "alice-refreshed"
	default:
		deny("grant")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"id_token": fakeJWT(user, time.Now().Add(time.Hour)),
		"access_token": "access", "refresh_token": "refresh-1", "token_type": "Bearer", "expires_in": 3600})
}

// browser follows the authorize URL and its redirect to the loopback callback, as a browser does.
func browser() func(string) error {
	return func(u string) error {
		go func() {
			resp, err := http.Get(u)
			if err == nil {
				resp.Body.Close()
			}
		}()
		return nil
	}
}

func TestBrowserLoginWithPKCE(t *testing.T) {
	srv := newOAuthServer(t)
	var shown string
	b := Browser{AuthURL: srv.URL, ClientID: srv.clientID, Open: browser(), Notify: func(u string) { shown = u }}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tok, err := b.Login(ctx)
	require.NoError(t, err)
	assert.Equal(t, "alice", tok.Username)
	assert.Equal(t, []string{"developers"}, tok.Groups)
	assert.Equal(t, "refresh-1", tok.RefreshToken)
	assert.WithinDuration(t, time.Now().Add(time.Hour), tok.ExpiresAt, time.Minute)
	assert.True(t, strings.HasPrefix(shown, srv.URL+"/oauth2/authorize?"), shown)
	assert.NotContains(t, shown, "code_verifier", "only the challenge travels through the browser")
	assert.NotContains(t, tok.String(), tok.IDToken, "a Token prints without its secret")
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", tok, tok, tok), "signature-alice")

	fresh, err := b.Refresh(ctx, tok)
	require.NoError(t, err)
	assert.Equal(t, "alice-refreshed", fresh.Username)
	assert.Equal(t, "refresh-1", fresh.RefreshToken)
}

func TestBrowserLoginRefusals(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(q url.Values)
		want   string
	}{
		{"forged state", func(q url.Values) { q.Set("state", "someone-else") }, "state does not match"},
		{"user refused", func(q url.Values) { q.Del("code"); q.Set("error", "access_denied") }, "sign-in refused: access_denied"},
		{"unknown code", func(q url.Values) { q.Set("code", "stolen") }, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOAuthServer(t)
			srv.tamper = tt.tamper
			b := Browser{AuthURL: srv.URL, ClientID: srv.clientID, Open: browser()}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := b.Login(ctx)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	b := Browser{AuthURL: "http://127.0.0.1:1", ClientID: "x", Open: func(string) error { return nil }}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := b.Login(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "no redirect: the wait ends with the context")
	_, err = Browser{}.Login(context.Background())
	assert.ErrorContains(t, err, "--auth-url")
}
