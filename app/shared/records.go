package shared

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// SortTime formats t so that sort keys order chronologically as strings.
func SortTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// Load reads and decodes one record.
func Load[T any](ctx context.Context, s domain.Store, kind domain.Kind, id string) (T, error) {
	var v T
	it, err := s.Get(ctx, kind, id)
	if err != nil {
		return v, fmt.Errorf("get %s %s: %w", kind, id, err)
	}
	if err := json.Unmarshal(it.Body, &v); err != nil {
		return v, fmt.Errorf("decode %s %s: %w", kind, id, err)
	}
	return v, nil
}

// List decodes one page of a query.
func List[T any](ctx context.Context, s domain.Store, q domain.Query) ([]T, string, error) {
	page, err := s.Query(ctx, q)
	if err != nil {
		return nil, "", fmt.Errorf("query %s by %s: %w", q.Kind, q.Index, err)
	}
	out := make([]T, 0, len(page.Items))
	for _, it := range page.Items {
		var v T
		if err := json.Unmarshal(it.Body, &v); err != nil {
			return nil, "", fmt.Errorf("decode %s %s: %w", it.Kind, it.ID, err)
		}
		out = append(out, v)
	}
	return out, page.Next, nil
}

func Put(kind domain.Kind, id string, version int64, parent, status, sortKey string, v any) domain.Write {
	body, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %s %s: %v", kind, id, err)) // entities are plain data
	}
	return domain.Write{Put: &domain.Item{Kind: kind, ID: id, Version: version, Parent: parent,
		Status: status, SortKey: sortKey, Body: body}}
}

// PutDistribution bumps d.Version and returns the conditional write for it.
func PutDistribution(d *domain.Distribution) domain.Write {
	d.Version++
	return Put(domain.KindDistribution, d.ID, d.Version, "", string(d.Status), SortTime(d.CreatedAt)+"#"+d.ID, d)
}

// PutOperation bumps o.Version; operations are indexed by status (sweeper), resource and actor.
func PutOperation(o *domain.Operation) domain.Write {
	o.Version++
	w := Put(domain.KindOperation, o.ID, o.Version, o.ResourceID, string(o.Status), SortTime(o.UpdatedAt)+"#"+o.ID, o)
	w.Put.Owner = o.Actor
	return w
}

// PutOrigin bumps o.Version; origins are found by bucket name through the parent index.
func PutOrigin(o *domain.ManagedOrigin) domain.Write {
	o.Version++
	return Put(domain.KindOrigin, o.ID, o.Version, o.BucketName, string(o.Status), SortTime(o.CreatedAt)+"#"+o.ID, o)
}

// PutTemplate bumps t.Version.
func PutTemplate(t *domain.Template) domain.Write {
	t.Version++
	return Put(domain.KindTemplate, t.ID, t.Version, "", t.Category, SortTime(t.CreatedAt)+"#"+t.ID, t)
}

// PutEdgeFunction bumps f.Version.
func PutEdgeFunction(f *domain.EdgeFunction) domain.Write {
	f.Version++
	return Put(domain.KindEdgeFunction, f.ID, f.Version, "", string(f.Status), SortTime(f.CreatedAt)+"#"+f.ID, f)
}

// PutHistory writes a new history entry under its resource.
func PutHistory(h domain.HistoryEntry) domain.Write {
	if h.ID == "" {
		// Time first (as hex nanoseconds), so new entries land at the end of the store's pages
		// like the outbox does, then randomness.
		h.ID = fmt.Sprintf("h-%016x%s", uint64(h.At.UnixNano()), domain.NewID("")[:8])
	}
	return Put(domain.KindHistory, h.ID, 1, h.ResourceID, "", SortTime(h.At)+"#"+h.ID, h)
}

func DeleteKey(kind domain.Kind, id string, version int64) domain.Write {
	return domain.Write{Delete: &domain.DeleteKey{Kind: kind, ID: id, Version: version}}
}

func MustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode operation input: %v", err)) // plain data
	}
	return b
}
