package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/cloudfront-manager/cfm/domain"
)

// The OIDC side of the local provider: the authorization-code + PKCE (S256) flow that Cognito's
// managed login offers, so the console signs in through one code path locally and on AWS.
// There is no password and no session: the authorize page asks for a username and a group every
// time (this provider is never deployed).

// Client is the one public client (the console) allowed to use the flow.
type Client struct {
	// ID is the client_id; it is the provider's audience, as a Cognito app client id is.
	ID string
	// RedirectURIs are the exact callback URLs codes may be sent to.
	RedirectURIs []string
	// LogoutURIs are the exact URLs the logout endpoint may return to.
	LogoutURIs []string
}

const (
	codeTTL  = 2 * time.Minute
	maxCodes = 1024 // outstanding codes; beyond this the oldest-expiring are refused
)

// pkceChallenge is a base64url SHA-256 (43 characters, RFC 7636).
var pkceChallenge = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// pkceVerifier is RFC 7636's code_verifier: 43–128 unreserved characters.
var pkceVerifier = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

// grant is what an authorization code stands for until it is redeemed (once).
type grant struct {
	clientID, redirectURI, challenge, nonce string
	username                                string
	groups                                  []string
	expires                                 time.Time
}

type codeStore struct {
	mu    sync.Mutex
	codes map[string]grant
}

func newCodeStore() *codeStore { return &codeStore{codes: map[string]grant{}} }

func (s *codeStore) put(g grant, now time.Time) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c, old := range s.codes {
		if now.After(old.expires) {
			delete(s.codes, c)
		}
	}
	if len(s.codes) >= maxCodes {
		return "", errors.New("too many outstanding authorization codes")
	}
	code := rand.Text()
	s.codes[code] = g
	return code, nil
}

// take redeems code: it is gone afterwards, whether or not the caller accepts it.
func (s *codeStore) take(code string, now time.Time) (grant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.codes[code]
	delete(s.codes, code)
	if !ok || now.After(g.expires) {
		return grant{}, false
	}
	return g, true
}

// OIDCRoutes returns the flow's routes under the issuer's path (for an issuer
// http://host/local: /local/.well-known/openid-configuration, /local/oauth2/authorize,
// /local/oauth2/token, /local/logout), as method patterns for an http.ServeMux.
func (p *Provider) OIDCRoutes(c Client) (map[string]http.Handler, error) {
	iss, err := url.Parse(p.issuer)
	if err != nil || iss.Scheme == "" || iss.Host == "" {
		return nil, fmt.Errorf("identity: issuer %q is not an absolute URL", p.issuer)
	}
	if c.ID != p.audience {
		return nil, fmt.Errorf("identity: client id %q must be the audience %q", c.ID, p.audience)
	}
	if len(c.RedirectURIs) == 0 {
		return nil, errors.New("identity: at least one redirect URI is required")
	}
	base := strings.TrimSuffix(iss.Path, "/")
	f := &flow{p: p, client: c}
	return map[string]http.Handler{
		"GET " + base + "/.well-known/openid-configuration": http.HandlerFunc(f.discovery),
		"GET " + base + "/oauth2/authorize":                 http.HandlerFunc(f.authorizePage),
		"POST " + base + "/oauth2/authorize":                http.HandlerFunc(f.authorize),
		"POST " + base + "/oauth2/token":                    http.HandlerFunc(f.token),
		"OPTIONS " + base + "/oauth2/token":                 http.HandlerFunc(f.token),
		"GET " + base + "/logout":                           http.HandlerFunc(f.logout),
	}, nil
}

type flow struct {
	p      *Provider
	client Client
}

func (f *flow) discovery(w http.ResponseWriter, _ *http.Request) {
	iss := f.p.issuer
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Access-Control-Allow-Origin", "*") // public metadata, as Cognito serves it
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"authorization_endpoint":                iss + "/oauth2/authorize",
		"token_endpoint":                        iss + "/oauth2/token",
		"jwks_uri":                              iss + "/.well-known/jwks.json",
		"end_session_endpoint":                  iss + "/logout",
		"response_types_supported":              []string{"code"},
		"grant_types_supported":                 []string{"authorization_code"},
		"code_challenge_methods_supported":      []string{"S256"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"scopes_supported":                      []string{"openid", "email", "profile"},
		"token_endpoint_auth_methods_supported": []string{"none"},
	})
}

// authRequest is the authorize endpoint's query (GET) or hidden form fields (POST).
type authRequest struct {
	ClientID, RedirectURI, ResponseType, Scope, State, Challenge, Method, Nonce string
}

func readAuthRequest(v url.Values) authRequest {
	return authRequest{ClientID: v.Get("client_id"), RedirectURI: v.Get("redirect_uri"),
		ResponseType: v.Get("response_type"), Scope: v.Get("scope"), State: v.Get("state"),
		Challenge: v.Get("code_challenge"), Method: v.Get("code_challenge_method"), Nonce: v.Get("nonce")}
}

// check validates the request. trusted reports whether redirect_uri may receive an error
// redirect (OAuth 2.0 §4.1.2.1: never redirect to an unregistered URI).
func (f *flow) check(a authRequest) (trusted bool, oauthErr, msg string) {
	if a.ClientID != f.client.ID {
		return false, "invalid_request", "unknown client_id"
	}
	if !slices.Contains(f.client.RedirectURIs, a.RedirectURI) {
		return false, "invalid_request", "redirect_uri is not registered for this client"
	}
	switch {
	case a.ResponseType != "code":
		return true, "unsupported_response_type", "response_type must be code"
	case a.Method != "S256":
		return true, "invalid_request", "code_challenge_method must be S256"
	case !pkceChallenge.MatchString(a.Challenge):
		return true, "invalid_request", "code_challenge must be a base64url SHA-256"
	case !slices.Contains(strings.Fields(a.Scope), "openid"):
		return true, "invalid_scope", "scope must include openid"
	case len(a.State) > 1024 || len(a.Nonce) > 1024:
		return true, "invalid_request", "state and nonce are limited to 1024 characters"
	}
	return true, "", ""
}

var authorizeTemplate = template.Must(template.New("authorize").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — CloudFront Manager (local)</title></head>
<body>
<main>
<h1>Sign in to CloudFront Manager</h1>
<p>Local identity provider: choose any username and a group. Deployed stacks use Cognito.</p>
{{if .Error}}<p role="alert" id="error">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}">
<input type="hidden" name="client_id" value="{{.Req.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.Req.RedirectURI}}">
<input type="hidden" name="response_type" value="{{.Req.ResponseType}}">
<input type="hidden" name="scope" value="{{.Req.Scope}}">
<input type="hidden" name="state" value="{{.Req.State}}">
<input type="hidden" name="code_challenge" value="{{.Req.Challenge}}">
<input type="hidden" name="code_challenge_method" value="{{.Req.Method}}">
<input type="hidden" name="nonce" value="{{.Req.Nonce}}">
<p><label for="username">Username</label>
<input id="username" name="username" value="{{.Username}}" required autocomplete="username" autofocus></p>
<fieldset><legend>Group</legend>
{{range .Groups}}<p><input type="radio" id="group-{{.}}" name="group" value="{{.}}"{{if eq . $.Group}} checked{{end}}>
<label for="group-{{.}}">{{.}}</label></p>
{{end}}</fieldset>
<p><button type="submit" id="sign-in">Sign in</button></p>
</form>
</main>
</body>
</html>
`))

type authorizeView struct {
	Action, Error, Username, Group string
	Req                            authRequest
	Groups                         []string
}

// pageHeaders sets a CSP for the sign-in page: no script at all; the form may post here and be
// redirected to the registered callbacks only.
func (f *flow) pageHeaders(w http.ResponseWriter) {
	targets := []string{"'self'"}
	for _, u := range f.client.RedirectURIs {
		if o := originOf(u); o != "" && !slices.Contains(targets, o) {
			targets = append(targets, o)
		}
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; form-action "+strings.Join(targets, " ")+"; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
}

func (f *flow) render(w http.ResponseWriter, r *http.Request, status int, a authRequest, username, group, msg string) {
	f.pageHeaders(w)
	w.WriteHeader(status)
	if group == "" {
		group = domain.GroupDevelopers
	}
	_ = authorizeTemplate.Execute(w, authorizeView{Action: r.URL.Path, Error: msg, Username: username, Group: group,
		Req: a, Groups: knownGroups})
}

func (f *flow) authorizePage(w http.ResponseWriter, r *http.Request) {
	a := readAuthRequest(r.URL.Query())
	trusted, code, msg := f.check(a)
	switch {
	case !trusted:
		f.plainError(w, msg)
	case code != "":
		redirectWith(w, r, a.RedirectURI, url.Values{"error": {code}, "error_description": {msg}, "state": {a.State}})
	default:
		f.render(w, r, http.StatusOK, a, "", "", "")
	}
}

func (f *flow) authorize(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		f.plainError(w, "the sign-in form could not be read")
		return
	}
	a := readAuthRequest(r.PostForm)
	trusted, code, msg := f.check(a)
	if !trusted {
		f.plainError(w, msg)
		return
	}
	if code != "" {
		redirectWith(w, r, a.RedirectURI, url.Values{"error": {code}, "error_description": {msg}, "state": {a.State}})
		return
	}
	username, group := strings.TrimSpace(r.PostForm.Get("username")), r.PostForm.Get("group")
	var groups []string
	if group != "" {
		groups = []string{group}
	}
	if err := (tokenRequest{Username: username, Groups: groups}).validate(); err != nil {
		f.render(w, r, http.StatusBadRequest, a, username, group, err.Error())
		return
	}
	c, err := f.p.codes.put(grant{clientID: a.ClientID, redirectURI: a.RedirectURI, challenge: a.Challenge,
		nonce: a.Nonce, username: username, groups: groups, expires: f.p.now().Add(codeTTL)}, f.p.now())
	if err != nil {
		redirectWith(w, r, a.RedirectURI, url.Values{"error": {"temporarily_unavailable"}, "state": {a.State}})
		return
	}
	redirectWith(w, r, a.RedirectURI, url.Values{"code": {c}, "state": {a.State}})
}

// token redeems a code: grant_type=authorization_code, code, redirect_uri, client_id and the
// PKCE code_verifier whose S256 hash must be the challenge the code was issued for.
func (f *flow) token(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" && f.allowedOrigin(o) {
		w.Header().Set("Access-Control-Allow-Origin", o)
		w.Header().Set("Vary", "Origin")
	}
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "POST")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		oauthError(w, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	form := r.PostForm
	if form.Get("grant_type") != "authorization_code" {
		oauthError(w, "unsupported_grant_type", "grant_type must be authorization_code")
		return
	}
	verifier := form.Get("code_verifier")
	if !pkceVerifier.MatchString(verifier) {
		oauthError(w, "invalid_request", "code_verifier must be 43-128 unreserved characters")
		return
	}
	g, found := f.p.codes.take(form.Get("code"), f.p.now())
	switch {
	case !found:
		oauthError(w, "invalid_grant", "the code is unknown, used or expired")
		return
	case form.Get("client_id") != g.clientID || form.Get("redirect_uri") != g.redirectURI:
		oauthError(w, "invalid_grant", "client_id and redirect_uri must match the authorization request")
		return
	case !s256Matches(verifier, g.challenge):
		oauthError(w, "invalid_grant", "code_verifier does not match the code_challenge")
		return
	}
	var extra jwt.MapClaims
	if g.nonce != "" {
		extra = jwt.MapClaims{"nonce": g.nonce}
	}
	id, err := f.p.issue(g.username, g.groups, DefaultTTL, extra)
	if err != nil {
		oauthError(w, "server_error", "could not issue the token")
		return
	}
	access, err := f.p.accessToken(g.username, g.groups, g.clientID)
	if err != nil {
		oauthError(w, "server_error", "could not issue the token")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id_token": id, "access_token": access, "token_type": "Bearer",
		"expires_in": int(DefaultTTL.Seconds())})
}

// accessToken is shaped like Cognito's access token (token_use access, client_id, scope). The
// API accepts only ID tokens, as it does on AWS.
func (p *Provider) accessToken(username string, groups []string, clientID string) (string, error) {
	now := p.now().Truncate(time.Second)
	if groups == nil {
		groups = []string{}
	}
	return p.sign(jwt.MapClaims{"iss": p.issuer, "sub": subject(p.issuer, username), "token_use": "access",
		"client_id": clientID, "scope": "openid", "username": username, "cognito:groups": groups,
		"auth_time": now.Unix(), "iat": now.Unix(), "exp": now.Add(DefaultTTL).Unix(), "jti": rand.Text()})
}

// logout ends nothing (there is no session) and returns to a registered logout URI.
func (f *flow) logout(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("post_logout_redirect_uri")
	if target == "" {
		target = r.URL.Query().Get("logout_uri") // Cognito's spelling
	}
	if !slices.Contains(f.client.LogoutURIs, target) {
		f.plainError(w, "post_logout_redirect_uri is not registered for this client")
		return
	}
	q := url.Values{}
	if s := r.URL.Query().Get("state"); s != "" {
		q.Set("state", s)
	}
	redirectWith(w, r, target, q)
}

func (f *flow) allowedOrigin(o string) bool {
	for _, u := range f.client.RedirectURIs {
		if originOf(u) == o {
			return true
		}
	}
	return false
}

var errorTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head>
<body><main><h1>Sign-in error</h1><p role="alert">{{.}}</p></main></body></html>
`))

func (f *flow) plainError(w http.ResponseWriter, msg string) {
	f.pageHeaders(w)
	w.WriteHeader(http.StatusBadRequest)
	_ = errorTemplate.Execute(w, msg)
}

func oauthError(w http.ResponseWriter, code, description string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": code, "error_description": description})
}

func s256Matches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

func redirectWith(w http.ResponseWriter, r *http.Request, target string, q url.Values) {
	u, err := url.Parse(target)
	if err != nil {
		http.Error(w, "bad redirect", http.StatusBadRequest)
		return
	}
	merged := u.Query()
	for k, vs := range q {
		for _, v := range vs {
			if v != "" {
				merged.Add(k, v)
			}
		}
	}
	u.RawQuery = merged.Encode()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
