package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func testGetPut(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	want := domain.Item{Kind: kind, ID: "a", Version: 1, Parent: "p", Status: "Running", Owner: "alice",
		SortKey: "2024-01-01T00:00:00Z#a", Body: []byte(`{"x":1}`)}
	require.NoError(t, s.Write(ctx, put(want)))

	got, err := s.Get(ctx, kind, "a")
	require.NoError(t, err)
	assert.Equal(t, want.Kind, got.Kind)
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Version, got.Version)
	assert.Equal(t, want.Parent, got.Parent)
	assert.Equal(t, want.Status, got.Status)
	assert.Equal(t, want.Owner, got.Owner)
	assert.Equal(t, want.SortKey, got.SortKey)
	assert.Equal(t, string(want.Body), string(got.Body))

	_, err = s.Get(ctx, kind, "missing")
	require.ErrorIs(t, err, domain.ErrNotFound)
	_, err = s.Get(ctx, freshKind(t), "a")
	require.ErrorIs(t, err, domain.ErrNotFound, "same id under another kind is another item")

	// Empty writes are a no-op.
	require.NoError(t, s.Write(ctx))
}

func testConditions(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	item := func(id string, v int64, body string) domain.Item {
		return domain.Item{Kind: kind, ID: id, Version: v, SortKey: id, Body: []byte(body)}
	}
	// "a" is stored at version 2 before every row; rows run in order on the same store.
	require.NoError(t, s.Write(ctx, put(item("a", 1, "v1"))))
	require.NoError(t, s.Write(ctx, put(item("a", 2, "v2"))))
	tests := []struct {
		name     string
		write    domain.Write
		conflict bool
		wantBody string // body of "a" afterwards; "" = deleted
	}{
		{"create existing", put(item("a", 1, "x")), true, "v2"},
		{"skip a version", put(item("a", 4, "x")), true, "v2"},
		{"stale version", put(item("a", 2, "x")), true, "v2"},
		{"update missing", put(item("nope", 2, "x")), true, "v2"},
		{"delete wrong version", del(kind, "a", 1), true, "v2"},
		{"delete missing with version", del(kind, "nope", 3), true, "v2"},
		{"delete missing unconditionally", del(kind, "nope", 0), false, "v2"},
		{"next version", put(item("a", 3, "v3")), false, "v3"},
		{"delete right version", del(kind, "a", 3), false, ""},
		{"delete gone unconditionally", del(kind, "a", 0), false, ""},
		{"recreate after delete", put(item("a", 1, "again")), false, "again"},
		{"unconditional delete", del(kind, "a", 0), false, ""},
	}
	for _, tt := range tests {
		err := s.Write(ctx, tt.write)
		if tt.conflict {
			require.ErrorIs(t, err, domain.ErrConflict, tt.name)
		} else {
			require.NoError(t, err, tt.name)
		}
		got, err := s.Get(ctx, kind, "a")
		if tt.wantBody == "" {
			require.ErrorIs(t, err, domain.ErrNotFound, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.wantBody, string(got.Body), tt.name)
	}
}

func testAtomicRollback(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	existing := domain.Item{Kind: kind, ID: "old", Version: 1, Status: "Accepted", SortKey: "1", Body: []byte("old")}
	require.NoError(t, s.Write(ctx, put(existing)))

	// The last change fails: the new item, the update and the delete before it must not land.
	err := s.Write(ctx,
		put(domain.Item{Kind: kind, ID: "new", Version: 1, Status: "Accepted", SortKey: "2", Body: []byte("new")}),
		put(domain.Item{Kind: kind, ID: "old", Version: 2, Status: "Running", SortKey: "1", Body: []byte("changed")}),
		del(kind, "other", 0),
		put(domain.Item{Kind: kind, ID: "conflicting", Version: 5, SortKey: "3"}),
	)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "conflicting", "the error names the item whose condition failed")

	_, err = s.Get(ctx, kind, "new")
	require.ErrorIs(t, err, domain.ErrNotFound)
	got, err := s.Get(ctx, kind, "old")
	require.NoError(t, err)
	assert.Equal(t, int64(1), got.Version)
	assert.Equal(t, "old", string(got.Body))
	page, err := s.Query(ctx, domain.Query{Kind: kind, Index: domain.ByStatus, Key: "Accepted"})
	require.NoError(t, err)
	assert.Equal(t, []string{"old"}, ids(page.Items), "indexes roll back with the items")
	page, err = s.Query(ctx, domain.Query{Kind: kind, Index: domain.ByStatus, Key: "Running"})
	require.NoError(t, err)
	assert.Empty(t, page.Items)

	// The same changes without the failing one all land together.
	require.NoError(t, s.Write(ctx,
		put(domain.Item{Kind: kind, ID: "new", Version: 1, SortKey: "2"}),
		put(domain.Item{Kind: kind, ID: "old", Version: 2, SortKey: "1", Body: []byte("changed")}),
	))
	got, err = s.Get(ctx, kind, "old")
	require.NoError(t, err)
	assert.Equal(t, "changed", string(got.Body))
	_, err = s.Get(ctx, kind, "new")
	require.NoError(t, err)
}

func testInvalidWrites(t *testing.T, s domain.Store) {
	ctx := context.Background()
	kind := freshKind(t)
	tests := []struct {
		name   string
		writes []domain.Write
	}{
		{"neither put nor delete", []domain.Write{{}}},
		{"version 0 put", []domain.Write{put(domain.Item{Kind: kind, ID: "a"})}},
		{"missing id", []domain.Write{put(domain.Item{Kind: kind, Version: 1})}},
		{"same item twice", []domain.Write{
			put(domain.Item{Kind: kind, ID: "a", Version: 1}),
			del(kind, "a", 0),
		}},
	}
	for _, tt := range tests {
		err := s.Write(ctx, tt.writes...)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: got %v", tt.name, err)
		_, err = s.Get(ctx, kind, "a")
		require.ErrorIs(t, err, domain.ErrNotFound, tt.name)
	}
}

// testAnyBytes: kinds and ids that contain separators must not collide or break indexes.
func testAnyBytes(t *testing.T, s domain.Store) {
	ctx := context.Background()
	base := freshKind(t)
	items := []domain.Item{
		{Kind: base + "#x", ID: "y", Version: 1, Parent: "p#q", Status: "s", Owner: "o", SortKey: "1", Body: []byte("1")},
		{Kind: base, ID: "x#y", Version: 1, Parent: "p", Status: "q#s", Owner: "o#x", SortKey: "1", Body: []byte("2")},
		{Kind: base, ID: "x", Version: 1, Parent: "p#q", Status: "s", SortKey: "1#y", Body: []byte("3")},
		{Kind: base, ID: "a/b c\x00d\u00e9", Version: 1, Parent: "p\x00", SortKey: "1\x00", Body: []byte("4")},
	}
	for _, it := range items {
		require.NoError(t, s.Write(ctx, put(it)), "%q/%q", it.Kind, it.ID)
	}
	for _, it := range items {
		got, err := s.Get(ctx, it.Kind, it.ID)
		require.NoError(t, err)
		assert.Equal(t, string(it.Body), string(got.Body), "%q/%q", it.Kind, it.ID)
	}
	page, err := s.Query(ctx, domain.Query{Kind: base, Index: domain.ByKind})
	require.NoError(t, err)
	assert.Equal(t, []string{"x#y", "a/b c\x00d\u00e9", "x"}, ids(page.Items), "sorted by SortKey 1 < 1\\x00 < 1#y")
	page, err = s.Query(ctx, domain.Query{Kind: base, Index: domain.ByParent, Key: "p#q"})
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, ids(page.Items))
	page, err = s.Query(ctx, domain.Query{Kind: base, Index: domain.ByParent, Key: "p"})
	require.NoError(t, err)
	assert.Equal(t, []string{"x#y"}, ids(page.Items))
	page, err = s.Query(ctx, domain.Query{Kind: base, Index: domain.ByStatus, Key: "s"})
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, ids(page.Items))
	page, err = s.Query(ctx, domain.Query{Kind: base, Index: domain.ByOwner, Key: "o"})
	require.NoError(t, err)
	assert.Equal(t, []string{}, orEmpty(ids(page.Items)), "owner o of kind base#x is not kind base's")
	page, err = s.Query(ctx, domain.Query{Kind: base, Index: domain.ByOwner, Key: "o#x"})
	require.NoError(t, err)
	assert.Equal(t, []string{"x#y"}, ids(page.Items))
}
