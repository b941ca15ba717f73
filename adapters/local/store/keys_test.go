package store

import (
	"bytes"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIndexSuffixOrder: byte order of encoded suffixes equals (SortKey, ID) string order,
// including strings with NUL, 0x01 and 0xFF bytes and strings that prefix each other.
func TestIndexSuffixOrder(t *testing.T) {
	words := []string{"", "\x00", "\x00\x00", "\x00\x01", "\x01", "a", "a\x00", "a\x00b", "a\x01", "ab", "a\xff", "\xff", "\xff\x00"}
	type pair struct{ sk, id string }
	var pairs []pair
	for _, sk := range words {
		for _, id := range words {
			pairs = append(pairs, pair{sk, id})
		}
	}
	byString := append([]pair(nil), pairs...)
	sort.Slice(byString, func(i, j int) bool {
		if byString[i].sk != byString[j].sk {
			return byString[i].sk < byString[j].sk
		}
		return byString[i].id < byString[j].id
	})
	byBytes := append([]pair(nil), pairs...)
	sort.Slice(byBytes, func(i, j int) bool {
		return bytes.Compare(indexSuffix(byBytes[i].sk, byBytes[i].id), indexSuffix(byBytes[j].sk, byBytes[j].id)) < 0
	})
	assert.Equal(t, byString, byBytes)

	for _, p := range pairs {
		sk, id, ok := parseSuffix(indexSuffix(p.sk, p.id))
		require.True(t, ok)
		assert.Equal(t, p, pair{sk, id})
	}
}

func TestParseSuffixRejectsForeignBytes(t *testing.T) {
	for _, b := range [][]byte{nil, {0x00}, {'a', 0x00, 0x02}, {'a', 0x00, 0x01}, append(indexSuffix("a", "b"), 'x')} {
		_, _, ok := parseSuffix(b)
		assert.False(t, ok, "%x", b)
	}
}

func TestIndexPrefixesDoNotNest(t *testing.T) {
	// Kind "a" key "bc" must not be a prefix of kind "ab" key "c", nor the reverse.
	p1, p2 := indexPrefix("a", "bc"), indexPrefix("ab", "c")
	assert.False(t, bytes.HasPrefix(p1, p2) || bytes.HasPrefix(p2, p1))
	assert.NotEqual(t, itemKey("a#b", "c"), itemKey("a", "b#c"))
}

func TestSuccessor(t *testing.T) {
	assert.Equal(t, []byte{0x01, 0x03}, successor([]byte{0x01, 0x02}))
	assert.Equal(t, []byte{0x02}, successor([]byte{0x01, 0xFF}))
	assert.Nil(t, successor([]byte{0xFF, 0xFF}))
}
