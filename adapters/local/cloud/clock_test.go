package cloud_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
)

// fakeClock is a settable time source, safe for concurrent use.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// clocked opens a cloud in dir on a fake clock: deploy 10 s, replicas 60 s, invalidations 30 s.
func clocked(t *testing.T, dir string) (*cloud.Cloud, *fakeClock) {
	t.Helper()
	clk := &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	c, err := cloud.Open(dir, cloud.Options{DeploySeconds: 10, ReplicaSeconds: 60, InvalidationSeconds: 30, Clock: clk.Now})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c, clk
}
