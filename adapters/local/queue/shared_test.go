package queue_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/adapters/contract/queuetest"
	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/domain"
)

// openShared opens a store and a queue in the store's file, as the local wiring does.
func openShared(t *testing.T, clock *fakeClock) (*store.Store, *queue.Queue) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	q, err := queue.OpenShared(st.DB(), st.Committer(), queue.Options{Clock: clock.Now})
	require.NoError(t, err)
	t.Cleanup(func() {
		require.NoError(t, q.Close()) // leaves the file to the store
		require.NoError(t, st.Close())
	})
	return st, q
}

// The SQS semantics hold when the queue shares the store's file.
func TestContractShared(t *testing.T) {
	clock := newClock()
	_, q := openShared(t, clock)
	queuetest.Run(t, suiteQueue{q}, queuetest.Advance(clock.Add))
}

// A message sent with SendTx inside a store write is there exactly when the write commits: a
// write that fails on a condition leaves no message; FIFO dedup still drops a repeat.
func TestSendTxCommitsWithTheWrite(t *testing.T) {
	ctx := context.Background()
	clock := newClock()
	st, q := openShared(t, clock)
	const kindCmd domain.Kind = "cmd"
	st.Divert(kindCmd, func(tx *bolt.Tx, it domain.Item) error {
		return q.SendTx(tx, domain.QueueCommands, domain.Message{Group: "g", DedupID: it.ID, Body: it.Body})
	})
	cmd := func(id string) domain.Write {
		return domain.Write{Put: &domain.Item{Kind: kindCmd, ID: id, Version: 1, SortKey: id, Body: []byte("run " + id)}}
	}
	intent := func(v int64) domain.Write {
		return domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "op", Version: v, SortKey: "1", Body: []byte("x")}}
	}

	// Version 2 of an item never written: the condition fails, the message goes with it.
	require.ErrorIs(t, st.Write(ctx, intent(2), cmd("a")), domain.ErrConflict)
	n, err := q.Len(ctx, domain.QueueCommands)
	require.NoError(t, err)
	assert.Zero(t, n, "a rolled-back write sends nothing")

	require.NoError(t, st.Write(ctx, intent(1), cmd("a")))
	require.NoError(t, st.Write(ctx, intent(2), cmd("a"))) // the same dedup id again
	ds, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	require.Len(t, ds, 1, "one message: the repeat was deduplicated")
	assert.Equal(t, "run a", string(ds[0].Body))
	_, err = st.Get(ctx, kindCmd, "a")
	require.ErrorIs(t, err, domain.ErrNotFound, "a diverted put stores no item")

	// A message the queue refuses fails the whole write.
	st.Divert(kindCmd, func(tx *bolt.Tx, it domain.Item) error {
		return q.SendTx(tx, domain.QueueCommands, domain.Message{Body: it.Body}) // no group
	})
	require.Error(t, st.Write(ctx, intent(3), cmd("b")))
	got, err := st.Get(ctx, domain.KindOperation, "op")
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Version, "the intent of a refused command is not written")
}

// A poll that finds nothing visible commits no write transaction: the write lock and its sync
// belong to the accepts that share the file. A poll that delivers does write.
func TestEmptyReceiveDoesNotWrite(t *testing.T) {
	clock := newClock()
	st, q := openShared(t, clock)
	ctx := context.Background()
	lastTx := func() int {
		var id int
		require.NoError(t, st.DB().View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }))
		return id
	}
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "d", Body: []byte("x")}))
	got, err := q.Receive(ctx, domain.QueueCommands, 1, time.Minute)
	require.NoError(t, err)
	require.Len(t, got, 1)
	before := lastTx()
	for range 5 {
		got, err := q.Receive(ctx, domain.QueueCommands, 1, time.Minute) // the one message is hidden
		require.NoError(t, err)
		assert.Empty(t, got)
		got, err = q.Receive(ctx, "no-such-queue", 1, time.Minute)
		require.NoError(t, err)
		assert.Empty(t, got)
	}
	assert.Equal(t, before, lastTx(), "empty polls committed write transactions")
	clock.Add(2 * time.Minute)
	got, err = q.Receive(ctx, domain.QueueCommands, 1, time.Minute)
	require.NoError(t, err)
	assert.Len(t, got, 1, "visible again after its visibility timeout")
	assert.Greater(t, lastTx(), before, "a delivery writes")
}
