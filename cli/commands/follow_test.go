package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cli/auth"
)

// fakeOperations answers GET /api/operations/op-1 from a script, one answer per poll (the last
// one repeats).
func fakeOperations(t *testing.T, script ...func(w http.ResponseWriter)) *httptest.Server {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "/api/operations/op-1", r.URL.Path)
		require.Equal(t, "Bearer header.payload.sig", r.Header.Get("Authorization"))
		i := min(int(n.Add(1))-1, len(script)-1)
		script[i](w)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func operation(status string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"success": true, "data": map[string]any{"operation": map[string]any{
			"id": "op-1", "kind": "CreateOrigin", "resourceType": "origin", "resourceId": "origin-1", "status": status,
			"steps": []any{}, "attempts": 1, "actor": "alice", "createdAt": time.Now(), "updatedAt": time.Now(), "deadline": time.Now(),
		}}})
	}
}

func status(code int) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"success":false,"error":{"code":"x","message":"y"}}`))
	}
}

func signedIn(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, auth.Store{Dir: dir}.SaveToken("default",
		auth.Token{IDToken: "header.payload.sig", Username: "alice", ExpiresAt: time.Now().Add(time.Hour)}))
	return dir
}

func TestWaitRidesOutTransientFailures(t *testing.T) {
	srv := fakeOperations(t, status(503), status(429), operation("Running"), status(502), operation("Succeeded"))
	var out, errOut bytes.Buffer
	code := Execute(context.Background(), []string{"operations", "wait", "op-1", "--api-url", srv.URL},
		Env{Stdout: &out, Stderr: &errOut, ConfigDir: signedIn(t), PollInterval: time.Millisecond})
	assert.Equal(t, ExitOK, code, errOut.String())
	assert.Contains(t, errOut.String(), "CreateOrigin: Running")
	assert.Contains(t, errOut.String(), "operation op-1 Succeeded after")
}

func TestWaitEndsOnAFinalAnswer(t *testing.T) {
	srv := fakeOperations(t, operation("Running"), status(404))
	var errOut bytes.Buffer
	code := Execute(context.Background(), []string{"operations", "wait", "op-1", "--api-url", srv.URL},
		Env{Stderr: &errOut, ConfigDir: signedIn(t), PollInterval: time.Millisecond})
	assert.Equal(t, ExitFailed, code, errOut.String())
	assert.Contains(t, errOut.String(), "404 x: y")
}

func TestWaitTimeoutAndInterrupt(t *testing.T) {
	srv := fakeOperations(t, status(503))
	var errOut bytes.Buffer
	code := Execute(context.Background(), []string{"operations", "wait", "op-1", "--api-url", srv.URL, "--timeout", "50ms"},
		Env{Stderr: &errOut, ConfigDir: signedIn(t), PollInterval: 5 * time.Millisecond})
	assert.Equal(t, ExitTimeout, code)
	assert.Contains(t, errOut.String(), "the last poll failed: 503")

	srv = fakeOperations(t, operation("Running"))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond) // the signal
	defer cancel()
	errOut.Reset()
	code = Execute(ctx, []string{"operations", "wait", "op-1", "--api-url", srv.URL},
		Env{Stderr: &errOut, ConfigDir: signedIn(t), PollInterval: 5 * time.Millisecond})
	assert.Equal(t, ExitInterrupted, code, errOut.String())
	assert.Contains(t, errOut.String(), "interrupted; operation op-1 goes on")
}
