package queuetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testSendReceiveAck(t *testing.T, s *suite) {
	for _, tt := range []struct {
		queue string
		send  func(i int) string
	}{
		{s.standard, func(i int) string { b := fmt.Sprintf("s%d", i); s.send(s.standard, msg(b)); return b }},
		{s.fifo, func(i int) string {
			b := fmt.Sprintf("f%d", i)
			s.send(s.fifo, fifoMsg(fmt.Sprintf("g%d", i), "d"+b, b))
			return b
		}},
	} {
		var sent []string
		for i := range 3 {
			sent = append(sent, tt.send(i))
		}
		got := s.receive(tt.queue, 3, long)
		assert.ElementsMatch(t, sent, bodies(got), tt.queue)
		ids := map[string]bool{}
		for _, d := range got {
			assert.NotEmpty(t, d.ID)
			assert.NotEmpty(t, d.Receipt)
			assert.Equal(t, 1, d.ReceiveCount)
			ids[d.ID] = true
		}
		assert.Len(t, ids, 3, "message ids are unique")
		s.ack(tt.queue, got...)
		s.none(tt.queue, "acked messages are gone")
	}
}

// testFIFOGroupOrder: a consumer that acks everything it gets sees each group in send order,
// and never gets a message of a group while an earlier one of that group is in flight.
func testFIFOGroupOrder(t *testing.T, s *suite) {
	groups := map[string][]string{}
	for i := range 12 {
		g := []string{"a", "b", "c"}[i%3]
		body := fmt.Sprintf("%s%02d", g, i)
		s.send(s.fifo, fifoMsg(g, "d"+body, body))
		groups[g] = append(groups[g], body)
	}
	next := map[string]int{}
	check := func(d Delivery) {
		want := groups[d.Group]
		require.Less(t, next[d.Group], len(want), "group %s delivered %s more than once", d.Group, d.Body)
		require.Equal(t, want[next[d.Group]], string(d.Body), "group %s out of order", d.Group)
		next[d.Group]++
	}
	done := func() bool { return next["a"] == 4 && next["b"] == 4 && next["c"] == 4 }
	for round := 0; round < 40 && !done(); round++ {
		ds, err := s.q.Receive(context.Background(), s.fifo, 2, long)
		require.NoError(t, err)
		inFlight := map[string]bool{}
		for _, d := range ds {
			check(d)
			inFlight[d.Group] = true
		}
		// Every other round, receive again before acking: the groups in flight must not move.
		if round%2 == 1 {
			more, err := s.q.Receive(context.Background(), s.fifo, 10, long)
			require.NoError(t, err)
			for _, d := range more {
				require.False(t, inFlight[d.Group], "group %s delivered %s while an earlier message is in flight", d.Group, d.Body)
				check(d)
			}
			ds = append(ds, more...)
		}
		s.ack(s.fifo, ds...)
	}
	assert.Equal(t, map[string]int{"a": 4, "b": 4, "c": 4}, next, "every message delivered once")
	s.none(s.fifo, "all acked")
}

func testFIFOInFlightBlocks(t *testing.T, s *suite) {
	s.send(s.fifo, fifoMsg("g", "1", "first"))
	s.send(s.fifo, fifoMsg("g", "2", "second"))
	s.send(s.fifo, fifoMsg("other", "3", "other"))

	ds, err := s.q.Receive(context.Background(), s.fifo, 1, long)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	first := ds[0]
	if first.Group == "other" { // the queue may start with either group
		s.ack(s.fifo, first)
		ds, err = s.q.Receive(context.Background(), s.fifo, 1, long)
		require.NoError(t, err)
		require.Len(t, ds, 1)
		first = ds[0]
	}
	require.Equal(t, "first", string(first.Body))
	got := bodies(s.receive(s.fifo, 0, long))
	assert.NotContains(t, got, "second", "group g is blocked while first is in flight")

	require.NoError(t, s.q.Release(context.Background(), s.fifo, first.Receipt, 0))
	again := s.receive(s.fifo, 1, long)
	require.Equal(t, []string{"first"}, bodies(again), "a released message comes back before the rest of its group")
	assert.Equal(t, 2, again[0].ReceiveCount)
	s.ack(s.fifo, again...)
	assert.Equal(t, []string{"second"}, bodies(s.receive(s.fifo, 1, long)))
}

func testFIFODedup(t *testing.T, s *suite) {
	s.send(s.fifo, fifoMsg("g", "op-1", "one"))
	s.send(s.fifo, fifoMsg("g", "op-1", "one, resent"))
	s.send(s.fifo, fifoMsg("h", "op-1", "one, other group"))
	got := s.receive(s.fifo, 1, long)
	require.Equal(t, []string{"one"}, bodies(got), "a DedupID is dropped within the window, whatever the group")
	s.ack(s.fifo, got...)

	s.send(s.fifo, fifoMsg("g", "op-1", "after ack"))
	s.none(s.fifo, "the window outlives the message")
	s.send(s.fifo, fifoMsg("g", "op-2", "two"))
	assert.Equal(t, []string{"two"}, bodies(s.receive(s.fifo, 1, long)))
}

func testFIFORejects(t *testing.T, s *suite) {
	ctx := context.Background()
	require.Error(t, s.q.Send(ctx, s.fifo, fifoMsg("", "d1", "no group")), "FIFO needs a group")
	m := fifoMsg("g", "d2", "delayed")
	m.Delay = s.cfg.short
	require.Error(t, s.q.Send(ctx, s.fifo, m), "no per-message delay on FIFO")
	s.none(s.fifo, "rejected messages are not stored")
}
