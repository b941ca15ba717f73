package lambda_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cmd/lambda/lambdatest"
	"github.com/cloudfront-manager/cfm/domain"
)

// runtimeAPI emulates the Lambda Runtime API for one invocation: the first /next gets the
// event, later ones wait until the process is stopped.
type runtimeAPI struct {
	event     []byte
	served    atomic.Bool
	firstNext chan time.Time
	done      chan invocationResult
}

type invocationResult struct {
	at   time.Time
	path string
	body []byte
}

func newRuntimeAPI(event []byte) *runtimeAPI {
	return &runtimeAPI{event: event, firstNext: make(chan time.Time, 1), done: make(chan invocationResult, 1)}
}

func (r *runtimeAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	now := time.Now()
	switch {
	case req.Method == http.MethodGet && req.URL.Path == "/2018-06-01/runtime/invocation/next":
		if r.served.Swap(true) {
			<-req.Context().Done()
			return
		}
		r.firstNext <- now
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
		h.Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(time.Minute).UnixMilli()))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:cfm-test")
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
		_, _ = w.Write(r.event)
	case req.Method == http.MethodPost:
		body, _ := io.ReadAll(req.Body)
		w.WriteHeader(http.StatusAccepted)
		select {
		case r.done <- invocationResult{at: now, path: req.URL.Path, body: body}:
		default:
		}
	default:
		http.NotFound(w, req)
	}
}

// lockedBuffer collects a process's stderr while the test may read it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// coldStart is one measured run: process start → first /next (init) → response.
type coldStart struct{ init, firstEvent time.Duration }

// runOnce starts bin with the Runtime API at a fresh emulator and waits for its answer.
func runOnce(t *testing.T, bin string, env []string, event []byte) (coldStart, invocationResult) {
	t.Helper()
	rt := newRuntimeAPI(event)
	srv := httptest.NewServer(rt)
	defer srv.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(slices.Clone(env), "AWS_LAMBDA_RUNTIME_API="+strings.TrimPrefix(srv.URL, "http://"))
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	start := time.Now()
	require.NoError(t, cmd.Start())
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	var res invocationResult
	select {
	case res = <-rt.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: no answer within 30 s; stderr:\n%s", filepath.Base(bin), stderr.String())
	}
	first := <-rt.firstNext
	require.True(t, strings.HasSuffix(res.path, "/response"), "%s answered on %s: %s\nstderr:\n%s", filepath.Base(bin), res.path, res.body, stderr.String())
	return coldStart{init: first.Sub(start), firstEvent: res.at.Sub(start)}, res
}

// TestColdStartToFirstHandledEvent builds each Lambda binary for the host (lambda.norpc,
// stripped), starts it against an emulated Runtime API with AWS on moto, and measures the time
// from process start to the first handled event (median of several cold starts).
func TestColdStartToFirstHandledEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four binaries")
	}
	iss := lambdatest.NewIssuer(t)
	vars := lambdatest.Env(t, iss)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "AWS_EC2_METADATA_DISABLED=true",
		"AWS_LAMBDA_FUNCTION_NAME=cfm-test", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512"}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	token := iss.Token(t, "alice", domain.GroupDevelopers)
	cases := []struct {
		fn, fixture string
		vars        map[string]string
		check       func(t *testing.T, body []byte)
	}{
		{"api", "apigateway/list-distributions.json", map[string]string{"TOKEN": token}, func(t *testing.T, b []byte) {
			var resp struct {
				StatusCode int `json:"statusCode"`
			}
			require.NoError(t, json.Unmarshal(b, &resp))
			assert.Equal(t, http.StatusOK, resp.StatusCode, string(b))
		}},
		{"worker", "sqs/worker-poll.json", nil, func(t *testing.T, b []byte) {
			assert.JSONEq(t, `{"batchItemFailures":null}`, string(b))
		}},
		{"watch", "eventbridge/cloudtrail-update-distribution-console.json", nil, func(t *testing.T, b []byte) {
			assert.Equal(t, "null", string(b))
		}},
		{"sweeper", "eventbridge/scheduled-event.json", nil, func(t *testing.T, b []byte) {
			assert.JSONEq(t, `{"relayed":0,"resent":0,"failed":0,"watched":0}`, string(b))
		}},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.fn, func(t *testing.T) {
			bin := filepath.Join(dir, tc.fn)
			build := exec.CommandContext(context.Background(), "go", "build", "-tags", "lambda.norpc", "-trimpath",
				"-ldflags=-s -w -buildid=", "-o", bin, "./"+tc.fn)
			build.Env = append(os.Environ(), "CGO_ENABLED=0")
			out, err := build.CombinedOutput()
			require.NoError(t, err, string(out))
			event := lambdatest.Fixture(t, tc.fixture, tc.vars)
			const runs = 5
			var inits, firsts []time.Duration
			for range runs {
				cs, res := runOnce(t, bin, env, event)
				tc.check(t, res.body)
				inits, firsts = append(inits, cs.init), append(firsts, cs.firstEvent)
			}
			slices.Sort(inits)
			slices.Sort(firsts)
			info, err := os.Stat(bin)
			require.NoError(t, err)
			t.Logf("%-8s binary %5.1f MB  init (start → first /next) median %v  first handled event median %v  min %v  max %v",
				tc.fn, float64(info.Size())/1e6, inits[runs/2].Round(time.Millisecond), firsts[runs/2].Round(time.Millisecond),
				firsts[0].Round(time.Millisecond), firsts[runs-1].Round(time.Millisecond))
			assert.Less(t, firsts[runs/2], 5*time.Second, "a cold start should take well under a second on loopback")
		})
	}
}
