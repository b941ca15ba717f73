package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func testPaging(t *testing.T, s domain.Store) {
	kind := freshKind(t)
	all := seed(t, s, kind, 23, func(i int, it *domain.Item) {
		it.SortKey = fmt.Sprintf("s%02d", i/2) // pairs share a SortKey: the cursor must hold the id too
		it.Parent = "p"
	})
	for _, limit := range []int{1, 2, 3, 5, 23, 24} {
		for _, index := range []domain.Index{domain.ByKind, domain.ByParent} {
			got, pages := queryAll(t, s, domain.Query{Kind: kind, Index: index, Key: "p", Limit: limit})
			assert.Equal(t, all, got, "limit %d %s", limit, index)
			assert.LessOrEqual(t, pages, (23+limit-1)/limit+1, "limit %d", limit)
			got, _ = queryAll(t, s, domain.Query{Kind: kind, Index: index, Key: "p", Limit: limit, Descending: true})
			assert.Equal(t, reversed(all), got, "limit %d %s descending", limit, index)
		}
	}

	// A cursor stays valid while items around it change.
	ctx := context.Background()
	page, err := s.Query(ctx, domain.Query{Kind: kind, Index: domain.ByKind, Limit: 4})
	require.NoError(t, err)
	require.NoError(t, s.Write(ctx, del(kind, "i0003", 0), del(kind, "i0004", 0)))
	page, err = s.Query(ctx, domain.Query{Kind: kind, Index: domain.ByKind, Limit: 2, Cursor: page.Next})
	require.NoError(t, err)
	assert.Equal(t, []string{"i0005", "i0006"}, ids(page.Items))
}

func testDefaultLimit(t *testing.T, s domain.Store) {
	kind := freshKind(t)
	all := seed(t, s, kind, 60, nil)
	page, err := s.Query(context.Background(), domain.Query{Kind: kind, Index: domain.ByKind})
	require.NoError(t, err)
	assert.Equal(t, all[:50], ids(page.Items))
	require.NotEmpty(t, page.Next)
	page, err = s.Query(context.Background(), domain.Query{Kind: kind, Index: domain.ByKind, Cursor: page.Next})
	require.NoError(t, err)
	assert.Equal(t, all[50:], ids(page.Items))
	assert.Empty(t, page.Next)
}

func testMaxLimit(t *testing.T, s domain.Store) {
	kind := freshKind(t)
	all := seed(t, s, kind, 1003, nil)
	page, err := s.Query(context.Background(), domain.Query{Kind: kind, Index: domain.ByKind, Limit: 5000})
	require.NoError(t, err)
	assert.Equal(t, all[:1000], ids(page.Items), "a limit above 1000 is capped at 1000")
	require.NotEmpty(t, page.Next)
}

func testBelow(t *testing.T, s domain.Store) {
	kind := freshKind(t)
	all := seed(t, s, kind, 10, func(_ int, it *domain.Item) { it.Status = "Accepted" })
	tests := []struct {
		name  string
		q     domain.Query
		want  []string
		pages int
	}{
		{"below", domain.Query{Index: domain.ByStatus, Key: "Accepted", Below: "s0004"}, all[:4], 1},
		{"below is exclusive of equal sort keys", domain.Query{Index: domain.ByKind, Below: "s0000"}, nil, 1},
		{"below between keys", domain.Query{Index: domain.ByKind, Below: "s0002x"}, all[:3], 1},
		{"below above everything", domain.Query{Index: domain.ByKind, Below: "t"}, all, 1},
		{"below paged", domain.Query{Index: domain.ByStatus, Key: "Accepted", Below: "s0007", Limit: 3}, all[:7], 3},
		{"below descending", domain.Query{Index: domain.ByKind, Below: "s0004", Descending: true}, reversed(all[:4]), 1},
		{"below descending paged", domain.Query{Index: domain.ByKind, Below: "s0005", Descending: true, Limit: 2}, reversed(all[:5]), 3},
	}
	for _, tt := range tests {
		tt.q.Kind = kind
		got, pages := queryAll(t, s, tt.q)
		assert.Equal(t, tt.want, got, tt.name)
		assert.LessOrEqual(t, pages, tt.pages+1, tt.name)
	}
}

func testInvalidQuery(t *testing.T, s domain.Store) {
	kind := freshKind(t)
	seed(t, s, kind, 3, nil)
	tests := []struct {
		name  string
		q     domain.Query
		field string
	}{
		{"garbage cursor", domain.Query{Index: domain.ByKind, Cursor: "!!not a cursor!!"}, "cursor"},
		{"base64 of junk", domain.Query{Index: domain.ByKind, Cursor: "AAAA"}, "cursor"},
		{"unknown index", domain.Query{Index: "byColour"}, "index"},
		{"parent without key", domain.Query{Index: domain.ByParent}, "key"},
		{"status without key", domain.Query{Index: domain.ByStatus}, "key"},
		{"owner without key", domain.Query{Index: domain.ByOwner}, "key"},
		{"negative limit", domain.Query{Index: domain.ByKind, Limit: -1}, "limit"},
	}
	for _, tt := range tests {
		tt.q.Kind = kind
		_, err := s.Query(context.Background(), tt.q)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: got %v", tt.name, err)
		require.NotEmpty(t, v.Fields, tt.name)
		assert.Equal(t, tt.field, v.Fields[0].Field, tt.name)
	}
}
