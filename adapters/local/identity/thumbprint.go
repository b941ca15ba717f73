package identity

import (
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
)

// thumbprint is the RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA public key: the
// hash of the required members e, kty, n in lexicographic order, without whitespace.
func thumbprint(pub *rsa.PublicKey) string {
	canonical, _ := json.Marshal(struct { // field order is the RFC's order; cannot fail
		E   string `json:"e"`
		Kty string `json:"kty"`
		N   string `json:"n"`
	}{
		E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		Kty: "RSA",
		N:   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
	})
	sum := sha256.Sum256(canonical)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
