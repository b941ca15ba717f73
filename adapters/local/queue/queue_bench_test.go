package queue_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/domain"
)

// BenchmarkSendReceiveAck: one message through each queue type, each step a durable commit.
func BenchmarkSendReceiveAck(b *testing.B) {
	for _, name := range []string{domain.QueuePolls, domain.QueueCommands} {
		b.Run(name, func(b *testing.B) {
			q := openAt(b, filepath.Join(b.TempDir(), "queue.db"), queue.Options{})
			ctx := context.Background()
			body := make([]byte, 512)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				m := domain.Message{Body: body}
				if name == domain.QueueCommands {
					m.Group, m.DedupID = fmt.Sprintf("d%d", i%8), fmt.Sprintf("op%d", i)
				}
				require.NoError(b, q.Send(ctx, name, m))
				ds, err := q.Receive(ctx, name, 1, time.Minute)
				require.NoError(b, err)
				require.Len(b, ds, 1)
				require.NoError(b, q.Ack(ctx, name, ds[0].Receipt))
			}
		})
	}
}

// BenchmarkReceiveBehindInFlight: Receive with 10 000 messages in flight ahead of nothing
// visible but one; its cost must not follow the in-flight count (the visibility index).
func BenchmarkReceiveBehindInFlight(b *testing.B) {
	q := openAt(b, filepath.Join(b.TempDir(), "queue.db"), queue.Options{})
	ctx := context.Background()
	for range 10_000 {
		require.NoError(b, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("busy")}))
	}
	for {
		ds, err := q.Receive(ctx, domain.QueuePolls, 10, time.Hour)
		require.NoError(b, err)
		if len(ds) == 0 {
			break
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("new")}))
		ds, err := q.Receive(ctx, domain.QueuePolls, 10, time.Minute)
		require.NoError(b, err)
		require.Len(b, ds, 1)
		require.NoError(b, q.Ack(ctx, domain.QueuePolls, ds[0].Receipt))
	}
}
