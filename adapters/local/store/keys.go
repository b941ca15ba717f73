package store

import (
	"bytes"
	"encoding/binary"

	"github.com/cloudfront-manager/cfm/domain"
)

// Key layout. Kind, ID, Parent and Status may hold any byte, so nothing relies on separators:
//
//	item key:    uvarint(len(kind)) kind id
//	index key:   indexPrefix(kind, key) ordered(sortKey) ordered(id)
//	indexPrefix: uvarint(len(kind)) kind uvarint(len(key)) key
//
// ordered(s) escapes 0x00 as 0x00 0xFF and ends with 0x00 0x01, which keeps byte order equal
// to string order and makes the encoding prefix-free: the keys under one prefix sort by
// SortKey, then ID, exactly like Go string comparison.

func appendLen(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func itemKey(kind domain.Kind, id string) []byte {
	return append(appendLen(make([]byte, 0, len(kind)+len(id)+2), string(kind)), id...)
}

func indexPrefix(kind domain.Kind, key string) []byte {
	return appendLen(appendLen(make([]byte, 0, len(kind)+len(key)+4), string(kind)), key)
}

func appendOrdered(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == 0x00 {
			b = append(b, 0x00, 0xFF)
			continue
		}
		b = append(b, s[i])
	}
	return append(b, 0x00, 0x01)
}

// readOrdered decodes one ordered string from the front of b.
func readOrdered(b []byte) (s string, rest []byte, ok bool) {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] != 0x00 {
			out = append(out, b[i])
			continue
		}
		if i+1 >= len(b) {
			return "", nil, false
		}
		switch b[i+1] {
		case 0xFF:
			out = append(out, 0x00)
			i++
		case 0x01:
			return string(out), b[i+2:], true
		default:
			return "", nil, false
		}
	}
	return "", nil, false
}

// indexSuffix is the part of an index key after the prefix: it orders and identifies an item.
func indexSuffix(sortKey, id string) []byte {
	return appendOrdered(appendOrdered(make([]byte, 0, len(sortKey)+len(id)+4), sortKey), id)
}

// parseSuffix is the inverse of indexSuffix; ok is false for anything it did not produce.
func parseSuffix(b []byte) (sortKey, id string, ok bool) {
	sortKey, rest, ok := readOrdered(b)
	if !ok {
		return "", "", false
	}
	id, rest, ok = readOrdered(rest)
	if !ok || len(rest) != 0 {
		return "", "", false
	}
	return sortKey, id, true
}

// successor returns the smallest key greater than every key that starts with p,
// or nil when there is none (p is all 0xFF).
func successor(p []byte) []byte {
	s := bytes.Clone(p)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0xFF {
			s[i]++
			return s[:i+1]
		}
	}
	return nil
}
