package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cli/commands"
)

// --wait without a terminal (CI logs): one plain line per change of the operation or a step.
// The transitional states a poll may or may not catch (Accepted, a step Waiting) are left out
// of the comparison; everything else is the golden file.
func TestCLIWaitPlainLines(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	var seen syncBuffer
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	r := alice.run("distributions", "create", "-f", exampleSite, "--wait")
	require.Equal(t, commands.ExitOK, r.code, r.stderr)
	assert.Regexp(t, `^\[0\.\ds\] operation op-[0-9a-f]{16} CreateDistribution: (Accepted|Running)\n`, r.stderr, "the first line comes at once")
	var kept []string
	for _, line := range strings.SplitAfter(normalize(r.stderr), "\n") {
		if !strings.HasSuffix(line, ": Accepted\n") && !strings.Contains(line, ": Waiting") {
			kept = append(kept, line)
		}
	}
	golden(t, "wait-plain.golden", strings.Join(kept, ""))
	golden(t, "wait-result.golden", normalize(r.stdout))
}

// --wait on a terminal: a live line redrawn in place (spinner, current step, steps done,
// elapsed), each finished step printed above it, the summary last. The finished-step lines
// are the golden file; the live line is checked for its parts.
func TestCLIWaitLiveOnATerminal(t *testing.T) {
	// A deployment of 1.5 s: several redraws of each state even on a busy machine.
	_, anon := startLocalWith(t, func(c *config) { c.DeploySeconds = 1.5 })
	var seen syncBuffer
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	require.NoError(t, pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 120}))
	screen := make(chan string)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, ptmx) // ends with EIO once the terminal side is closed
		screen <- b.String()
	}()
	var out bytes.Buffer
	r := alice.runWith(commands.Env{Stdout: &out, Stderr: tty}, "distributions", "create", "-f", exampleSite, "--wait")
	require.NoError(t, tty.Close())
	raw := <-screen
	require.Equal(t, commands.ExitOK, r.code, raw)

	assert.Contains(t, raw, "\x1b[1A", "the live line is redrawn in place")
	assert.Regexp(t, `[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\s+CreateDistribution (Accepted|Running) · `, raw, "a spinner, the kind and the status")
	assert.Regexp(t, `· step 2 WaitForDeployment \(Waiting\) · 1 done · \d+\.\ds`, raw, "the current step, the steps done, the elapsed time")
	var permanent []string
	for _, line := range strings.Split(strings.ReplaceAll(reANSI.ReplaceAllString(raw, ""), "\r", ""), "\n") {
		if strings.HasPrefix(line, "✓") || strings.HasPrefix(line, "✗") {
			permanent = append(permanent, normalize(line))
		}
	}
	golden(t, "wait-terminal.golden", strings.Join(permanent, "\n")+"\n")
	assert.Contains(t, out.String(), "Deployed", "the result goes to standard output, untouched by the progress")
}

// --timeout ends the wait with 5; the operation goes on and 'operations wait' follows it.
func TestCLIWaitTimeout(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	var seen syncBuffer
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	r := alice.run("distributions", "create", "-f", exampleSite, "--wait", "--timeout", "150ms")
	require.Equal(t, commands.ExitTimeout, r.code, r.stderr)
	assert.Regexp(t, `operation (op-[0-9a-f]{16}): timed out \(--timeout 150ms\) after `, r.stderr)
	assert.Contains(t, r.stderr, "it goes on: cfm operations wait op-")
	opID := reOpID.FindString(r.stderr)
	assert.Regexp(t, `status:\s+Succeeded`, alice.ok("operations", "wait", opID))
}
