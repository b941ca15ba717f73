package progress

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

// script is what successive polls of a failing delete saw.
func script() []Snapshot {
	op := Snapshot{ID: "op-1", Kind: "DeleteDistribution", Status: "Accepted"}
	var out []Snapshot
	add := func(change func(s *Snapshot)) {
		change(&op)
		s := op
		s.Steps = append([]Step(nil), op.Steps...)
		out = append(out, s)
	}
	add(func(*Snapshot) {})
	add(func(*Snapshot) {}) // an unchanged poll prints nothing
	add(func(s *Snapshot) {
		s.Status = "Running"
		s.Steps = []Step{{Name: "Disable", Status: "Done"}, {Name: "WaitForDisabled", Status: "Waiting", Detail: "InProgress"}}
	})
	add(func(s *Snapshot) { s.Steps[1] = Step{Name: "WaitForDisabled", Status: "Done", Detail: "Deployed"} })
	add(func(s *Snapshot) {
		s.Status = "Failed"
		s.LastError = "DistributionNotDisabled: still enabled"
		s.Steps = append(s.Steps, Step{Name: "Delete", Status: "Failed", Detail: "DistributionNotDisabled"})
	})
	return out
}

// clock advances 1.5 s per reading.
func clock() (time.Time, func() time.Time) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := start
	return start, func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(1500 * time.Millisecond)
		return now
	}
}

func TestPlainLines(t *testing.T) {
	var out bytes.Buffer
	start, now := clock()
	rep := New(&out, false, start, now)
	polls := script()
	for _, s := range polls[:len(polls)-1] {
		rep.Update(s)
	}
	rep.Finish(polls[len(polls)-1], nil)
	golden(t, "plain-failed.golden", out.String())
}

func TestPlainTimeout(t *testing.T) {
	var out bytes.Buffer
	start, now := clock()
	rep := New(&out, false, start, now)
	s := script()[2]
	rep.Update(s)
	rep.Finish(s, errors.New("timed out (--timeout 2s)"))
	golden(t, "plain-timeout.golden", out.String())
}

func TestElapsed(t *testing.T) {
	assert.Equal(t, "0.4s", elapsed(400*time.Millisecond))
	assert.Equal(t, "59.9s", elapsed(59900*time.Millisecond))
	assert.Equal(t, "2m05s", elapsed(125*time.Second))
}

// The live reporter on a real terminal: the spinner line is redrawn in place; finished steps
// and the summary stay above it.
func TestLiveOnATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	require.NoError(t, pty.Setsize(ptmx, &pty.Winsize{Rows: 20, Cols: 100}))
	screen := make(chan string)
	go func() {
		var b bytes.Buffer
		_, _ = b.ReadFrom(ptmx)
		screen <- b.String()
	}()
	start, now := clock()
	rep := New(tty, true, start, now)
	polls := script()
	for _, s := range polls[:len(polls)-1] {
		rep.Update(s)
		time.Sleep(400 * time.Millisecond) // a few refreshes per poll, even on a busy machine
	}
	rep.Finish(polls[len(polls)-1], nil)
	require.NoError(t, tty.Close())
	raw := <-screen

	assert.Contains(t, raw, "\x1b[1A\x1b[J", "the live line is erased and redrawn")
	assert.Regexp(t, `[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\s+DeleteDistribution Running · step 2 WaitForDisabled \(Waiting\) · 1 done · \d+\.\ds`, raw)
	assert.Regexp(t, `DeleteDistribution Running · after step 2 WaitForDisabled · 2 done`, raw)
	var kept []string
	for _, line := range strings.Split(strings.ReplaceAll(regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`).ReplaceAllString(raw, ""), "\r", ""), "\n") {
		if strings.HasPrefix(line, "✓") || strings.HasPrefix(line, "✗") {
			kept = append(kept, regexp.MustCompile(`after \S+:`).ReplaceAllString(line, "after T:"))
		}
	}
	golden(t, "live-failed.golden", strings.Join(kept, "\n")+"\n")
}
