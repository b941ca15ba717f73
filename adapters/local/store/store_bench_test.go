package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// BenchmarkPutGet: one durable (fsynced) conditional put followed by a get.
func BenchmarkPutGet(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	body := make([]byte, 1024)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		id := fmt.Sprintf("op-%08d", i)
		err := s.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: id, Version: 1,
			Status: "Accepted", Parent: "dist-1", SortKey: id, Body: body}})
		require.NoError(b, err)
		_, err = s.Get(ctx, domain.KindOperation, id)
		require.NoError(b, err)
	}
}

// BenchmarkQueryPage: one page of 50 from the middle of an index of 10 000 items.
func BenchmarkQueryPage(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	body := make([]byte, 512)
	for i := 0; i < 10_000; i += 100 {
		writes := make([]domain.Write, 0, 100)
		for j := i; j < i+100; j++ {
			writes = append(writes, domain.Write{Put: &domain.Item{Kind: domain.KindHistory, ID: fmt.Sprintf("h%05d", j),
				Version: 1, Parent: fmt.Sprintf("dist-%d", j%10), Status: "Done", SortKey: fmt.Sprintf("2024-%05d", j), Body: body}})
		}
		require.NoError(b, s.Write(ctx, writes...))
	}
	first, err := s.Query(ctx, domain.Query{Kind: domain.KindHistory, Index: domain.ByParent, Key: "dist-3", Limit: 500})
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		page, err := s.Query(ctx, domain.Query{Kind: domain.KindHistory, Index: domain.ByParent, Key: "dist-3", Limit: 50, Cursor: first.Next})
		require.NoError(b, err)
		require.Len(b, page.Items, 50)
	}
}
