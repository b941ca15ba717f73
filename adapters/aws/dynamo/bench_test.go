package dynamo_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/domain"
)

// BenchmarkPutGet measures one conditional Put (a one-item TransactWriteItems) followed by a
// consistent Get on moto over loopback: the adapter's and the SDK's cost plus moto's, which
// copies the whole table on every transaction (so the table is kept small: a fixed set of
// ids is rewritten with increasing versions). A figure, not a DynamoDB latency.
func BenchmarkPutGet(b *testing.B) {
	client, table := newTable(b)
	store := dynamo.New(client, table)
	ctx := context.Background()
	body := make([]byte, 1024)
	const ids = 64
	version := make([]int64, ids)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		n := i % ids
		version[n]++
		id := fmt.Sprintf("d-%02d", n)
		err := store.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindDistribution, ID: id,
			Version: version[n], Status: "Deployed", SortKey: id, Body: body}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := store.Get(ctx, domain.KindDistribution, id); err != nil {
			b.Fatal(err)
		}
	}
}
