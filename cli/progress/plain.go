package progress

import (
	"fmt"
	"io"
	"time"
)

// Plain writes one line per change, prefixed with the time since the wait began.
type Plain struct {
	W     io.Writer
	Start time.Time
	Now   func() time.Time
	prev  Snapshot
}

// Update prints what changed since the previous snapshot.
func (p *Plain) Update(s Snapshot) {
	at := elapsed(p.Now().Sub(p.Start))
	for _, line := range changes(p.prev, s) {
		_, _ = fmt.Fprintf(p.W, "[%s] %s\n", at, line)
	}
	p.prev = s
}

// Finish prints the summary.
func (p *Plain) Finish(s Snapshot, err error) {
	if err == nil {
		p.Update(s)
	}
	_, _ = fmt.Fprintln(p.W, summary(s, err, p.Now().Sub(p.Start)))
}
