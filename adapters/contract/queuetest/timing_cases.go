package queuetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testVisibilityTimeout(t *testing.T, s *suite) {
	for _, tt := range []struct {
		queue string
		send  func()
	}{
		{s.standard, func() { s.send(s.standard, msg("work")) }},
		{s.fifo, func() { s.send(s.fifo, fifoMsg("g", "w", "work")) }},
	} {
		tt.send()
		first := s.receive(tt.queue, 1, s.cfg.short)
		require.Len(t, first, 1, tt.queue)
		s.none(tt.queue, "invisible while in flight")

		s.wait() // the consumer died without acking
		again := s.receive(tt.queue, 1, long)
		require.Len(t, again, 1, tt.queue)
		assert.Equal(t, first[0].ID, again[0].ID, tt.queue)
		assert.Equal(t, "work", string(again[0].Body))
		assert.Equal(t, 2, again[0].ReceiveCount)
		assert.NotEqual(t, first[0].Receipt, again[0].Receipt, "each delivery has its own receipt")
		s.ack(tt.queue, again...)
		s.none(tt.queue, "acked with the new receipt")
	}
}

// testStaleReceipt: once a message was delivered again, the old delivery's receipt no longer
// deletes it (SQS FIFO answers ReceiptHandleIsInvalid; the local queue ErrConflict).
func testStaleReceipt(t *testing.T, s *suite) {
	ctx := context.Background()
	s.send(s.fifo, fifoMsg("g", "x", "x"))
	first := s.receive(s.fifo, 1, s.cfg.short)
	require.Len(t, first, 1)
	s.wait()
	again := s.receive(s.fifo, 1, long)
	require.Len(t, again, 1)
	require.Error(t, s.q.Ack(ctx, s.fifo, first[0].Receipt), "a stale receipt must not delete")
	require.Error(t, s.q.Ack(ctx, s.fifo, "not-a-receipt"))
	s.ack(s.fifo, again...)
}

func testRelease(t *testing.T, s *suite) {
	ctx := context.Background()
	s.send(s.standard, msg("retry me"))
	ds := s.receive(s.standard, 1, long)
	require.Len(t, ds, 1)
	require.NoError(t, s.q.Release(ctx, s.standard, ds[0].Receipt, s.cfg.short))
	s.none(s.standard, "hidden for the release delay")
	s.wait()
	again := s.receive(s.standard, 1, long)
	require.Equal(t, []string{"retry me"}, bodies(again))
	require.NoError(t, s.q.Release(ctx, s.standard, again[0].Receipt, 0))
	now := s.receive(s.standard, 1, long)
	require.Equal(t, []string{"retry me"}, bodies(now), "release with 0 delay is immediate")
	assert.Equal(t, 3, now[0].ReceiveCount)
	s.ack(s.standard, now...)
}

func testDelay(t *testing.T, s *suite) {
	m := msg("later")
	m.Delay = s.cfg.short
	s.send(s.standard, m)
	s.send(s.standard, msg("now"))
	assert.Equal(t, []string{"now"}, bodies(s.receive(s.standard, 0, long)))
	s.wait()
	got := s.receive(s.standard, 1, long)
	assert.Equal(t, []string{"later"}, bodies(got))
	s.ack(s.standard, got...)
}

// testDeadLetter: a message released MaxReceives times moves to the DLQ on the next receive,
// on both queue types, and the rest of its FIFO group moves on.
func testDeadLetter(t *testing.T, s *suite) {
	ctx := context.Background()
	s.send(s.standard, msg("poison"))
	s.send(s.fifo, fifoMsg("g", "p", "poison"))
	s.send(s.fifo, fifoMsg("g", "n", "next"))
	var rest []Delivery
	for _, queue := range []string{s.standard, s.fifo} {
		for i := 1; i <= s.cfg.maxReceives; i++ {
			ds := s.receive(queue, 1, long)
			require.Equal(t, []string{"poison"}, bodies(ds), "%s receive %d", queue, i)
			assert.Equal(t, i, ds[0].ReceiveCount)
			require.NoError(t, s.q.Release(ctx, queue, ds[0].Receipt, 0))
		}
		// This receive finds the message over its limit and moves it instead of delivering it.
		after := s.receive(queue, 0, long)
		require.NotContains(t, bodies(after), "poison", "%s: delivered past MaxReceives", queue)
		rest = append(rest, after...)
		dead := s.receive(s.cfg.dlq(queue), 1, long)
		require.Equal(t, []string{"poison"}, bodies(dead), "%s: dead-lettered", queue)
		s.ack(s.cfg.dlq(queue), dead...)
	}
	s.none(s.standard, "the poison message left the queue")
	if len(rest) == 0 {
		rest = s.receive(s.fifo, 1, long)
	}
	require.Equal(t, []string{"next"}, bodies(rest), "the group continues after its poison message")
	s.ack(s.fifo, rest...)
}
