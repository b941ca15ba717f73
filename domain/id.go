package domain

import (
	"crypto/rand"
	"encoding/hex"
)

// ID prefixes, one per resource kind, as the seed API shows them.
const (
	PrefixDistribution = "dist-"
	PrefixOperation    = "op-"
	PrefixOrigin       = "origin-"
	PrefixTemplate     = "tmpl-"
	PrefixFunction     = "func-"
)

// NewID returns prefix + 16 random hex characters.
func NewID(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	return prefix + hex.EncodeToString(b[:])
}
