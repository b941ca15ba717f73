package store

import (
	"encoding/base64"

	"github.com/cloudfront-manager/cfm/domain"
)

// A cursor is the index suffix (ordered SortKey + ordered ID) of the last item of a page,
// base64url-encoded. It does not depend on the index, so it stays valid while items move.
func encodeCursor(last domain.Item) string {
	return base64.RawURLEncoding.EncodeToString(indexSuffix(last.SortKey, last.ID))
}

// decodeCursor returns the suffix to continue after; ok is false for anything encodeCursor
// could not have produced.
func decodeCursor(c string) ([]byte, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, false
	}
	if _, _, ok := parseSuffix(b); !ok {
		return nil, false
	}
	return b, true
}
