package edge_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// nodeRunner is one Node.js process running testdata/harness.mjs; a test feeds all its cases
// through it, so node starts once per test batch.
type nodeRunner struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
}

type nodeAnswer struct {
	OK       bool            `json:"ok"`
	Error    string          `json:"error"`
	Result   json.RawMessage `json:"result"`
	Calls    []nodeCall      `json:"calls"`
	MedianNs float64         `json:"medianNs"`
	P99Ns    float64         `json:"p99Ns"`
}

type nodeCall struct {
	Fn   string            `json:"fn"`
	Args []json.RawMessage `json:"args"`
}

func startNode(tb testing.TB) *nodeRunner {
	tb.Helper()
	path, err := exec.LookPath("node")
	require.NoError(tb, err, "node must be on PATH: the generated functions are executed, not just inspected")
	cmd := exec.Command(path, "--experimental-vm-modules", "--no-warnings", "testdata/harness.mjs")
	stdin, err := cmd.StdinPipe()
	require.NoError(tb, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(tb, err)
	cmd.Stderr = &tbWriter{tb: tb}
	require.NoError(tb, cmd.Start())
	n := &nodeRunner{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<20)}
	tb.Cleanup(func() {
		_ = stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	return n
}

type tbWriter struct{ tb testing.TB }

func (w *tbWriter) Write(p []byte) (int, error) { w.tb.Log("node: " + string(p)); return len(p), nil }

func (n *nodeRunner) call(tb testing.TB, msg map[string]any) nodeAnswer {
	tb.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	b, err := json.Marshal(msg)
	require.NoError(tb, err)
	_, err = n.stdin.Write(append(b, '\n'))
	require.NoError(tb, err)
	line, err := n.stdout.ReadBytes('\n')
	require.NoError(tb, err, "node harness exited")
	var a nodeAnswer
	require.NoError(tb, json.Unmarshal(line, &a), string(line))
	return a
}

func (n *nodeRunner) mustCall(tb testing.TB, msg map[string]any) nodeAnswer {
	tb.Helper()
	a := n.call(tb, msg)
	require.True(tb, a.OK, "node: %s", a.Error)
	return a
}

func (n *nodeRunner) load(tb testing.TB, id, kind string, code []byte) {
	tb.Helper()
	n.mustCall(tb, map[string]any{"op": "load", "id": id, "kind": kind, "code": string(code)})
}

// testEnv is a fake execution-role credential set for the Lambda@Edge signer.
var testEnv = map[string]string{
	"AWS_ACCESS_KEY_ID":     "ASIAEXAMPLEKEYID0001",
	"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"AWS_SESSION_TOKEN":     "IQoJb3JpZ2luX2VjEXAMPLETOKEN==",
}

var testNow = time.Date(2026, time.March, 14, 15, 9, 26, 0, time.UTC)

func (n *nodeRunner) run(tb testing.TB, id string, event any) nodeAnswer {
	tb.Helper()
	return n.mustCall(tb, map[string]any{"op": "run", "id": id, "event": event, "now": testNow.UnixMilli(), "env": testEnv})
}
