package queue

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Layout: bucket "queues" holds one bucket per queue name, which holds
//
//	msgs      seq(8)                      -> record (JSON)
//	vis       visibleAt(8) seq(8)         -> nil   the visibility index: Receive seeks it
//	groups    len(group) group seq(8)     -> nil   FIFO: a group's messages in send order
//	dedup     dedupID                     -> expiresAt(8)
//	dedupexp  expiresAt(8) dedupID        -> nil   expiry order, purged as sends go by
//	count                                 -> uint64 number of messages
//
// Only messages that can be delivered at their visibleAt are in vis: every message of a
// standard queue, and the head (oldest message) of each FIFO group. The next message of a
// group enters vis when its head is acked or dead-lettered, so a group never has two
// messages in flight and is delivered strictly in send order. Times are Unix nanoseconds.
var (
	bucketQueues   = []byte("queues")
	bucketMsgs     = []byte("msgs")
	bucketVis      = []byte("vis")
	bucketGroups   = []byte("groups")
	bucketDedup    = []byte("dedup")
	bucketDedupExp = []byte("dedupexp")
	keyCount       = []byte("count")
)

// record is one stored message.
type record struct {
	ID           string `json:"id"`
	Group        string `json:"g,omitempty"`
	DedupID      string `json:"d,omitempty"`
	Body         []byte `json:"b"`
	SentAt       int64  `json:"s"`
	ReceiveCount int    `json:"n,omitempty"`
	VisibleAt    int64  `json:"v,omitempty"` // 0: waiting behind its FIFO group head, not in vis
	Receipt      string `json:"r,omitempty"`
}

// qbuckets are one queue's buckets inside a transaction.
type qbuckets struct {
	root, msgs, vis, groups, dedup, dedupExp *bolt.Bucket
}

// openBuckets returns the queue's buckets; create makes them (write transactions only).
// ok is false when the queue was never used and create is false.
func openBuckets(tx *bolt.Tx, name string, create bool) (b qbuckets, ok bool, err error) {
	queues := tx.Bucket(bucketQueues)
	if b.root = queues.Bucket([]byte(name)); b.root == nil {
		if !create {
			return b, false, nil
		}
		if b.root, err = queues.CreateBucket([]byte(name)); err != nil {
			return b, false, fmt.Errorf("create queue %s: %w", name, err)
		}
		for _, n := range [][]byte{bucketMsgs, bucketVis, bucketGroups, bucketDedup, bucketDedupExp} {
			if _, err := b.root.CreateBucket(n); err != nil {
				return b, false, fmt.Errorf("create queue %s: %w", name, err)
			}
		}
	}
	b.msgs, b.vis, b.groups = b.root.Bucket(bucketMsgs), b.root.Bucket(bucketVis), b.root.Bucket(bucketGroups)
	b.dedup, b.dedupExp = b.root.Bucket(bucketDedup), b.root.Bucket(bucketDedupExp)
	return b, true, nil
}

func (b qbuckets) load(seq uint64) (record, bool, error) {
	raw := b.msgs.Get(u64(seq))
	if raw == nil {
		return record{}, false, nil
	}
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		return record{}, false, fmt.Errorf("decode message %d: %w", seq, err)
	}
	return r, true, nil
}

func (b qbuckets) store(seq uint64, r record) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode message %d: %w", seq, err)
	}
	return b.msgs.Put(u64(seq), raw)
}

func (b qbuckets) count() uint64 {
	if v := b.root.Get(keyCount); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func (b qbuckets) addCount(delta int) error {
	return b.root.Put(keyCount, u64(uint64(int64(b.count())+int64(delta))))
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v) }

func visKey(at int64, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(u64(uint64(at)), seq)
}

func parseVisKey(k []byte) (at int64, seq uint64) {
	return int64(binary.BigEndian.Uint64(k[:8])), binary.BigEndian.Uint64(k[8:16])
}

func groupPrefix(group string) []byte {
	return append(binary.AppendUvarint(nil, uint64(len(group))), group...)
}

func groupKey(group string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(groupPrefix(group), seq)
}

func unixNano(t time.Time) int64 { return t.UnixNano() }
