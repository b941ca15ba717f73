package queue_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/queuetest"
	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestContract(t *testing.T) {
	clock := newClock()
	queuetest.Run(t, suiteQueue{open(t, clock)}, queuetest.Advance(clock.Add))
}

func TestContractMaxReceives(t *testing.T) {
	clock := newClock()
	q := openAt(t, filepath.Join(t.TempDir(), "queue.db"), queue.Options{Clock: clock.Now, MaxReceives: 3})
	queuetest.Run(t, suiteQueue{q}, queuetest.Advance(clock.Add), queuetest.MaxReceives(3))
}

func TestSendValidation(t *testing.T) {
	q := open(t, newClock())
	ctx := context.Background()
	body := []byte("x")
	tests := []struct {
		name  string
		queue string
		m     domain.Message
		field string
	}{
		{"fifo without group", domain.QueueCommands, domain.Message{DedupID: "d", Body: body}, "group"},
		{"fifo without dedup id", domain.QueueCommands, domain.Message{Group: "g", Body: body}, "dedupId"},
		{"fifo with delay", domain.QueueCommands, domain.Message{Group: "g", DedupID: "d", Body: body, Delay: time.Second}, "delay"},
		{"dlq of fifo is fifo", domain.QueueCommands + queue.DLQSuffix, domain.Message{DedupID: "d", Body: body}, "group"},
		{"standard delay too long", domain.QueuePolls, domain.Message{Body: body, Delay: 16 * time.Minute}, "delay"},
		{"standard negative delay", domain.QueuePolls, domain.Message{Body: body, Delay: -time.Second}, "delay"},
		{"standard with dedup id", domain.QueuePolls, domain.Message{DedupID: "d", Body: body}, "dedupId"},
		{"empty body", domain.QueuePolls, domain.Message{}, "body"},
		{"body too large", domain.QueuePolls, domain.Message{Body: make([]byte, queue.MaxBodyBytes+1)}, "body"},
	}
	for _, tt := range tests {
		err := q.Send(ctx, tt.queue, tt.m)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: %v", tt.name, err)
		assert.Equal(t, tt.field, v.Fields[0].Field, tt.name)
	}
	for _, name := range []string{domain.QueueCommands, domain.QueuePolls} {
		n, err := q.Len(ctx, name)
		require.NoError(t, err)
		assert.Zero(t, n, name)
	}
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: body, Delay: queue.MaxDelay}))
}

func TestReceiveAckErrors(t *testing.T) {
	clock := newClock()
	q := open(t, clock)
	ctx := context.Background()
	_, err := q.Receive(ctx, domain.QueuePolls, 1, -time.Second)
	var v *domain.ValidationError
	require.ErrorAs(t, err, &v)
	ds, err := q.Receive(ctx, "never-used", 10, time.Minute)
	require.NoError(t, err)
	assert.Empty(t, ds)

	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("a")}))
	ds, err = q.Receive(ctx, domain.QueuePolls, 0, time.Second)
	require.NoError(t, err)
	require.Len(t, ds, 1, "max below 1 means 1")
	clock.Add(2 * time.Second)
	again, err := q.Receive(ctx, domain.QueuePolls, 1, time.Minute)
	require.NoError(t, err)
	require.Len(t, again, 1)
	require.ErrorIs(t, q.Ack(ctx, domain.QueuePolls, ds[0].Receipt), domain.ErrConflict)
	require.ErrorIs(t, q.Release(ctx, domain.QueuePolls, ds[0].Receipt, 0), domain.ErrConflict)
	require.NoError(t, q.Ack(ctx, domain.QueuePolls, again[0].Receipt))
	require.ErrorIs(t, q.Ack(ctx, domain.QueuePolls, again[0].Receipt), domain.ErrNotFound, "acked twice")
	require.ErrorIs(t, q.Ack(ctx, "never-used", again[0].Receipt), domain.ErrNotFound)
	require.ErrorAs(t, q.Ack(ctx, domain.QueuePolls, "garbage"), &v)
}

func TestReceiveBatchCap(t *testing.T) {
	q := open(t, newClock())
	ctx := context.Background()
	for range 15 {
		require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("m")}))
	}
	ds, err := q.Receive(ctx, domain.QueuePolls, 100, time.Minute)
	require.NoError(t, err)
	assert.Len(t, ds, queue.MaxBatch)
}

func TestDedupWindowExpires(t *testing.T) {
	clock := newClock()
	q := open(t, clock)
	ctx := context.Background()
	send := func(body string) {
		require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "op-1", Body: []byte(body)}))
	}
	send("first")
	clock.Add(4*time.Minute + 59*time.Second)
	send("inside the window")
	n, err := q.Len(ctx, domain.QueueCommands)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	clock.Add(2 * time.Second)
	send("after the window")
	n, err = q.Len(ctx, domain.QueueCommands)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

func TestStats(t *testing.T) {
	clock := newClock()
	q := open(t, clock)
	ctx := context.Background()
	for _, d := range []time.Duration{0, 0, 0, time.Minute} {
		require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("m"), Delay: d}))
	}
	_, err := q.Receive(ctx, domain.QueuePolls, 2, time.Minute)
	require.NoError(t, err)
	st, err := q.Stats(ctx, domain.QueuePolls)
	require.NoError(t, err)
	assert.Equal(t, queue.Stats{Messages: 4, InFlight: 2, Delayed: 1}, st)
	assert.Equal(t, 1, st.Visible())
	empty, err := q.Stats(ctx, "never-used")
	require.NoError(t, err)
	assert.Equal(t, queue.Stats{}, empty)
}

func TestWaitWakesOnSendAndHonoursContext(t *testing.T) {
	q := open(t, newClock())
	ctx := context.Background()

	woke := make(chan error, 1)
	go func() { woke <- q.Wait(ctx, domain.QueueCommands) }()
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "1", Body: []byte("m")}))
	require.NoError(t, <-woke)
	require.NoError(t, q.Wait(ctx, domain.QueueCommands), "a visible message returns at once")

	_, err := q.Receive(ctx, domain.QueueCommands, 1, time.Hour)
	require.NoError(t, err)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, q.Wait(short, domain.QueueCommands), context.DeadlineExceeded, "nothing visible: blocks until ctx ends")
}

func TestWaitWakesWhenDelayEnds(t *testing.T) {
	q := openAt(t, filepath.Join(t.TempDir(), "queue.db"), queue.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("poll"), Delay: 100 * time.Millisecond}))
	require.NoError(t, q.Wait(ctx, domain.QueuePolls))
	ds, err := q.Receive(ctx, domain.QueuePolls, 1, time.Minute)
	require.NoError(t, err)
	assert.Len(t, ds, 1, "Wait returned once the delay was over")
}
