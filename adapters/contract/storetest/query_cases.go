package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// seed writes n items of kind with ids i000.. and SortKeys s000.., at most 25 per write.
func seed(t *testing.T, s domain.Store, kind domain.Kind, n int, shape func(i int, it *domain.Item)) []string {
	ctx := context.Background()
	var all []string
	var batch []domain.Write
	for i := range n {
		it := domain.Item{Kind: kind, ID: fmt.Sprintf("i%04d", i), Version: 1, SortKey: fmt.Sprintf("s%04d", i)}
		if shape != nil {
			shape(i, &it)
		}
		all = append(all, it.ID)
		batch = append(batch, put(it))
		if len(batch) == 25 || i == n-1 {
			require.NoError(t, s.Write(ctx, batch...))
			batch = nil
		}
	}
	return all
}

// queryAll follows Next from the first page to the last and returns every id in order.
// A full page may carry a Next that leads to one empty last page; any other empty page fails.
func queryAll(t *testing.T, s domain.Store, q domain.Query) (all []string, pages int) {
	ctx := context.Background()
	seen := map[string]bool{}
	for {
		page, err := s.Query(ctx, q)
		require.NoError(t, err)
		pages++
		require.LessOrEqual(t, pages, 10_000, "paging does not end")
		if q.Limit > 0 {
			require.LessOrEqual(t, len(page.Items), q.Limit)
		}
		if page.Next != "" && q.Limit > 0 {
			require.Len(t, page.Items, q.Limit, "only the last page may be short")
		}
		for _, it := range page.Items {
			require.False(t, seen[it.ID], "item %s returned twice", it.ID)
			seen[it.ID] = true
			all = append(all, it.ID)
		}
		if page.Next == "" {
			return all, pages
		}
		q.Cursor = page.Next
	}
}

func testIndexes(t *testing.T, s domain.Store) {
	kind, other := freshKind(t), freshKind(t)
	seed(t, s, kind, 12, func(i int, it *domain.Item) {
		it.Parent = []string{"dist-1", "dist-2", ""}[i%3]
		it.Status = []string{"Accepted", "", "Running", "Failed"}[i%4]
		it.Owner = []string{"alice", "bob", "", "", "", ""}[i%6]
	})
	// The same parents, statuses and owners under another kind must never leak into kind's queries.
	seed(t, s, other, 6, func(_ int, it *domain.Item) { it.Parent, it.Status, it.Owner = "dist-1", "Accepted", "alice" })

	tests := []struct {
		name string
		q    domain.Query
		want []string
	}{
		{"by kind", domain.Query{Index: domain.ByKind},
			[]string{"i0000", "i0001", "i0002", "i0003", "i0004", "i0005", "i0006", "i0007", "i0008", "i0009", "i0010", "i0011"}},
		{"by kind ignores key", domain.Query{Index: domain.ByKind, Key: "whatever", Limit: 2}, []string{"i0000", "i0001"}},
		{"by parent", domain.Query{Index: domain.ByParent, Key: "dist-1"}, []string{"i0000", "i0003", "i0006", "i0009"}},
		{"by parent 2", domain.Query{Index: domain.ByParent, Key: "dist-2"}, []string{"i0001", "i0004", "i0007", "i0010"}},
		{"by status", domain.Query{Index: domain.ByStatus, Key: "Accepted"}, []string{"i0000", "i0004", "i0008"}},
		{"by status desc", domain.Query{Index: domain.ByStatus, Key: "Running", Descending: true}, []string{"i0010", "i0006", "i0002"}},
		{"by owner", domain.Query{Index: domain.ByOwner, Key: "alice"}, []string{"i0000", "i0006"}},
		{"by owner desc", domain.Query{Index: domain.ByOwner, Key: "bob", Descending: true}, []string{"i0007", "i0001"}},
		{"owner is not a prefix", domain.Query{Index: domain.ByOwner, Key: "ali"}, []string{}},
		{"unknown parent", domain.Query{Index: domain.ByParent, Key: "nope"}, []string{}},
		{"parent is not a prefix", domain.Query{Index: domain.ByParent, Key: "dist-"}, []string{}},
	}
	for _, tt := range tests {
		tt.q.Kind = kind
		page, err := s.Query(context.Background(), tt.q)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, ids(page.Items), tt.name)
		assert.Equal(t, tt.q.Limit > 0, page.Next != "", "%s: next page", tt.name)
	}
}

func testOrder(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	// Written out of order; equal SortKeys order by ID.
	for _, w := range [][2]string{{"c", "2"}, {"b", "2"}, {"z", "1"}, {"a", "3"}, {"a2", "10"}} {
		require.NoError(t, s.Write(ctx, put(domain.Item{Kind: kind, ID: w[0], Version: 1, SortKey: w[1], Status: "x"})))
	}
	want := []string{"z", "a2", "b", "c", "a"} // "1" < "10" < "2" (byte order) < "3"
	for _, index := range []domain.Index{domain.ByKind, domain.ByStatus} {
		page, err := s.Query(ctx, domain.Query{Kind: kind, Index: index, Key: "x"})
		require.NoError(t, err)
		assert.Equal(t, want, ids(page.Items), index)
		page, err = s.Query(ctx, domain.Query{Kind: kind, Index: index, Key: "x", Descending: true})
		require.NoError(t, err)
		assert.Equal(t, reversed(want), ids(page.Items), index)
	}
}

func testIndexMoves(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	query := func(index domain.Index, key string) []string {
		page, err := s.Query(ctx, domain.Query{Kind: kind, Index: index, Key: key})
		require.NoError(t, err)
		return ids(page.Items)
	}
	item := domain.Item{Kind: kind, ID: "op", Version: 1, Parent: "d1", Status: "Accepted", Owner: "alice", SortKey: "2"}
	require.NoError(t, s.Write(ctx, put(item), put(domain.Item{Kind: kind, ID: "peer", Version: 1, Parent: "d1", Status: "Accepted", SortKey: "5"})))

	tests := []struct {
		name   string
		change func(it *domain.Item)
		want   map[string][]string // "index key" -> ids
	}{
		{"status moves", func(it *domain.Item) { it.Status = "Running" },
			map[string][]string{"status Accepted": {"peer"}, "status Running": {"op"}, "parent d1": {"op", "peer"}, "owner alice": {"op"}}},
		{"owner moves", func(it *domain.Item) { it.Owner = "bob" },
			map[string][]string{"owner alice": {}, "owner bob": {"op"}, "status Running": {"op"}}},
		{"parent moves", func(it *domain.Item) { it.Parent = "d2" },
			map[string][]string{"parent d1": {"peer"}, "parent d2": {"op"}, "status Running": {"op"}}},
		{"sort key reorders", func(it *domain.Item) { it.SortKey = "9"; it.Parent = "d1" },
			map[string][]string{"parent d1": {"peer", "op"}, "parent d2": {}, "kind": {"peer", "op"}}},
		{"cleared status, parent and owner leave their indexes", func(it *domain.Item) { it.Status = ""; it.Parent = ""; it.Owner = "" },
			map[string][]string{"status Running": {}, "parent d1": {"peer"}, "owner bob": {}, "kind": {"peer", "op"}}},
		{"set again", func(it *domain.Item) { it.Status = "Failed"; it.Owner = "carol"; it.SortKey = "1" },
			map[string][]string{"status Failed": {"op"}, "owner carol": {"op"}, "kind": {"op", "peer"}}},
	}
	for _, tt := range tests {
		item.Version++
		tt.change(&item)
		require.NoError(t, s.Write(ctx, put(item)), tt.name)
		for where, want := range tt.want {
			var index domain.Index
			var key string
			_, _ = fmt.Sscan(where, &index, &key)
			assert.Equal(t, want, orEmpty(query(index, key)), "%s: %s", tt.name, where)
		}
	}
	require.NoError(t, s.Write(ctx, del(kind, "op", item.Version)))
	assert.Equal(t, []string{}, orEmpty(query(domain.ByStatus, "Failed")), "a delete leaves every index")
	assert.Equal(t, []string{}, orEmpty(query(domain.ByOwner, "carol")), "a delete leaves every index")
	assert.Equal(t, []string{"peer"}, query(domain.ByKind, ""))
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
