// Package store implements domain.Store on bbolt: one durable file, conditional atomic writes,
// and secondary index buckets maintained in the same transaction as the item, so every query
// is a prefix seek and never a scan of the whole store.
package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/adapters/local/groupcommit"
	"github.com/cloudfront-manager/cfm/domain"
)

var _ domain.Store = (*Store)(nil)

// Bucket names. Items live in bucketItems under itemKey; each index bucket holds one empty
// value per indexed item under indexPrefix(kind, key) + indexSuffix(sortKey, id).
var (
	bucketItems    = []byte("items")
	bucketByKind   = []byte("by_kind")
	bucketByParent = []byte("by_parent")
	bucketByStatus = []byte("by_status")
	bucketByOwner  = []byte("by_owner")
)

// Store is a domain.Store backed by a bbolt file.
type Store struct {
	db      *bolt.DB
	commits *groupcommit.Committer // every write goes through it (group commit)
	// divert maps a kind to what a put of it does instead of storing the item, inside the
	// write's transaction (see Divert).
	divert map[domain.Kind]func(*bolt.Tx, domain.Item) error
}

// Open opens (creating if needed) the database file at path, creating its directory too.
// A second Open of the same file waits at most a few seconds for the file lock, then fails.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketItems, bucketByKind, bucketByParent, bucketByStatus, bucketByOwner} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open store %s: create buckets: %w", path, err), db.Close())
	}
	return &Store{db: db, commits: groupcommit.New(db)}, nil
}

// OpenUnsynced opens the store without fsync on commit: for simulations on virtual time
// (benchmarks), where the disk is not what is measured. A crash may lose recent commits.
func OpenUnsynced(path string) (*Store, error) {
	s, err := Open(path)
	if err == nil {
		s.db.NoSync = true
	}
	return s, err
}

// DB and Committer give the store's file to another adapter that keeps its own buckets in it
// (the local queue, queue.OpenShared), so both commit together.
func (s *Store) DB() *bolt.DB { return s.db }

// Committer is the group committer every write to DB goes through.
func (s *Store) Committer() *groupcommit.Committer { return s.commits }

// Divert makes a put of kind run fn inside the write's transaction instead of storing the
// item: the local wiring turns an outbox record into the queued message itself when the queue
// shares this file, so the intent and its command are one durable commit and no relay pass is
// needed. fn's error fails the whole write. Call it before the first Write (not concurrently).
// Deletes and reads of kind still reach the stored items (those written before Divert).
func (s *Store) Divert(kind domain.Kind, fn func(tx *bolt.Tx, it domain.Item) error) {
	if s.divert == nil {
		s.divert = map[domain.Kind]func(*bolt.Tx, domain.Item) error{}
	}
	s.divert[kind] = fn
}

// Close releases the file. Operations after Close fail.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Get returns one item; a missing item is an error that Is domain.ErrNotFound.
func (s *Store) Get(ctx context.Context, kind domain.Kind, id string) (domain.Item, error) {
	if err := ctx.Err(); err != nil {
		return domain.Item{}, fmt.Errorf("get %s/%s: %w", kind, id, err)
	}
	var it domain.Item
	err := s.db.View(func(tx *bolt.Tx) error {
		var found bool
		var err error
		it, found, err = load(tx, kind, id)
		if err != nil {
			return err
		}
		if !found {
			return domain.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return domain.Item{}, fmt.Errorf("get %s/%s: %w", kind, id, err)
	}
	return it, nil
}

// load reads an item inside tx; found is false when it does not exist.
func load(tx *bolt.Tx, kind domain.Kind, id string) (domain.Item, bool, error) {
	raw := tx.Bucket(bucketItems).Get(itemKey(kind, id))
	if raw == nil {
		return domain.Item{}, false, nil
	}
	it, err := decodeItem(raw)
	if err != nil {
		return domain.Item{}, false, fmt.Errorf("decode %s/%s: %w", kind, id, err)
	}
	it.Kind, it.ID = kind, id
	return it, true, nil
}
