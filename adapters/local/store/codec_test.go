package store

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestCodecRoundTrip(t *testing.T) {
	it := domain.Item{Version: 7, Parent: "d-1", Status: "Running", SortKey: "2026#op", Owner: "alice", Body: []byte(`{}`)}
	got, err := decodeItem(encodeItem(it))
	require.NoError(t, err)
	assert.Equal(t, it, got)
}

// A data directory written before Owner existed still opens: its items read with no Owner.
func TestCodecReadsVersion1(t *testing.T) {
	b := []byte{codecVersionV1}
	b = binary.AppendUvarint(b, 3)
	for _, f := range []string{"d-1", "Accepted", "sk"} {
		b = appendLen(b, f)
	}
	b = append(b, "body"...)
	got, err := decodeItem(b)
	require.NoError(t, err)
	assert.Equal(t, domain.Item{Version: 3, Parent: "d-1", Status: "Accepted", SortKey: "sk", Body: []byte("body")}, got)

	_, err = decodeItem([]byte{9})
	assert.ErrorIs(t, err, errCorrupt)
}
