// Package progress shows how an operation advances while `cfm … --wait` follows it: on a
// terminal a live line (spinner, current step, steps done, elapsed time) with each finished step
// printed above it; elsewhere (CI logs) one plain line per change of a step.
package progress

import (
	"fmt"
	"io"
	"time"
)

// Step is one recorded step of an operation.
type Step struct {
	Name   string
	Status string // Done, Waiting, Failed
	Detail string
}

// Snapshot is an operation as one poll saw it.
type Snapshot struct {
	ID        string
	Kind      string
	Status    string // Accepted, Running, Succeeded, Failed
	Steps     []Step
	LastError string
}

// Done counts the steps that finished.
func (s Snapshot) Done() int {
	n := 0
	for _, st := range s.Steps {
		if st.Status == "Done" {
			n++
		}
	}
	return n
}

// Reporter receives every snapshot a wait polls, then Finish with the last one (or the reason
// the wait ended early: a timeout, an interrupt).
type Reporter interface {
	Update(s Snapshot)
	Finish(s Snapshot, err error)
}

// New returns the live reporter on a terminal and the plain one elsewhere. Elapsed times are
// measured from start with now.
func New(w io.Writer, terminal bool, start time.Time, now func() time.Time) Reporter {
	if terminal {
		return newLive(w, start, now)
	}
	return &Plain{W: w, Start: start, Now: now}
}

// changes lists, as lines, what differs between the previous snapshot and s: the operation's
// status and every step that is new or changed status.
func changes(prev, s Snapshot) []string {
	var lines []string
	status := ""
	if s.Status != prev.Status {
		status = fmt.Sprintf("operation %s %s: %s", s.ID, s.Kind, s.Status)
	}
	final := s.Status == "Succeeded" || s.Status == "Failed"
	if status != "" && !final {
		lines = append(lines, status) // a start comes before its steps, an end after them
	}
	for i, st := range s.Steps {
		if i < len(prev.Steps) && prev.Steps[i] == st {
			continue
		}
		line := fmt.Sprintf("step %d %s: %s", i+1, st.Name, st.Status)
		if st.Detail != "" {
			line += " (" + st.Detail + ")"
		}
		lines = append(lines, line)
	}
	if status != "" && final {
		lines = append(lines, status)
	}
	return lines
}

// elapsed formats a duration for people: 0.4s, 12.3s, 2m05s.
func elapsed(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

// summary is the last line of a wait.
func summary(s Snapshot, err error, took time.Duration) string {
	switch {
	case err != nil:
		return fmt.Sprintf("operation %s: %v after %s (%s done)", s.ID, err, elapsed(took), steps(s.Done()))
	case s.Status == "Failed":
		reason := s.LastError
		if reason == "" {
			reason = "no reason recorded"
		}
		return fmt.Sprintf("operation %s Failed after %s: %s", s.ID, elapsed(took), reason)
	default:
		return fmt.Sprintf("operation %s %s after %s (%s done)", s.ID, s.Status, elapsed(took), steps(s.Done()))
	}
}

func steps(n int) string {
	if n == 1 {
		return "1 step"
	}
	return fmt.Sprintf("%d steps", n)
}
