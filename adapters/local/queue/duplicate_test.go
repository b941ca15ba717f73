package queue_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/domain"
)

// DuplicateRate 1 delivers every message twice, on a FIFO queue too (the copy has its own
// dedup id), the copy behind the original in its group.
func TestDuplicateRateDeliversTwice(t *testing.T) {
	q := openAt(t, filepath.Join(t.TempDir(), "queue.db"), queue.Options{DuplicateRate: 1})
	ctx := t.Context()
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "d1", Body: []byte("one")}))
	var bodies []string
	for range 2 {
		ds, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
		require.NoError(t, err)
		require.Len(t, ds, 1, "one in flight per group")
		bodies = append(bodies, string(ds[0].Body))
		require.NoError(t, q.Ack(ctx, domain.QueueCommands, ds[0].Receipt))
	}
	assert.Equal(t, []string{"one", "one"}, bodies)
	copies, sent := q.Duplicated()
	assert.Equal(t, int64(1), copies)
	assert.Equal(t, int64(1), sent)
	ds, err := q.Receive(ctx, domain.QueueCommands, 10, time.Minute)
	require.NoError(t, err)
	assert.Empty(t, ds)
}

func TestDuplicateRateOffByDefault(t *testing.T) {
	q := openAt(t, filepath.Join(t.TempDir(), "queue.db"), queue.Options{})
	require.NoError(t, q.Send(t.Context(), "polls", domain.Message{Body: []byte("x")}))
	ds, err := q.Receive(t.Context(), "polls", 10, time.Minute)
	require.NoError(t, err)
	assert.Len(t, ds, 1)
	copies, _ := q.Duplicated()
	assert.Zero(t, copies)
}
