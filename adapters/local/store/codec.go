package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/domain"
)

// codecVersion is the first byte of every stored value, so the layout can evolve. Version 1
// (before Owner) is still read: its items have no Owner.
const (
	codecVersion   = 2
	codecVersionV1 = 1
)

var errCorrupt = errors.New("corrupt item")

// encodeItem stores everything but Kind and ID, which the key already holds:
// version byte, uvarint Version, length-prefixed Parent, Status, SortKey, Owner, then Body.
func encodeItem(it domain.Item) []byte {
	b := make([]byte, 0, 20+len(it.Parent)+len(it.Status)+len(it.SortKey)+len(it.Owner)+len(it.Body))
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(it.Version))
	b = appendLen(b, it.Parent)
	b = appendLen(b, it.Status)
	b = appendLen(b, it.SortKey)
	b = appendLen(b, it.Owner)
	return append(b, it.Body...)
}

// decodeItem copies everything out of raw (bbolt memory is only valid inside a transaction).
func decodeItem(raw []byte) (domain.Item, error) {
	if len(raw) == 0 || (raw[0] != codecVersion && raw[0] != codecVersionV1) {
		return domain.Item{}, fmt.Errorf("%w: unknown codec version", errCorrupt)
	}
	nFields := 4
	if raw[0] == codecVersionV1 {
		nFields = 3
	}
	b := raw[1:]
	version, n := binary.Uvarint(b)
	if n <= 0 {
		return domain.Item{}, fmt.Errorf("%w: version", errCorrupt)
	}
	b = b[n:]
	var fields [4]string
	for i := range nFields {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return domain.Item{}, fmt.Errorf("%w: field %d", errCorrupt, i)
		}
		fields[i] = string(b[n : n+int(l)])
		b = b[n+int(l):]
	}
	it := domain.Item{Version: int64(version), Parent: fields[0], Status: fields[1], SortKey: fields[2], Owner: fields[3]}
	if len(b) > 0 {
		it.Body = append([]byte(nil), b...)
	}
	return it, nil
}
