package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Browser is the managed-login (authorization code + PKCE) sign-in, as `aws sso login` does
// it: the browser opens the provider's authorize page, the provider redirects to a loopback
// listener (127.0.0.1), and the code is exchanged for tokens with the PKCE verifier.
type Browser struct {
	// AuthURL is the provider's base: AuthURL/oauth2/authorize and AuthURL/oauth2/token (the
	// Cognito managed login endpoints).
	AuthURL  string
	ClientID string
	// Port is the loopback port; the callback is http://localhost:<Port>/callback and must be
	// registered with the app client (Cognito accepts plain HTTP for localhost only). The
	// listener binds the loopback addresses only (127.0.0.1, and ::1 where there is one), never
	// another interface. 0 picks a free port (for providers that accept any port).
	Port int
	// Open shows the authorize URL to the user (a browser); Notify tells them it did.
	Open   func(url string) error
	Notify func(url string)
	HTTP   *http.Client
}

func (b Browser) config(redirect string) *oauth2.Config {
	base := strings.TrimRight(b.AuthURL, "/")
	return &oauth2.Config{
		ClientID:    b.ClientID,
		Endpoint:    oauth2.Endpoint{AuthURL: base + "/oauth2/authorize", TokenURL: base + "/oauth2/token", AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: redirect,
		Scopes:      []string{"openid", "email", "profile"},
	}
}

// Login runs the flow until the provider redirects back (or ctx ends) and returns the token.
func (b Browser) Login(ctx context.Context) (Token, error) {
	if b.AuthURL == "" || b.ClientID == "" {
		return Token{}, errors.New("sign-in needs the managed login URL and the app client id (--auth-url, --client-id)")
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(b.Port)))
	if err != nil {
		return Token{}, fmt.Errorf("listen for the sign-in callback: %w", err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	listeners := []net.Listener{ln}
	// A browser may resolve localhost to ::1 first; answer there too when the machine has it.
	if ln6, err := net.Listen("tcp", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
		defer ln6.Close()
		listeners = append(listeners, ln6)
	}
	redirect := fmt.Sprintf("http://localhost:%d/callback", port)
	cfg := b.config(redirect)
	verifier := oauth2.GenerateVerifier()
	state, err := randomString()
	if err != nil {
		return Token{}, err
	}
	url := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))

	type result struct {
		code string
		err  error
	}
	got := make(chan result, 1)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		var res result
		switch {
		case q.Get("state") != state:
			res.err = errors.New("sign-in callback: the state does not match (a stale or forged redirect)")
		case q.Get("error") != "":
			res.err = fmt.Errorf("sign-in refused: %s %s", q.Get("error"), q.Get("error_description"))
		case q.Get("code") == "":
			res.err = errors.New("sign-in callback: no code")
		default:
			res.code = q.Get("code")
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if res.err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("cfm: sign-in failed; see the terminal.\n"))
		} else {
			_, _ = w.Write([]byte("cfm: signed in. You can close this tab.\n"))
		}
		select {
		case got <- res:
		default:
		}
	})}
	for _, l := range listeners {
		go func() { _ = srv.Serve(l) }()
	}
	defer srv.Close()

	if b.Notify != nil {
		b.Notify(url)
	}
	if b.Open != nil {
		if err := b.Open(url); err != nil && b.Notify == nil {
			return Token{}, fmt.Errorf("open the browser: %w", err)
		}
	}
	var res result
	select {
	case res = <-got:
	case <-ctx.Done():
		return Token{}, fmt.Errorf("sign-in: %w", ctx.Err())
	}
	if res.err != nil {
		return Token{}, res.err
	}
	hc := b.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	tok, err := cfg.Exchange(context.WithValue(ctx, oauth2.HTTPClient, hc), res.code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Token{}, fmt.Errorf("sign-in: exchange the code: %w", err)
	}
	return fromOAuth(tok)
}

// Refresh trades a refresh token for a new ID token.
func (b Browser) Refresh(ctx context.Context, t Token) (Token, error) {
	if t.RefreshToken == "" || b.AuthURL == "" || b.ClientID == "" {
		return Token{}, ErrNotSignedIn
	}
	hc := b.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	src := b.config("").TokenSource(context.WithValue(ctx, oauth2.HTTPClient, hc), &oauth2.Token{RefreshToken: t.RefreshToken})
	tok, err := src.Token()
	if err != nil {
		return Token{}, fmt.Errorf("refresh the sign-in: %w", err)
	}
	if tok.RefreshToken == "" {
		tok.RefreshToken = t.RefreshToken // Cognito keeps the refresh token and sends none back
	}
	return fromOAuth(tok)
}

func fromOAuth(tok *oauth2.Token) (Token, error) {
	id, _ := tok.Extra("id_token").(string)
	if id == "" {
		return Token{}, errors.New("sign-in: the token answer has no id_token (is the openid scope allowed?)")
	}
	return fromIDToken(id, tok.RefreshToken)
}

func randomString() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
