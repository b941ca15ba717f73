package chaos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// client calls the API as one user, with a token from the local identity provider.
type client struct {
	base, user string
	groups     []string
	http       *http.Client
	token      string
	// throttled counts 429 answers (the API's cloud check was throttled), each retried
	// after its Retry-After.
	throttled int
}

// answer is an API reply: the status and the decoded body.
type answer struct {
	Status     int
	Body       map[string]any
	RetryAfter string
}

func newClient(base, user string, groups ...string) *client {
	return &client{base: base, user: user, groups: groups, http: &http.Client{Timeout: 20 * time.Second}}
}

func (c *client) login(ctx context.Context) error {
	a, err := c.once(ctx, http.MethodPost, "/local/token", map[string]any{"username": c.user, "groups": c.groups}, "", false)
	if err != nil {
		return err
	}
	tok, _ := a.Body["token"].(string)
	if a.Status != http.StatusOK || tok == "" {
		return fmt.Errorf("token for %s: status %d", c.user, a.Status)
	}
	c.token = tok
	return nil
}

// do sends one request and keeps sending it (same Idempotency-Key) while the process is down
// or restarting: a refused connection, a reset, a 5xx or a 401 from a fresh process. It gives
// up after the deadline.
func (c *client) do(ctx context.Context, method, path string, body any, key string) (answer, error) {
	deadline := time.Now().Add(2 * time.Minute)
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		if c.token == "" {
			if err := c.login(ctx); err != nil {
				if time.Now().After(deadline) {
					return answer{}, err
				}
				if err := sleep(ctx, wait); err != nil {
					return answer{}, err
				}
				continue
			}
		}
		a, err := c.once(ctx, method, path, body, key, true)
		switch {
		case ctx.Err() != nil:
			return answer{}, ctx.Err()
		case err == nil && a.Status == http.StatusUnauthorized:
			c.token = ""
		case err == nil && a.Status == http.StatusTooManyRequests && time.Now().Before(deadline):
			c.throttled++
			if s, err := strconv.Atoi(a.RetryAfter); err == nil && s > 0 {
				wait = time.Duration(s) * time.Second
			}
		case err == nil && a.Status < 500:
			return a, nil
		case time.Now().After(deadline):
			if err == nil {
				err = fmt.Errorf("%s %s: status %d: %v", method, path, a.Status, a.Body)
			}
			return answer{}, err
		}
		if err := sleep(ctx, wait); err != nil {
			return answer{}, err
		}
	}
}

func (c *client) once(ctx context.Context, method, path string, body any, key string, auth bool) (answer, error) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return answer{}, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return answer{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	a := answer{Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &a.Body); err != nil {
			return answer{}, fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return a, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// dig walks nested JSON objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func str(v any, keys ...string) string {
	s, _ := dig(v, keys...).(string)
	return s
}
