package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the test binary play cfm-local itself, so a test can kill it with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("CFM_E2E_CHILD") == "1" {
		cfg, err := configFromEnv()
		if err == nil {
			// A child that commits accepts to the outbox but never relays them: killed "between
			// commit and send".
			cfg.relayOff = os.Getenv("CFM_E2E_RELAY_OFF") == "1"
			err = serve(context.Background(), cfg)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// startChild runs cfm-local as a separate process on dir and waits until it answers.
func startChild(t *testing.T, dir, addr string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), env...), "CFM_E2E_CHILD=1", "CFM_DATA_DIR="+dir, "CFM_ADDR="+addr,
		"CFM_SIM_DEPLOY_SECONDS=1", "CFM_POLL_INITIAL=300ms", "CFM_WATCH_TICK=300ms", "CFM_WORKER_VISIBILITY=2s", "CFM_PUBLIC_URL=http://cfm.test")
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			return cmd
		}
		require.True(t, time.Now().Before(deadline), "cfm-local did not start: %v", err)
		time.Sleep(50 * time.Millisecond)
	}
}

// kill -9 while operations are in flight; after a restart every accepted operation finishes
// and no distribution is created twice.
func TestEndToEndSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir, addr := t.TempDir(), freeAddr(t)
	child := startChild(t, dir, addr)
	alice := (&client{t: t, base: "http://" + addr}).login("alice", "developers")
	var ops []string
	for i := range 5 {
		r := alice.do("POST", "/api/distributions", seedCreateBody(fmt.Sprintf("kill-%d", i)))
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		ops = append(ops, dig(r.Body, "data", "operation", "id").(string))
	}
	time.Sleep(20 * time.Millisecond) // some created, some in flight, some still queued
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()

	child = startChild(t, dir, addr)
	alice = (&client{t: t, base: "http://" + addr}).login("alice", "developers")
	ids := map[string]bool{}
	for _, op := range ops {
		got := alice.waitOperation(op, 60*time.Second)
		require.Equal(t, "Succeeded", got["status"], got)
		ids[dig(got, "result", "cloudfrontId").(string)] = true
	}
	assert.Len(t, ids, 5, "five operations, five distinct distributions")
	r := alice.do("GET", "/api/distributions?limit=100", nil)
	assert.Len(t, dig(r.Body, "data", "distributions").([]any), 5)

	// What the simulated CloudFront holds: exactly five distributions, none created twice.
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()
	cl, err := cloud.Open(filepath.Join(dir, "cloud"), cloud.Options{})
	require.NoError(t, err)
	defer cl.Close()
	n, err := cl.DistributionCount()
	require.NoError(t, err)
	assert.Equal(t, 5, n, "the simulated cloud holds one distribution per accepted create")
}

// kill -9 after the accept's commit and before its command reached the queue. The local wiring
// enqueues the command in the accept's own transaction, so it has no such window any more; the
// child here runs without that (relayOff: commands go to the outbox and are never relayed), as
// a data dir from before or the AWS wiring (commit, then send) leaves them. The restarted process
// delivers the outbox at once, so the operations finish in seconds, not after the sweeper's
// 10-minute (locally 1-minute) stuck-operation re-send.
func TestEndToEndOutboxDeliversAfterSIGKILLBetweenCommitAndSend(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir, addr := t.TempDir(), freeAddr(t)
	child := startChild(t, dir, addr, "CFM_E2E_RELAY_OFF=1")
	alice := (&client{t: t, base: "http://" + addr}).login("alice", "developers")
	var ops []string
	for i := range 3 {
		r := alice.do("POST", "/api/distributions", seedCreateBody(fmt.Sprintf("outbox-%d", i)))
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
		ops = append(ops, dig(r.Body, "data", "operation", "id").(string))
	}
	time.Sleep(300 * time.Millisecond)
	for _, op := range ops {
		got := alice.do("GET", "/api/operations/"+op, nil)
		require.Equal(t, "Accepted", dig(got.Body, "data", "operation", "status"), "no command was sent: nothing ran")
	}
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()

	began := time.Now()
	startChild(t, dir, addr)
	alice = (&client{t: t, base: "http://" + addr}).login("alice", "developers")
	for _, op := range ops {
		got := alice.waitOperation(op, 20*time.Second)
		require.Equal(t, "Succeeded", got["status"], got)
	}
	assert.Less(t, time.Since(began), 20*time.Second, "delivered by the outbox relay, not the sweeper")
}
