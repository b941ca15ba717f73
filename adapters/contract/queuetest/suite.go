package queuetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// long is a visibility timeout no case waits out.
const long = 10 * time.Minute

// suite holds one case's queues and helpers.
type suite struct {
	t              *testing.T
	q              Queue
	cfg            config
	fifo, standard string
}

func (s *suite) send(queue string, m domain.Message) {
	s.t.Helper()
	require.NoError(s.t, s.q.Send(context.Background(), queue, m))
}

// receive makes up to three attempts (SQS short polling may sample few servers) to collect
// at least want messages, and returns everything it got.
func (s *suite) receive(queue string, want int, visibility time.Duration) []Delivery {
	s.t.Helper()
	var got []Delivery
	for attempt := 0; attempt < 3 && (len(got) < want || want == 0); attempt++ {
		ds, err := s.q.Receive(context.Background(), queue, 10, visibility)
		require.NoError(s.t, err)
		got = append(got, ds...)
		if want == 0 {
			break
		}
	}
	return got
}

// none asserts that nothing is visible on queue.
func (s *suite) none(queue string, why string) {
	s.t.Helper()
	ds, err := s.q.Receive(context.Background(), queue, 10, long)
	require.NoError(s.t, err)
	require.Empty(s.t, bodies(ds), why)
}

func (s *suite) ack(queue string, ds ...Delivery) {
	s.t.Helper()
	for _, d := range ds {
		require.NoError(s.t, s.q.Ack(context.Background(), queue, d.Receipt))
	}
}

// wait lets the short timeout pass, with a margin.
func (s *suite) wait() { s.cfg.advance(s.cfg.short + s.cfg.short/2) }

func bodies(ds []Delivery) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, string(d.Body))
	}
	return out
}

func msg(body string) domain.Message { return domain.Message{Body: []byte(body)} }

func fifoMsg(group, dedup, body string) domain.Message {
	return domain.Message{Group: group, DedupID: dedup, Body: []byte(body)}
}
