package queue

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// maxSleep bounds how long Wait sleeps before looking again; it covers an injected Clock
// that moves without telling anyone.
const maxSleep = time.Second

// Wait blocks until a message of the queue may be visible: one is visible now, one becomes
// visible (its delay or visibility timeout ends), or a Send, Release or Ack in this process
// may have made one visible. It returns ctx's error when ctx ends first. A nil return is a
// hint, not a promise: Receive may still find nothing (another consumer was faster).
func (q *Queue) Wait(ctx context.Context, name string) error {
	for {
		signal := q.signal(name) // taken before looking, so no notify is missed
		next, ok, err := q.nextVisible(name)
		if err != nil {
			return fmt.Errorf("wait on %s: %w", name, err)
		}
		sleep := maxSleep
		if ok {
			sleep = min(sleep, next.Sub(q.now()))
			if sleep <= 0 {
				return nil
			}
		}
		timer := time.NewTimer(sleep)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("wait on %s: %w", name, ctx.Err())
		case <-signal:
			timer.Stop()
			return nil
		case <-timer.C:
		}
	}
}

// nextVisible is the earliest time a message of the queue becomes visible.
func (q *Queue) nextVisible(name string) (time.Time, bool, error) {
	var at int64
	var ok bool
	err := q.db.View(func(tx *bolt.Tx) error {
		b, exists, err := openBuckets(tx, name, false)
		if err != nil || !exists {
			return err
		}
		if k, _ := b.vis.Cursor().First(); k != nil {
			at, _ = parseVisKey(k)
			ok = true
		}
		return nil
	})
	return time.Unix(0, at), ok, err
}

func (q *Queue) signal(name string) <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	ch, ok := q.signals[name]
	if !ok {
		ch = make(chan struct{})
		q.signals[name] = ch
	}
	return ch
}

// notify wakes every Wait on the queue.
func (q *Queue) notify(name string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if ch, ok := q.signals[name]; ok {
		close(ch)
		delete(q.signals, name)
	}
}
