// Package app holds the use cases: intake (API side), executors (worker side), the watch logic
// and the sweeper. It depends on domain ports only.
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// sortTime formats t so that sort keys order chronologically as strings.
func sortTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// load reads and decodes one record.
func load[T any](ctx context.Context, s domain.Store, kind domain.Kind, id string) (T, error) {
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

// list decodes one page of a query.
func list[T any](ctx context.Context, s domain.Store, q domain.Query) ([]T, string, error) {
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

func put(kind domain.Kind, id string, version int64, parent, status, sortKey string, v any) domain.Write {
	body, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %s %s: %v", kind, id, err)) // entities are plain data
	}
	return domain.Write{Put: &domain.Item{Kind: kind, ID: id, Version: version, Parent: parent,
		Status: status, SortKey: sortKey, Body: body}}
}

// putDistribution bumps d.Version and returns the conditional write for it.
func putDistribution(d *domain.Distribution) domain.Write {
	d.Version++
	return put(domain.KindDistribution, d.ID, d.Version, "", string(d.Status), sortTime(d.CreatedAt)+"#"+d.ID, d)
}

// putOperation bumps o.Version; operations are indexed by status (sweeper), resource and actor.
func putOperation(o *domain.Operation) domain.Write {
	o.Version++
	w := put(domain.KindOperation, o.ID, o.Version, o.ResourceID, string(o.Status), sortTime(o.UpdatedAt)+"#"+o.ID, o)
	w.Put.Owner = o.Actor
	return w
}

// putOrigin bumps o.Version; origins are found by bucket name through the parent index.
func putOrigin(o *domain.ManagedOrigin) domain.Write {
	o.Version++
	return put(domain.KindOrigin, o.ID, o.Version, o.BucketName, string(o.Status), sortTime(o.CreatedAt)+"#"+o.ID, o)
}

// putTemplate bumps t.Version.
func putTemplate(t *domain.Template) domain.Write {
	t.Version++
	return put(domain.KindTemplate, t.ID, t.Version, "", t.Category, sortTime(t.CreatedAt)+"#"+t.ID, t)
}

// putEdgeFunction bumps f.Version.
func putEdgeFunction(f *domain.EdgeFunction) domain.Write {
	f.Version++
	return put(domain.KindEdgeFunction, f.ID, f.Version, "", string(f.Status), sortTime(f.CreatedAt)+"#"+f.ID, f)
}

// putHistory writes a new history entry under its resource.
func putHistory(h domain.HistoryEntry) domain.Write {
	if h.ID == "" {
		h.ID = domain.NewID("h-")
	}
	return put(domain.KindHistory, h.ID, 1, h.ResourceID, "", sortTime(h.At)+"#"+h.ID, h)
}

func deleteKey(kind domain.Kind, id string, version int64) domain.Write {
	return domain.Write{Delete: &domain.DeleteKey{Kind: kind, ID: id, Version: version}}
}
