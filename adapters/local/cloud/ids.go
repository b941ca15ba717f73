package cloud

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
)

const (
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
)

// randomString returns n characters drawn uniformly from alphabet.
func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// cloudFrontID is shaped like a real CloudFront id or ETag: "E" + 13 uppercase alphanumerics.
func cloudFrontID() string { return "E" + randomString(upperAlnum, 13) }

func invalidationID() string { return "I" + randomString(upperAlnum, 13) }

func distributionDomain() string { return "d" + randomString(lowerAlnum, 13) + ".cloudfront.net" }

func newETag() string { return cloudFrontID() }

// uuidFrom derives a stable UUID-shaped string from seed (random when seed is empty).
func uuidFrom(seed string) string {
	var b [16]byte
	if seed == "" {
		if _, err := rand.Read(b[:]); err != nil {
			panic("crypto/rand: " + err.Error())
		}
	} else {
		sum := sha256.Sum256([]byte(seed))
		copy(b[:], sum[:16])
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
