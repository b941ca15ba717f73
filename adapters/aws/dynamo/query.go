package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// Page sizes: DefaultLimit for a Query without a Limit, MaxLimit caps a larger one.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Index names (docs/aws-resources.md).
const (
	IndexByKind   = "byKind"
	IndexByParent = "byParent"
	IndexByStatus = "byStatus"
	IndexByOwner  = "byOwner"
)

// index is how one domain.Index is read: the GSI, its partition key attribute and value, and
// whether items of other kinds share the partition (byParent) and must be filtered out.
type index struct {
	name, hashAttr, hashValue string
	filterKind                bool
}

func indexFor(q domain.Query) (index, error) {
	if q.Kind == "" {
		return index{}, domain.Invalid("kind", "is required")
	}
	switch q.Index {
	case domain.ByKind:
		return index{name: IndexByKind, hashAttr: attrKind, hashValue: string(q.Kind)}, nil
	case domain.ByParent:
		if q.Key == "" {
			return index{}, domain.Invalid("key", "the parent is required")
		}
		return index{name: IndexByParent, hashAttr: attrParent, hashValue: q.Key, filterKind: true}, nil
	case domain.ByStatus:
		if q.Key == "" {
			return index{}, domain.Invalid("key", "the status is required")
		}
		return index{name: IndexByStatus, hashAttr: attrKindStatus, hashValue: kindStatus(q.Kind, q.Key)}, nil
	case domain.ByOwner:
		if q.Key == "" {
			return index{}, domain.Invalid("key", "the owner is required")
		}
		return index{name: IndexByOwner, hashAttr: attrKindOwner, hashValue: kindStatus(q.Kind, q.Key)}, nil
	default:
		return index{}, domain.Invalid("index", "unknown index %q", q.Index)
	}
}

// Query reads one page of a GSI in sk order. It asks DynamoDB for one item more than the page
// holds, so Next is "" exactly when nothing follows; the cursor is the key of the last item
// returned, which also makes pages whose items a filter dropped seamless.
func (s *Store) Query(ctx context.Context, q domain.Query) (domain.Page, error) {
	ix, err := indexFor(q)
	if err != nil {
		return domain.Page{}, err
	}
	limit := q.Limit
	switch {
	case limit < 0:
		return domain.Page{}, domain.Invalid("limit", "must not be negative, is %d", limit)
	case limit == 0:
		limit = DefaultLimit
	case limit > MaxLimit:
		limit = MaxLimit
	}
	start, err := decodeCursor(q.Cursor, ix)
	if err != nil {
		return domain.Page{}, err
	}
	in := s.queryInput(q, ix)
	op := fmt.Sprintf("query %s %s %q", q.Kind, ix.name, q.Key)
	var items []domain.Item
	for {
		in.ExclusiveStartKey = start
		in.Limit = aws.Int32(int32(limit - len(items) + 1))
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return domain.Page{}, classify(op, err)
		}
		for _, av := range out.Items {
			it, err := decodeItem(av)
			if err != nil {
				return domain.Page{}, fmt.Errorf("%s: %w", op, err)
			}
			items = append(items, it)
		}
		if len(items) > limit {
			items = items[:limit]
			next, err := encodeCursor(ix, items[limit-1])
			if err != nil {
				return domain.Page{}, fmt.Errorf("%s: %w", op, err)
			}
			return domain.Page{Items: items, Next: next}, nil
		}
		if len(out.LastEvaluatedKey) == 0 {
			return domain.Page{Items: items}, nil
		}
		start = out.LastEvaluatedKey
	}
}

// queryInput is everything of the Query call but its paging.
func (s *Store) queryInput(q domain.Query, ix index) *dynamodb.QueryInput {
	names := map[string]string{"#h": ix.hashAttr, "#exp": attrExpiresAt}
	values := map[string]types.AttributeValue{":h": str(ix.hashValue), ":now": s.nowValue()}
	keyCond := "#h = :h"
	if q.Below != "" {
		keyCond += " AND #sk < :below"
		names["#sk"] = attrSK
		values[":below"] = str(skBelow(q.Below))
	}
	filter := condLive
	if ix.filterKind {
		filter += " AND #kind = :kind"
		names["#kind"] = attrKind
		values[":kind"] = str(string(q.Kind))
	}
	return &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		IndexName:                 aws.String(ix.name),
		KeyConditionExpression:    aws.String(keyCond),
		FilterExpression:          aws.String(filter),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
		ScanIndexForward:          aws.Bool(!q.Descending),
	}
}
