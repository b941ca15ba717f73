package queue_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/queuetest"
	"github.com/cloudfront-manager/cfm/adapters/local/queue"
)

// fakeClock is a Clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock { return &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func openAt(t testing.TB, path string, opts queue.Options) *queue.Queue {
	t.Helper()
	q, err := queue.Open(path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = q.Close() })
	return q
}

func open(t testing.TB, clock *fakeClock) *queue.Queue {
	return openAt(t, filepath.Join(t.TempDir(), "q", "queue.db"), queue.Options{Clock: clock.Now})
}

// suiteQueue adapts *queue.Queue to queuetest.Queue.
type suiteQueue struct{ *queue.Queue }

func (s suiteQueue) Receive(ctx context.Context, name string, max int, visibility time.Duration) ([]queuetest.Delivery, error) {
	ds, err := s.Queue.Receive(ctx, name, max, visibility)
	out := make([]queuetest.Delivery, 0, len(ds))
	for _, d := range ds {
		out = append(out, queuetest.Delivery{ID: d.ID, Receipt: d.Receipt, Body: d.Body, Group: d.Group, ReceiveCount: d.ReceiveCount})
	}
	return out, err
}
