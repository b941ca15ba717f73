package store

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Page size limits (domain.Query.Limit): 0 means DefaultLimit, more than MaxLimit is capped.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Query reads one page of an index with a bbolt cursor seek on the index prefix; it visits
// only the keys it returns plus one look-ahead key that decides whether there is a next page.
func (s *Store) Query(ctx context.Context, q domain.Query) (domain.Page, error) {
	if err := ctx.Err(); err != nil {
		return domain.Page{}, fmt.Errorf("query %s by %s: %w", q.Kind, q.Index, err)
	}
	bucket, limit, after, err := plan(q)
	if err != nil {
		return domain.Page{}, err
	}
	key := q.Key
	if q.Index == domain.ByKind {
		key = ""
	}
	prefix := indexPrefix(q.Kind, key)
	var below []byte
	if q.Below != "" {
		below = appendOrdered(bytes.Clone(prefix), q.Below)
	}
	page := domain.Page{Items: []domain.Item{}}
	err = s.db.View(func(tx *bolt.Tx) error {
		r := newRange(tx.Bucket(bucket).Cursor(), prefix, after, below, q.Descending)
		for k := r.first(); k != nil; k = r.next() {
			if len(page.Items) == limit {
				page.Next = encodeCursor(page.Items[limit-1])
				return nil
			}
			_, id, ok := parseSuffix(k[len(prefix):])
			if !ok {
				return fmt.Errorf("%w: index key %x", errCorrupt, k)
			}
			it, found, err := load(tx, q.Kind, id)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("%w: index %s points at missing %s/%s", errCorrupt, bucket, q.Kind, id)
			}
			page.Items = append(page.Items, it)
		}
		return nil
	})
	if err != nil {
		return domain.Page{}, fmt.Errorf("query %s by %s %q: %w", q.Kind, q.Index, q.Key, err)
	}
	return page, nil
}

// plan validates q and returns the index bucket, the page size and the decoded cursor.
func plan(q domain.Query) (bucket []byte, limit int, after []byte, err error) {
	v := &domain.ValidationError{}
	if q.Kind == "" {
		v.Add("kind", "required")
	}
	switch q.Index {
	case domain.ByKind:
		bucket = bucketByKind
	case domain.ByParent:
		bucket = bucketByParent
	case domain.ByStatus:
		bucket = bucketByStatus
	case domain.ByOwner:
		bucket = bucketByOwner
	default:
		v.Add("index", "unknown index %q", q.Index)
	}
	if q.Index != domain.ByKind && q.Key == "" {
		v.Add("key", "required for index %q", q.Index)
	}
	switch {
	case q.Limit < 0:
		v.Add("limit", "must not be negative, got %d", q.Limit)
	case q.Limit == 0:
		limit = DefaultLimit
	default:
		limit = min(q.Limit, MaxLimit)
	}
	if q.Cursor != "" {
		var ok bool
		if after, ok = decodeCursor(q.Cursor); !ok {
			v.Add("cursor", "not a cursor from a previous page")
		}
	}
	return bucket, limit, after, v.OrNil()
}
