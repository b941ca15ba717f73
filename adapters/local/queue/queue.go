// Package queue is a durable message queue on bbolt with the SQS semantics the product
// relies on: at-least-once delivery, visibility timeouts, FIFO message groups with
// deduplication, per-message delay on standard queues and a dead-letter queue after a
// bounded number of receives. Everything it knows is in one file, so messages survive a
// crash: one in flight when the process dies is delivered again after its visibility timeout.
package queue

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/adapters/local/groupcommit"
	"github.com/cloudfront-manager/cfm/domain"
)

var _ domain.BatchSender = (*Queue)(nil)

// DLQSuffix names a queue's dead-letter queue: "<name>-dlq". A dead-letter queue has no
// dead-letter queue of its own and is FIFO when its source is.
const DLQSuffix = "-dlq"

// SQS limits, enforced so code that works locally works on AWS.
const (
	MaxDelay       = 15 * time.Minute
	MaxVisibility  = 12 * time.Hour
	MaxBatch       = 10
	MaxBodyBytes   = 256 * 1024
	defaultReceive = 5
	defaultDedup   = 5 * time.Minute
)

// Options configure a Queue; the zero value is usable.
type Options struct {
	// FIFO reports whether a queue is FIFO. Nil: domain.QueueCommands and names ending in
	// ".fifo". A queue's dead-letter queue follows its source.
	FIFO func(queue string) bool
	// MaxReceives is how often a message is delivered before the next receive moves it to
	// the dead-letter queue instead (SQS maxReceiveCount). Default 5.
	MaxReceives int
	// DedupWindow is how long a FIFO DedupID drops repeats. Default 5 minutes, like SQS.
	DedupWindow time.Duration
	// Clock tells the time; default time.Now.
	Clock func() time.Time
	// DuplicateRate is a fault for chaos runs: this share (0..1) of sent messages is
	// delivered twice (a second copy, under its own dedup id, right behind the first), as
	// at-least-once delivery allows. Zero: off.
	DuplicateRate float64
}

// Queue is a set of named durable queues in one bbolt file. Safe for concurrent use.
type Queue struct {
	db      *bolt.DB
	opts    Options
	commits *groupcommit.Committer // sends go through it (group commit)
	ownsDB  bool                   // Close closes db (false: OpenShared, the db's owner closes it)
	// duplicated counts the copies Options.DuplicateRate added.
	duplicated, offered atomic.Int64

	mu      sync.Mutex
	signals map[string]chan struct{} // closed when something may have become visible
}

// DefaultFIFO is the FIFO rule used when Options.FIFO is nil.
func DefaultFIFO(name string) bool {
	return name == domain.QueueCommands || strings.HasSuffix(name, ".fifo")
}

// Open opens (creating if needed) the queue file at path, creating its directory too.
func Open(path string, opts Options) (*Queue, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open queue %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open queue %s: %w", path, err)
	}
	q, err := open(db, groupcommit.New(db), opts)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open queue %s: %w", path, err), db.Close())
	}
	q.ownsDB = true
	return q, nil
}

// OpenShared keeps the queues in db, a bbolt file that holds other data too (the local store:
// separate buckets), committing through that file's committer. Then SendTx can enqueue inside
// the owner's own transaction: a record and the command it needs in one durable commit. Close
// leaves db open; its owner closes it, after the Queue.
func OpenShared(db *bolt.DB, commits *groupcommit.Committer, opts Options) (*Queue, error) {
	q, err := open(db, commits, opts)
	if err != nil {
		return nil, fmt.Errorf("open queue in %s: %w", db.Path(), err)
	}
	return q, nil
}

func open(db *bolt.DB, commits *groupcommit.Committer, opts Options) (*Queue, error) {
	if opts.FIFO == nil {
		opts.FIFO = DefaultFIFO
	}
	if opts.MaxReceives <= 0 {
		opts.MaxReceives = defaultReceive
	}
	if opts.DedupWindow <= 0 {
		opts.DedupWindow = defaultDedup
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	err := commits.Do(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketQueues)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Queue{db: db, opts: opts, commits: commits, signals: map[string]chan struct{}{}}, nil
}

// Close releases the file and wakes every Wait (which then fails).
func (q *Queue) Close() error {
	var err error
	if q.ownsDB {
		err = q.db.Close()
	}
	q.mu.Lock()
	for name, ch := range q.signals {
		close(ch)
		delete(q.signals, name)
	}
	q.mu.Unlock()
	if err != nil {
		return fmt.Errorf("close queue: %w", err)
	}
	return nil
}

func (q *Queue) isFIFO(name string) bool {
	return q.opts.FIFO(name) || (isDLQ(name) && q.opts.FIFO(strings.TrimSuffix(name, DLQSuffix)))
}

func isDLQ(name string) bool { return strings.HasSuffix(name, DLQSuffix) }

func (q *Queue) now() time.Time { return q.opts.Clock() }
