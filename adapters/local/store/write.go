package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// maxWrites matches DynamoDB TransactWriteItems, so code that works locally works on AWS.
const maxWrites = 100

// Write applies every change in one bbolt transaction. Each change is conditional on the
// stored Version (see domain.Item); the first failed condition rolls the whole write back
// and returns an error that Is domain.ErrConflict naming the item.
func (s *Store) Write(ctx context.Context, writes ...domain.Write) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := validateWrites(writes); err != nil {
		return err
	}
	if len(writes) == 0 {
		return nil
	}
	// Concurrent writes share one commit (one fsync for the lot); see groupcommit. The function
	// may run more than once; it only touches tx, so that is safe.
	return s.commits.Do(func(tx *bolt.Tx) error {
		for _, w := range writes {
			var err error
			switch {
			case w.Put != nil && s.divert[w.Put.Kind] != nil:
				err = s.divert[w.Put.Kind](tx, *w.Put)
			case w.Put != nil:
				err = put(tx, *w.Put)
			default:
				err = remove(tx, *w.Delete)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func validateWrites(writes []domain.Write) error {
	v := &domain.ValidationError{}
	if len(writes) > maxWrites {
		v.Add("writes", "at most %d changes per write, got %d", maxWrites, len(writes))
	}
	seen := make(map[string]bool, len(writes))
	for i, w := range writes {
		var kind domain.Kind
		var id string
		switch {
		case (w.Put == nil) == (w.Delete == nil):
			v.Add(fmt.Sprintf("writes[%d]", i), "exactly one of Put and Delete must be set")
			continue
		case w.Put != nil:
			kind, id = w.Put.Kind, w.Put.ID
			if w.Put.Version < 1 {
				v.Add(fmt.Sprintf("writes[%d].version", i), "a put needs version >= 1, got %d", w.Put.Version)
			}
		default:
			kind, id = w.Delete.Kind, w.Delete.ID
			if w.Delete.Version < 0 {
				v.Add(fmt.Sprintf("writes[%d].version", i), "a delete needs version >= 0, got %d", w.Delete.Version)
			}
		}
		if kind == "" || id == "" {
			v.Add(fmt.Sprintf("writes[%d]", i), "kind and id are required")
		}
		key := string(itemKey(kind, id))
		if seen[key] {
			v.Add(fmt.Sprintf("writes[%d]", i), "%s/%s changed twice in one write", kind, id)
		}
		seen[key] = true
	}
	return v.OrNil()
}

func put(tx *bolt.Tx, it domain.Item) error {
	old, found, err := load(tx, it.Kind, it.ID)
	if err != nil {
		return fmt.Errorf("put %s/%s: %w", it.Kind, it.ID, err)
	}
	switch {
	case it.Version == 1 && found:
		return fmt.Errorf("put %s/%s version 1: already exists at version %d: %w", it.Kind, it.ID, old.Version, domain.ErrConflict)
	case it.Version > 1 && !found:
		return fmt.Errorf("put %s/%s version %d: not stored: %w", it.Kind, it.ID, it.Version, domain.ErrConflict)
	case it.Version > 1 && old.Version != it.Version-1:
		return fmt.Errorf("put %s/%s version %d: stored version is %d: %w", it.Kind, it.ID, it.Version, old.Version, domain.ErrConflict)
	}
	if found {
		if err := unindex(tx, old); err != nil {
			return fmt.Errorf("put %s/%s: %w", it.Kind, it.ID, err)
		}
	}
	if err := tx.Bucket(bucketItems).Put(itemKey(it.Kind, it.ID), encodeItem(it)); err != nil {
		return fmt.Errorf("put %s/%s: %w", it.Kind, it.ID, err)
	}
	for _, e := range indexEntries(it) {
		if err := tx.Bucket(e.bucket).Put(e.key, nil); err != nil {
			return fmt.Errorf("put %s/%s: index %s: %w", it.Kind, it.ID, e.bucket, err)
		}
	}
	return nil
}

func remove(tx *bolt.Tx, d domain.DeleteKey) error {
	old, found, err := load(tx, d.Kind, d.ID)
	if err != nil {
		return fmt.Errorf("delete %s/%s: %w", d.Kind, d.ID, err)
	}
	switch {
	case !found && d.Version == 0:
		return nil
	case !found:
		return fmt.Errorf("delete %s/%s version %d: not stored: %w", d.Kind, d.ID, d.Version, domain.ErrConflict)
	case d.Version > 0 && old.Version != d.Version:
		return fmt.Errorf("delete %s/%s version %d: stored version is %d: %w", d.Kind, d.ID, d.Version, old.Version, domain.ErrConflict)
	}
	if err := unindex(tx, old); err != nil {
		return fmt.Errorf("delete %s/%s: %w", d.Kind, d.ID, err)
	}
	if err := tx.Bucket(bucketItems).Delete(itemKey(d.Kind, d.ID)); err != nil {
		return fmt.Errorf("delete %s/%s: %w", d.Kind, d.ID, err)
	}
	return nil
}

type indexEntry struct {
	bucket []byte
	key    []byte
}

// indexEntries lists the index keys an item must have: always ByKind; ByParent, ByStatus and
// ByOwner only when the item has a Parent, Status or Owner (sparse, like a DynamoDB GSI).
func indexEntries(it domain.Item) []indexEntry {
	suffix := indexSuffix(it.SortKey, it.ID)
	entries := []indexEntry{{bucketByKind, append(indexPrefix(it.Kind, ""), suffix...)}}
	if it.Parent != "" {
		entries = append(entries, indexEntry{bucketByParent, append(indexPrefix(it.Kind, it.Parent), suffix...)})
	}
	if it.Status != "" {
		entries = append(entries, indexEntry{bucketByStatus, append(indexPrefix(it.Kind, it.Status), suffix...)})
	}
	if it.Owner != "" {
		entries = append(entries, indexEntry{bucketByOwner, append(indexPrefix(it.Kind, it.Owner), suffix...)})
	}
	return entries
}

func unindex(tx *bolt.Tx, old domain.Item) error {
	for _, e := range indexEntries(old) {
		if err := tx.Bucket(e.bucket).Delete(e.key); err != nil {
			return fmt.Errorf("unindex %s: %w", e.bucket, err)
		}
	}
	return nil
}
