package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// keyRange walks the keys under prefix in one direction, strictly after the cursor suffix
// (in walk order) and strictly below the `below` bound, by seeking — never from the start.
type keyRange struct {
	c          *bolt.Cursor
	prefix     []byte
	after      []byte // full key to continue after; nil = from the start of the range
	below      []byte // exclusive upper bound (full key); nil = none
	descending bool
}

func newRange(c *bolt.Cursor, prefix, afterSuffix, below []byte, descending bool) *keyRange {
	r := &keyRange{c: c, prefix: prefix, below: below, descending: descending}
	if afterSuffix != nil {
		r.after = append(bytes.Clone(prefix), afterSuffix...)
	}
	return r
}

func (r *keyRange) first() []byte {
	if r.descending {
		return r.firstDescending()
	}
	start := r.prefix
	if r.after != nil {
		start = r.after
	}
	k, _ := r.c.Seek(start)
	if k != nil && r.after != nil && bytes.Equal(k, r.after) {
		k, _ = r.c.Next()
	}
	return r.check(k)
}

// firstDescending seeks the smallest exclusive upper bound and steps back once.
func (r *keyRange) firstDescending() []byte {
	upper := successor(r.prefix)
	for _, b := range [][]byte{r.after, r.below} {
		if b != nil && (upper == nil || bytes.Compare(b, upper) < 0) {
			upper = b
		}
	}
	var k []byte
	if upper == nil {
		k, _ = r.c.Last()
	} else if k, _ = r.c.Seek(upper); k == nil {
		k, _ = r.c.Last()
	} else {
		k, _ = r.c.Prev()
	}
	return r.check(k)
}

func (r *keyRange) next() []byte {
	var k []byte
	if r.descending {
		k, _ = r.c.Prev()
	} else {
		k, _ = r.c.Next()
	}
	return r.check(k)
}

// check ends the walk (nil) when k left the prefix or reached the below bound.
func (r *keyRange) check(k []byte) []byte {
	if k == nil || !bytes.HasPrefix(k, r.prefix) {
		return nil
	}
	if r.below != nil && bytes.Compare(k, r.below) >= 0 {
		return nil
	}
	return k
}
