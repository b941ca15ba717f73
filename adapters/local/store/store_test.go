package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/storetest"
	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/domain"
)

func open(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "data", "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) domain.Store { return open(t) })
}

// TestContractSharedStore runs the suite again on one store for every case, as the DynamoDB
// adapter will (one table): cases must not see each other's items.
func TestContractSharedStore(t *testing.T) {
	shared := open(t)
	storetest.Run(t, func(*testing.T) domain.Store { return shared })
}

func TestReopenKeepsItemsAndIndexes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := store.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Write(ctx,
		domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "op1", Version: 1, Status: "Accepted", SortKey: "1", Body: []byte("b")}},
		domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "op2", Version: 1, Status: "Running", SortKey: "2"}},
	))
	require.NoError(t, s.Close())

	s, err = store.Open(path)
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()
	got, err := s.Get(ctx, domain.KindOperation, "op1")
	require.NoError(t, err)
	assert.Equal(t, "b", string(got.Body))
	page, err := s.Query(ctx, domain.Query{Kind: domain.KindOperation, Index: domain.ByStatus, Key: "Running"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "op2", page.Items[0].ID)
}

func TestCanceledContext(t *testing.T) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Get(ctx, domain.KindOperation, "x")
	require.ErrorIs(t, err, context.Canceled)
	err = s.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "x", Version: 1}})
	require.ErrorIs(t, err, context.Canceled)
	_, err = s.Query(ctx, domain.Query{Kind: domain.KindOperation, Index: domain.ByKind})
	require.ErrorIs(t, err, context.Canceled)
}
