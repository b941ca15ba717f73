package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// live draws a spinner line with mpb, redrawn in place; finished steps are printed above it.
type live struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	start time.Time
	now   func() time.Time

	mu   sync.Mutex
	cur  Snapshot
	prev Snapshot
}

func newLive(w io.Writer, start time.Time, now func() time.Time) *live {
	l := &live{start: start, now: now}
	l.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(1), mpb.WithRefreshRate(120*time.Millisecond), mpb.ForceTTY())
	l.bar = l.p.New(0, mpb.SpinnerStyle("⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏").PositionLeft(),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return l.line() })),
		mpb.BarRemoveOnComplete()) // the summary, printed above, is the last line
	return l
}

// line is the live line: the current step, the steps done and the elapsed time.
func (l *live) line() string {
	l.mu.Lock()
	s := l.cur
	l.mu.Unlock()
	current := "waiting for a worker"
	if n := len(s.Steps); n > 0 {
		st := s.Steps[n-1]
		current = fmt.Sprintf("step %d %s (%s)", n, st.Name, st.Status)
		if st.Status == "Done" && s.Status != "Succeeded" {
			current = fmt.Sprintf("after step %d %s", n, st.Name)
		}
	}
	status := s.Status
	if status == "" {
		status = "Accepted"
	}
	return fmt.Sprintf("%s %s · %s · %d done · %s", s.Kind, status, current, s.Done(), elapsed(l.now().Sub(l.start)))
}

// Update prints each newly finished or failed step above the live line.
func (l *live) Update(s Snapshot) {
	l.mu.Lock()
	prev := l.prev
	l.cur, l.prev = s, s
	l.mu.Unlock()
	for _, line := range changes(prev, s) {
		if strings.HasPrefix(line, "step") && !strings.Contains(line, ": Waiting") {
			mark := "✓"
			if strings.Contains(line, ": Failed") {
				mark = "✗"
			}
			_, _ = fmt.Fprintf(l.p, "%s %s\n", mark, line)
		}
	}
}

// Finish stops the spinner and prints the summary in its place.
func (l *live) Finish(s Snapshot, err error) {
	if err == nil {
		l.Update(s)
	}
	mark := "✓"
	if err != nil || s.Status == "Failed" {
		mark = "✗"
	}
	_, _ = fmt.Fprintf(l.p, "%s %s\n", mark, summary(s, err, l.now().Sub(l.start)))
	l.bar.SetTotal(-1, true)
	l.p.Wait()
}
