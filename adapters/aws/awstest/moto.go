// Package awstest gives AWS adapter tests a moto server (the AWS wire protocol on loopback),
// an aws.Config pointed at it and unique resource names.
//
// CFM_TEST_AWS_ENDPOINT (exported by scripts/with-moto.sh) selects a running server; without
// it the first test to ask starts .venv/bin/moto_server from the repository root on a free
// loopback port, shared by every test of the test binary and stopped when the last of them
// ends (and killed with the test binary on Linux). A missing virtualenv fails the test with
// the command that creates it; only `go test -short` skips instead.
package awstest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// EnvEndpoint names the variable holding a running moto server's URL.
const EnvEndpoint = "CFM_TEST_AWS_ENDPOINT"

// motoRelPath is the moto server inside the repository (created by `make moto`).
var motoRelPath = filepath.Join(".venv", "bin", "moto_server")

// stopGrace keeps a started server alive between sequential tests.
const stopGrace = 2 * time.Second

// server is the moto server this test binary started, if any.
var server struct {
	mu    sync.Mutex
	url   string
	proc  *proc
	users int
	stop  *time.Timer
}

// Endpoint returns the URL of a moto server for t: CFM_TEST_AWS_ENDPOINT when set, else one
// started from the repository's virtualenv (see the package comment).
func Endpoint(t testing.TB) string {
	t.Helper()
	if url := os.Getenv(EnvEndpoint); url != "" {
		return url
	}
	server.mu.Lock()
	defer server.mu.Unlock()
	if server.stop != nil {
		server.stop.Stop()
		server.stop = nil
	}
	if server.proc == nil {
		bin, err := motoBinary()
		if err != nil {
			if testing.Short() {
				t.Skipf("moto server unavailable in -short mode: %v", err)
			}
			t.Fatalf("moto server unavailable: %v\n"+
				"create it with `make moto` (or run `scripts/with-moto.sh go test ./...`), "+
				"or set %s to a running server", err, EnvEndpoint)
		}
		url, p, err := start(bin)
		if err != nil {
			t.Fatalf("start moto server %s: %v", bin, err)
		}
		server.url, server.proc = url, p
	}
	server.users++
	t.Cleanup(release)
	return server.url
}

// release drops one user; the last one stops the server after a grace period.
func release() {
	server.mu.Lock()
	defer server.mu.Unlock()
	server.users--
	if server.users > 0 || server.proc == nil {
		return
	}
	p := server.proc
	server.stop = time.AfterFunc(stopGrace, func() {
		server.mu.Lock()
		defer server.mu.Unlock()
		if server.users > 0 || server.proc != p {
			return
		}
		p.kill()
		server.proc, server.url, server.stop = nil, "", nil
	})
}

// motoBinary finds .venv/bin/moto_server in the repository root above the working directory.
func motoBinary() (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(root, motoRelPath)
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("%s not found (repository root %s)", motoRelPath, root)
	}
	return bin, nil
}

// repoRoot walks up from the working directory (a test runs in its package folder) to go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// proc is a started server; done closes when it has exited.
type proc struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
}

func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// start runs bin on a free loopback port and waits until it answers.
func start(bin string) (string, *proc, error) {
	var lastErr error
	for range 3 { // the free port may be taken between probing and binding
		port, err := freePort()
		if err != nil {
			return "", nil, err
		}
		p := &proc{
			cmd:  exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port)),
			out:  &lockedBuffer{},
			done: make(chan struct{}),
		}
		p.cmd.SysProcAttr = sysProcAttr()
		p.cmd.Env = serverEnv()
		p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
		if err := p.cmd.Start(); err != nil {
			return "", nil, err
		}
		go func() { _ = p.cmd.Wait(); close(p.done) }()
		url := fmt.Sprintf("http://127.0.0.1:%d", port)
		if err := waitReady(p, url, 60*time.Second); err != nil {
			p.kill()
			lastErr = fmt.Errorf("%w; output:\n%s", err, p.out.String())
			continue
		}
		return url, p, nil
	}
	return "", nil, lastErr
}

// serverEnv is the test's environment without AWS_* variables: the server is shared by every
// test, and moto itself fails requests (500) under some that a test may set, such as an
// empty AWS_REGION or a missing AWS_CONFIG_FILE.
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return env
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls the moto management API until it answers 200 or the process exits.
func waitReady(p *proc, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/moto-api/", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.done:
			return errors.New("moto server exited before answering")
		case <-ctx.Done():
			return fmt.Errorf("moto server not ready after %s", timeout)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// lockedBuffer collects the server's output for an error message.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 64<<10 { // keep the start; moto logs every request
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
