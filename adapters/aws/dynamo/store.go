// Package dynamo implements domain.Store on one DynamoDB table, laid out as
// docs/aws-resources.md says: partition key pk = "<kind>#<id>", GSIs byKind, byParent,
// byStatus and byOwner sorted by sk, optimistic concurrency on version, optional TTL on expiresAt.
//
// Every Write is one TransactWriteItems call, also for a single item: the SDK gives each call
// a ClientRequestToken, so a retry after a lost response is idempotent instead of failing its
// own version condition (a plain conditional PutItem would report a false conflict).
package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// dynamoAPI is the part of the DynamoDB client the store calls.
type dynamoAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, optFns ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, optFns ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store is domain.Store on one DynamoDB table.
type Store struct {
	api   dynamoAPI
	table string
	ttl   map[domain.Kind]time.Duration
	now   func() time.Time
}

var _ domain.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// ExpireAfter gives every item of kind written from now on an expiresAt of write time + d
// (DynamoDB TTL deletes it some time later; Get, Query and Write treat it as gone at once).
// domain.Item carries no expiry of its own, so the policy is per kind (idempotency records).
func ExpireAfter(kind domain.Kind, d time.Duration) Option {
	return func(s *Store) { s.ttl[kind] = d }
}

// WithClock replaces time.Now (tests of expiry).
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// New returns a Store on table; api is usually awsconfig.NewDynamoDB(cfg).
func New(api dynamoAPI, table string, opts ...Option) *Store {
	s := &Store{api: api, table: table, ttl: map[domain.Kind]time.Duration{}, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Get reads one item with a strongly consistent read; a missing or expired item is ErrNotFound.
func (s *Store) Get(ctx context.Context, kind domain.Kind, id string) (domain.Item, error) {
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(s.table),
		Key:            map[string]types.AttributeValue{attrPK: str(pk(kind, id))},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return domain.Item{}, classify(fmt.Sprintf("get %s/%s", kind, id), err)
	}
	if len(out.Item) == 0 || s.expired(out.Item) {
		return domain.Item{}, fmt.Errorf("get %s/%s: %w", kind, id, domain.ErrNotFound)
	}
	item, err := decodeItem(out.Item)
	if err != nil {
		return domain.Item{}, fmt.Errorf("get %s/%s: %w", kind, id, err)
	}
	return item, nil
}
