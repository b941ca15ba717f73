package commands

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scripted answers each request with the next of its answers (the last one repeats) and records
// what it was sent.
type scripted struct {
	mu      sync.Mutex
	answers []func(w http.ResponseWriter)
	keys    []string
	bodies  []string
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	i := min(len(s.keys), len(s.answers)-1)
	s.keys, s.bodies = append(s.keys, r.Header.Get("Idempotency-Key")), append(s.bodies, string(b))
	s.mu.Unlock()
	s.answers[i](w)
}

func answerWith(code int, retryAfter string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"success":false,"error":{"code":"x","message":"y"}}`))
	}
}

// failingOnce is a transport whose call number fail returns a network error instead of sending.
type failingOnce struct {
	fail, calls int
}

func (f *failingOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	f.calls++
	if f.calls == f.fail {
		return nil, errors.New("connection reset by peer")
	}
	return http.DefaultTransport.RoundTrip(req)
}

func newRetrying(waits *[]time.Duration, stderr *bytes.Buffer) retrying {
	return retrying{client: &http.Client{Timeout: 5 * time.Second},
		sleep: func(_ context.Context, d time.Duration) error { *waits = append(*waits, d); return nil },
		notify: func(format string, args ...any) {
			stderr.WriteString(strings.TrimSpace(fmt.Sprintf(format, args...)) + "\n")
		}}
}

// send makes one call through r and answers the final status.
func send(t *testing.T, r retrying, method, url, key, body string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := r.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestRetryingRepeatsAKeyedMutationWithTheSameKeyAndBody(t *testing.T) {
	s := &scripted{answers: []func(http.ResponseWriter){answerWith(429, "3"), answerWith(503, ""), answerWith(504, "120"), answerWith(202, "")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var waits []time.Duration
	var stderr bytes.Buffer
	r := newRetrying(&waits, &stderr)
	r.client.Transport = &failingOnce{fail: 2}
	assert.Equal(t, 202, send(t, r, "POST", srv.URL+"/api/distributions", "cfm-abc", `{"name":"x"}`))
	assert.Equal(t, []string{"cfm-abc", "cfm-abc", "cfm-abc", "cfm-abc"}, s.keys, "five sends, one lost on the way")
	assert.Equal(t, []string{`{"name":"x"}`, `{"name":"x"}`, `{"name":"x"}`, `{"name":"x"}`}, s.bodies)
	assert.Equal(t, []time.Duration{3 * time.Second, retryBackoff, 2 * retryBackoff, retryMaxWait}, waits,
		"Retry-After when given (capped), else a doubling delay")
	assert.Contains(t, stderr.String(), "POST /api/distributions: the API answered 429; trying again in 3s (attempt 2 of 5, same Idempotency-Key)")
	assert.Contains(t, stderr.String(), "the request did not reach the API")
}

func TestRetryingGivesUpAfterItsAttempts(t *testing.T) {
	s := &scripted{answers: []func(http.ResponseWriter){answerWith(429, "1")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var waits []time.Duration
	var stderr bytes.Buffer
	assert.Equal(t, 429, send(t, newRetrying(&waits, &stderr), "DELETE", srv.URL+"/api/origins/o", "k", ""), "the last answer is the caller's")
	assert.Len(t, s.keys, retryAttempts)
	assert.Len(t, waits, retryAttempts-1)
}

func TestRetryingLeavesFinalAnswersAndUnkeyedRequestsAlone(t *testing.T) {
	for _, tc := range []struct {
		name, method, key string
		answer            func(http.ResponseWriter)
		sends             int
	}{
		{"a 400 is final", "POST", "k", answerWith(400, ""), 1},
		{"a 409 is final", "PUT", "k", answerWith(409, ""), 1},
		{"a mutation without a key is never repeated", "POST", "", answerWith(503, "1"), 1},
		{"a read is repeated only when the API asks", "GET", "", answerWith(503, ""), 1},
		{"a read the API asks to repeat", "GET", "", answerWith(429, "1"), retryAttempts},
		{"a read's 504 is left to the caller", "GET", "", answerWith(504, "1"), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scripted{answers: []func(http.ResponseWriter){tc.answer}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			var waits []time.Duration
			var stderr bytes.Buffer
			body := ""
			if tc.method != "GET" {
				body = "{}"
			}
			send(t, newRetrying(&waits, &stderr), tc.method, srv.URL+"/api/x", tc.key, body)
			assert.Len(t, s.keys, tc.sends)
		})
	}
}

func TestRetryingStopsWhenTheContextEnds(t *testing.T) {
	s := &scripted{answers: []func(http.ResponseWriter){answerWith(429, "30")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	r := retrying{client: http.DefaultClient, notify: func(string, ...any) {},
		sleep: func(ctx context.Context, d time.Duration) error { cancel(); return sleepContext(ctx, d) }}
	req, err := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/x", strings.NewReader("{}"))
	require.NoError(t, err)
	req.Header.Set("Idempotency-Key", "k")
	resp, err := r.Do(req)
	if resp != nil {
		_ = resp.Body.Close()
	}
	assert.ErrorIs(t, err, context.Canceled)
	assert.Len(t, s.keys, 1)
}

// Wired into the commands: a throttled delete is sent again with its key and succeeds.
func TestCommandsRetryAThrottledMutation(t *testing.T) {
	accepted := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(202)
		_, _ = w.Write([]byte(`{"success":true,"data":{"origin":{"originId":"origin-0123456789abcdef","status":"Deleted"},` +
			`"operation":{"id":"op-1","status":"Succeeded","kind":"DeleteOrigin"}}}`))
	}
	s := &scripted{answers: []func(http.ResponseWriter){answerWith(429, "2"), accepted}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var out, errOut bytes.Buffer
	var waits []time.Duration
	code := Execute(t.Context(), []string{"origins", "delete", "origin-0123456789abcdef", "--api-url", srv.URL},
		Env{Stdout: &out, Stderr: &errOut, ConfigDir: signedIn(t),
			Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }})
	assert.Equal(t, ExitOK, code, errOut.String())
	assert.Equal(t, []time.Duration{2 * time.Second}, waits)
	require.Len(t, s.keys, 2)
	assert.Equal(t, s.keys[0], s.keys[1])
	assert.NotEmpty(t, s.keys[0])
	assert.Contains(t, errOut.String(), "the API answered 429; trying again in 2s")
	assert.Contains(t, out.String(), "Deleted")
}
