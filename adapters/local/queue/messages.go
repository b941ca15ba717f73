package queue

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// enqueue appends r to the queue. A standard message becomes visible at visibleAt; a FIFO
// message is visible now if it heads its group, else it waits for the messages before it.
func enqueue(b qbuckets, r record, visibleAt int64, fifo bool) error {
	seq, err := b.msgs.NextSequence()
	if err != nil {
		return err
	}
	r.VisibleAt = visibleAt
	if fifo {
		if err := b.groups.Put(groupKey(r.Group, seq), nil); err != nil {
			return err
		}
		if head, ok := groupHead(b, r.Group); !ok || head != seq {
			r.VisibleAt = 0
		}
	}
	if r.VisibleAt != 0 {
		if err := b.vis.Put(visKey(r.VisibleAt, seq), nil); err != nil {
			return err
		}
	}
	if err := b.store(seq, r); err != nil {
		return err
	}
	return b.addCount(1)
}

// remove deletes a message; if it headed a FIFO group, the next message of the group
// becomes visible at now.
func remove(b qbuckets, seq uint64, r record, fifo bool, now int64) error {
	if err := b.msgs.Delete(u64(seq)); err != nil {
		return err
	}
	if r.VisibleAt != 0 {
		if err := b.vis.Delete(visKey(r.VisibleAt, seq)); err != nil {
			return err
		}
	}
	if err := b.addCount(-1); err != nil {
		return err
	}
	if !fifo {
		return nil
	}
	if err := b.groups.Delete(groupKey(r.Group, seq)); err != nil {
		return err
	}
	next, ok := groupHead(b, r.Group)
	if !ok {
		return nil
	}
	nr, found, err := b.load(next)
	if err != nil || !found || nr.VisibleAt != 0 {
		return err
	}
	nr.VisibleAt = now
	if err := b.vis.Put(visKey(now, next), nil); err != nil {
		return err
	}
	return b.store(next, nr)
}

// groupHead returns the oldest message of a FIFO group.
func groupHead(b qbuckets, group string) (uint64, bool) {
	prefix := groupPrefix(group)
	k, _ := b.groups.Cursor().Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[len(prefix):]), true
}

// A receipt names one delivery: "<seq hex>.<receive count>.<random>". Only the receipt of
// the latest delivery is accepted.
func newReceipt(seq uint64, count int) (string, error) {
	r, err := randomHex(8)
	if err != nil {
		return "", err
	}
	return strconv.FormatUint(seq, 16) + "." + strconv.Itoa(count) + "." + r, nil
}

func parseReceipt(receipt string) (uint64, bool) {
	head, _, ok := strings.Cut(receipt, ".")
	if !ok {
		return 0, false
	}
	seq, err := strconv.ParseUint(head, 16, 64)
	return seq, err == nil
}

func newMessageID() (string, error) {
	h, err := randomHex(16)
	if err != nil {
		return "", err
	}
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random: %w", err)
	}
	return hex.EncodeToString(b), nil
}
