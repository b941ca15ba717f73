package groupcommit

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func openDB(t *testing.T) *bolt.DB {
	t.Helper()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "db"), 0o600, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	require.NoError(t, db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err }))
	return db
}

// state reports the calls waiting and whether a leader is committing.
func (c *Committer) state() (waiting int, leading bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiting), c.leading
}

// Writes that arrive while a commit is on disk all go into the next transaction, and a write
// that fails is refused alone: the others commit.
func TestWaitingWritesShareOneCommitAndFailAlone(t *testing.T) {
	db := openDB(t)
	c := New(db)
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { // the first write holds the disk until released
		assert.NoError(t, c.Do(func(tx *bolt.Tx) error {
			<-release
			return tx.Bucket([]byte("b")).Put([]byte("first"), []byte("1"))
		}))
	})
	require.Eventually(t, func() bool { w, l := c.state(); return w == 0 && l }, 5*time.Second, time.Millisecond)

	const n = 20
	txIDs := make([]int, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = c.Do(func(tx *bolt.Tx) error {
				txIDs[i] = tx.ID()
				if i == 7 {
					return fmt.Errorf("write %d refused", i)
				}
				return tx.Bucket([]byte("b")).Put(fmt.Appendf(nil, "k%02d", i), []byte("v"))
			})
		})
	}
	require.Eventually(t, func() bool { w, _ := c.state(); return w == n }, 5*time.Second, time.Millisecond)
	close(release)
	wg.Wait()

	for i := range n {
		if i == 7 {
			assert.EqualError(t, errs[i], "write 7 refused")
			continue
		}
		require.NoError(t, errs[i], "write %d", i)
		assert.Equal(t, txIDs[0], txIDs[i], "write %d committed in the same transaction", i)
	}
	require.NoError(t, db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("b"))
		assert.NotNil(t, b.Get([]byte("first")))
		assert.Nil(t, b.Get([]byte("k07")), "the refused write left nothing")
		for i := range n {
			if i != 7 {
				assert.NotNil(t, b.Get(fmt.Appendf(nil, "k%02d", i)), "write %d", i)
			}
		}
		return nil
	}))
	_, leading := c.state()
	assert.False(t, leading, "the last leader gave up the lead")
}

// A lone write commits at once and reports its own error.
func TestLoneWrite(t *testing.T) {
	c := New(openDB(t))
	boom := errors.New("boom")
	require.ErrorIs(t, c.Do(func(*bolt.Tx) error { return boom }), boom)
	require.NoError(t, c.Do(func(tx *bolt.Tx) error { return tx.Bucket([]byte("b")).Put([]byte("k"), []byte("v")) }))
}

// A write that panics fails alone; the committer keeps working.
func TestPanickingWriteFailsAlone(t *testing.T) {
	c := New(openDB(t))
	err := c.Do(func(*bolt.Tx) error { panic("bad write") })
	require.ErrorContains(t, err, "bad write")
	require.NoError(t, c.Do(func(tx *bolt.Tx) error { return tx.Bucket([]byte("b")).Put([]byte("k"), []byte("v")) }))
}
