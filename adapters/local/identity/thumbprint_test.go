package identity

import (
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestThumbprintMatchesRFC7638Example(t *testing.T) {
	// RFC 7638 section 3.1.
	const (
		n    = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
		e    = "AQAB"
		want = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
	)
	nb, err := base64.RawURLEncoding.DecodeString(n)
	require.NoError(t, err)
	eb, err := base64.RawURLEncoding.DecodeString(e)
	require.NoError(t, err)
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(new(big.Int).SetBytes(eb).Int64())}
	assert.Equal(t, want, thumbprint(pub))
}

func TestSubjectIsStableAndUUIDShaped(t *testing.T) {
	tests := []struct{ issuer, user string }{
		{"http://127.0.0.1:8080/local", "alice"},
		{"http://127.0.0.1:8080/local", "bob"},
		{"http://other/local", "alice"},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		s := subject(tc.issuer, tc.user)
		assert.Equal(t, s, subject(tc.issuer, tc.user), "deterministic")
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, s)
		assert.False(t, seen[s], "distinct per issuer and user")
		seen[s] = true
	}
}
