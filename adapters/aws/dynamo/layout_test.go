package dynamo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/domain"
)

// TestStoredLayout pins the attribute layout docs/aws-resources.md promises the CDK stack
// and anyone reading the table in the console.
func TestStoredLayout(t *testing.T) {
	client, table := newTable(t)
	now := time.Unix(1_800_000_000, 0)
	store := dynamo.New(client, table, dynamo.ExpireAfter(domain.KindIdempotency, time.Hour),
		dynamo.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	require.NoError(t, store.Write(ctx,
		domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "op-1", Version: 1, Parent: "d-1",
			Status: "Accepted", Owner: "alice", SortKey: "2026-01-01T00:00:00Z#op-1", Body: []byte(`{"a":1}`)}},
		domain.Write{Put: &domain.Item{Kind: domain.KindIdempotency, ID: "key", Version: 1}},
	))

	raw := func(pk string) map[string]types.AttributeValue {
		out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}}})
		require.NoError(t, err)
		require.NotEmpty(t, out.Item, pk)
		return out.Item
	}
	assert.Equal(t, map[string]types.AttributeValue{
		"pk":         &types.AttributeValueMemberS{Value: "operation#op-1"},
		"kind":       &types.AttributeValueMemberS{Value: "operation"},
		"id":         &types.AttributeValueMemberS{Value: "op-1"},
		"version":    &types.AttributeValueMemberN{Value: "1"},
		"sk":         &types.AttributeValueMemberS{Value: "2026-01-01T00:00:00Z#op-1\x00op-1"},
		"body":       &types.AttributeValueMemberB{Value: []byte(`{"a":1}`)},
		"parent":     &types.AttributeValueMemberS{Value: "d-1"},
		"kindStatus": &types.AttributeValueMemberS{Value: "operation#Accepted"},
		"kindOwner":  &types.AttributeValueMemberS{Value: "operation#alice"},
	}, raw("operation#op-1"))
	assert.Equal(t, &types.AttributeValueMemberN{Value: "1800003600"}, raw("idempotency#key")["expiresAt"],
		"expiresAt is the TTL in epoch seconds")
}

func TestCreateTable(t *testing.T) {
	client, table := newTable(t)
	ctx := context.Background()
	require.NoError(t, dynamo.CreateTable(ctx, client, table), "an existing table is accepted")

	out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	require.NoError(t, err)
	assert.Equal(t, []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}}, out.Table.KeySchema)
	indexes := map[string][2]string{}
	for _, g := range out.Table.GlobalSecondaryIndexes {
		require.Len(t, g.KeySchema, 2)
		assert.Equal(t, types.ProjectionTypeAll, g.Projection.ProjectionType, *g.IndexName)
		indexes[*g.IndexName] = [2]string{*g.KeySchema[0].AttributeName, *g.KeySchema[1].AttributeName}
	}
	assert.Equal(t, map[string][2]string{
		"byKind": {"kind", "sk"}, "byParent": {"parent", "sk"}, "byStatus": {"kindStatus", "sk"},
		"byOwner": {"kindOwner", "sk"},
	}, indexes)
	ttl, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
	require.NoError(t, err)
	assert.Equal(t, "expiresAt", aws.ToString(ttl.TimeToLiveDescription.AttributeName))
	assert.Equal(t, types.TimeToLiveStatusEnabled, ttl.TimeToLiveDescription.TimeToLiveStatus)
}

// TestExpiry: an item past its expiresAt is gone for the store before DynamoDB's TTL
// sweeper (which lags by up to days) deletes it.
func TestExpiry(t *testing.T) {
	client, table := newTable(t)
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	store := dynamo.New(client, table, dynamo.ExpireAfter(domain.KindIdempotency, time.Minute), dynamo.WithClock(clock))
	ctx := context.Background()
	item := domain.Item{Kind: domain.KindIdempotency, ID: "k", Version: 1, SortKey: "1", Body: []byte("first")}
	require.NoError(t, store.Write(ctx, domain.Write{Put: &item}))
	_, err := store.Get(ctx, domain.KindIdempotency, "k")
	require.NoError(t, err, "live before expiry")

	now = now.Add(2 * time.Minute)
	_, err = store.Get(ctx, domain.KindIdempotency, "k")
	require.ErrorIs(t, err, domain.ErrNotFound)
	page, err := store.Query(ctx, domain.Query{Kind: domain.KindIdempotency, Index: domain.ByKind})
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	err = store.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindIdempotency, ID: "k", Version: 2}})
	require.ErrorIs(t, err, domain.ErrConflict, "an expired item cannot be updated")
	err = store.Write(ctx, domain.Write{Delete: &domain.DeleteKey{Kind: domain.KindIdempotency, ID: "k", Version: 1}})
	require.ErrorIs(t, err, domain.ErrConflict, "nor deleted by version")

	item.Body = []byte("second")
	require.NoError(t, store.Write(ctx, domain.Write{Put: &item}), "version 1 replaces an expired item")
	got, err := store.Get(ctx, domain.KindIdempotency, "k")
	require.NoError(t, err)
	assert.Equal(t, "second", string(got.Body))

	// Kinds without a TTL never expire.
	require.NoError(t, store.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "o", Version: 1}}))
	now = now.Add(24 * 365 * time.Hour)
	_, err = store.Get(ctx, domain.KindOperation, "o")
	require.NoError(t, err)
}

func TestConflictNamesStoredVersion(t *testing.T) {
	client, table := newTable(t)
	store := dynamo.New(client, table)
	ctx := context.Background()
	put := func(v int64) domain.Write {
		return domain.Write{Put: &domain.Item{Kind: domain.KindDistribution, ID: "d", Version: v}}
	}
	require.NoError(t, store.Write(ctx, put(1)))
	require.NoError(t, store.Write(ctx, put(2)))
	err := store.Write(ctx, put(2))
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "put distribution/d version 2 (stored version 2)")
	err = store.Write(ctx, domain.Write{Delete: &domain.DeleteKey{Kind: domain.KindDistribution, ID: "gone", Version: 1}})
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "delete distribution/gone version 1 (no live item)")
}

func TestCursorOfAnotherQuery(t *testing.T) {
	client, table := newTable(t)
	store := dynamo.New(client, table)
	ctx := context.Background()
	for _, id := range []string{"a", "b", "c"} {
		require.NoError(t, store.Write(ctx, domain.Write{Put: &domain.Item{Kind: domain.KindHistory, ID: id,
			Version: 1, Parent: "d-1", Status: "x", SortKey: id}}))
	}
	page, err := store.Query(ctx, domain.Query{Kind: domain.KindHistory, Index: domain.ByParent, Key: "d-1", Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, page.Next)
	for name, q := range map[string]domain.Query{
		"other index":  {Kind: domain.KindHistory, Index: domain.ByStatus, Key: "x"},
		"other parent": {Kind: domain.KindHistory, Index: domain.ByParent, Key: "d-2"},
		"other kind":   {Kind: domain.KindOperation, Index: domain.ByKind},
	} {
		q.Cursor = page.Next
		_, err := store.Query(ctx, q)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: %v", name, err)
		assert.Equal(t, "cursor", v.Fields[0].Field, name)
	}
}

// TestMissingTable: a table that does not exist is a configuration error, never ErrNotFound
// (which callers read as "the item is already gone").
func TestMissingTable(t *testing.T) {
	client, _ := newTable(t)
	store := dynamo.New(client, "no-such-table")
	_, err := store.Get(context.Background(), domain.KindDistribution, "d")
	require.Error(t, err)
	assert.NotErrorIs(t, err, domain.ErrNotFound)
	assert.Contains(t, err.Error(), "ResourceNotFoundException")
}
