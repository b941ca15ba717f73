package commands

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/cli/auth"
	"github.com/cloudfront-manager/cfm/cli/client"
)

// api returns the generated client for the selected API, signing every request with the
// profile's token (refreshed when it expired and a refresh token is cached).
func (a *app) api() (*client.ClientWithResponses, error) {
	doer := retrying{client: a.env.HTTP, sleep: a.env.Sleep, notify: func(format string, args ...any) {
		fmt.Fprintf(a.env.Stderr, format, args...)
	}}
	c, err := client.NewClientWithResponses(a.apiURL, client.WithHTTPClient(doer),
		client.WithRequestEditorFn(func(ctx context.Context, req *http.Request) error {
			tok, err := a.token(ctx)
			if err != nil {
				return err
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("User-Agent", "cfm-cli")
			return nil
		}))
	if err != nil {
		return nil, usagef("API URL %q: %v", a.apiURL, err)
	}
	return c, nil
}

// token is $CFM_TOKEN when set (a pipeline's secret), else the profile's cached ID token,
// refreshed when it expired.
func (a *app) token(ctx context.Context) (string, error) {
	if t := strings.TrimSpace(a.env.Getenv("CFM_TOKEN")); t != "" {
		return t, nil
	}
	t, err := a.store.Token(a.profile)
	if err != nil {
		return "", withCode(ExitAuth, fmt.Errorf("%w: run cfm login (profile %s)", err, a.profile))
	}
	if a.env.Now().Before(t.ExpiresAt.Add(-30 * time.Second)) {
		return t.IDToken, nil
	}
	p, _ := a.store.Profile(a.profile)
	b := a.browser(p)
	fresh, err := b.Refresh(ctx, t)
	if err != nil {
		return "", withCode(ExitAuth, fmt.Errorf("the sign-in of profile %s expired at %s: run cfm login (%w)",
			a.profile, t.ExpiresAt.Format(time.RFC3339), err))
	}
	if err := a.store.SaveToken(a.profile, fresh); err != nil {
		return "", err
	}
	return fresh.IDToken, nil
}

// sent turns a transport error of the generated client into a CLI error, keeping the exit
// code of an error our own request editor returned (not signed in).
func sent(err error) error {
	var e *exitError
	if errors.As(err, &e) {
		return e
	}
	return fmt.Errorf("call the API: %w", err)
}

// idempotencyKey is the default Idempotency-Key of a mutation: a hash of the command, its
// arguments, the flags that shape the request, the request body and CFM_RUN_ID, so running the
// same step again (a retried CI job) returns the same operation instead of starting another.
func (a *app) idempotencyKey(command string, args []string, body []byte) string {
	if a.idemKey != "" {
		return a.idemKey
	}
	h := sha256.New()
	for _, part := range append([]string{command, a.env.Getenv("CFM_RUN_ID")}, args...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	h.Write(body)
	return "cfm-" + hex.EncodeToString(h.Sum(nil))[:40]
}

// withKey sets the Idempotency-Key header on a mutation.
func withKey(key string) client.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Idempotency-Key", key)
		return nil
	}
}

func (a *app) browser(p auth.Profile) auth.Browser {
	return auth.Browser{AuthURL: p.AuthURL, ClientID: p.ClientID, Port: p.CallbackPort, HTTP: a.env.HTTP,
		Open: a.env.OpenBrowser,
		Notify: func(url string) {
			fmt.Fprintf(a.env.Stderr, "Opening the sign-in page in your browser. If it does not open, visit:\n  %s\n", url)
		}}
}

// trimURL normalises an API URL.
func trimURL(s string) string { return strings.TrimRight(s, "/") }
