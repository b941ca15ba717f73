// Package groupcommit shares bbolt commits between concurrent writers: a write that arrives
// while a commit is on disk waits for it, and then every write that waited goes into the next
// transaction, one fsync for all of them (leader and followers, as in LevelDB's write queue).
//
// bbolt's own Batch does this with a timer: a batch waits MaxBatchDelay for company, then
// queues for the writer lock, and calls arriving meanwhile start another batch. When a commit
// takes longer than the delay, small batches pile up behind the lock, each paying a full
// commit. Here the group closes only when the disk is free, so its size follows the load and a
// lone write never waits for a timer.
package groupcommit

import (
	"errors"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// maxGroup bounds one transaction's calls (bbolt's MaxBatchSize default).
const maxGroup = 1000

// Committer runs write functions on one bbolt database in shared transactions.
// Safe for concurrent use.
type Committer struct {
	db *bolt.DB

	mu      sync.Mutex
	waiting []*call // in arrival order; waiting[0] is or becomes the leader
	leading bool    // a leader is committing
}

// call is one write function waiting for its commit. done receives nil when it is the next
// leader, else the call is finished and err holds its result.
type call struct {
	fn       func(*bolt.Tx) error
	err      error
	finished bool
	done     chan struct{}
}

// New returns a Committer on db. Every read-write transaction of db should go through it (or
// through db.Update, which takes the same writer lock).
func New(db *bolt.DB) *Committer { return &Committer{db: db} }

// Do runs fn in a read-write transaction, possibly shared with other calls, and returns once
// that transaction is durably committed (or fn failed). fn's error is returned to its caller
// alone: the transaction is rolled back and run again without fn, so fn may run more than
// once and must only touch tx. A failed commit fails every call in it.
func (c *Committer) Do(fn func(*bolt.Tx) error) error {
	me := &call{fn: fn, done: make(chan struct{}, 1)}
	c.mu.Lock()
	c.waiting = append(c.waiting, me)
	if c.leading {
		c.mu.Unlock()
		<-me.done // finished by a leader, or handed the lead
		if me.finished {
			return me.err
		}
	} else {
		c.leading = true
		c.mu.Unlock()
	}
	// Leader: commit everything waiting (this call included), then hand the lead to the
	// oldest call that arrived meanwhile.
	c.mu.Lock()
	n := min(len(c.waiting), maxGroup)
	group := c.waiting[:n:n]
	c.waiting = c.waiting[n:]
	c.mu.Unlock()
	c.commit(group)
	c.mu.Lock()
	if len(c.waiting) > 0 {
		c.waiting[0].done <- struct{}{}
	} else {
		c.leading = false
		c.waiting = nil
	}
	c.mu.Unlock()
	for _, g := range group {
		if g != me {
			g.finished = true
			g.done <- struct{}{}
		}
	}
	return me.err
}

// commit runs group in one transaction; a call whose fn fails is dropped with its error and
// the rest run again.
func (c *Committer) commit(group []*call) {
	live := group
	for len(live) > 0 {
		var failed *call
		err := c.db.Update(func(tx *bolt.Tx) error {
			for _, g := range live {
				if err := safely(g.fn, tx); err != nil {
					failed, g.err = g, err
					return errFnFailed
				}
			}
			return nil
		})
		if failed == nil {
			for _, g := range live {
				g.err = err // nil, or the commit's own failure
			}
			return
		}
		if !errors.Is(err, errFnFailed) { // the rollback itself failed
			for _, g := range live {
				if g != failed {
					g.err = err
				}
			}
			return
		}
		next := make([]*call, 0, len(live)-1)
		for _, g := range live {
			if g != failed {
				next = append(next, g)
			}
		}
		live = next
	}
}

var errFnFailed = errors.New("groupcommit: a write function failed")

// safely runs fn, turning a panic into its error (as bbolt's Batch does): a panicking write
// must not leave the followers waiting for a leader that is gone.
func safely(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("groupcommit: write function panicked: %v", p)
		}
	}()
	return fn(tx)
}
