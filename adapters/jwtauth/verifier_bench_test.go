package jwtauth_test

import (
	"context"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
)

// BenchmarkAuthenticate measures the per-request cost of checking a valid token the verifier
// has seen before (the API does this on every call; a client repeats its token): a cache hit
// that re-checks exp and the key. first-use is a token's first call: one RSA-2048 signature
// check (plus building the verifier, which is small next to it).
func BenchmarkAuthenticate(b *testing.B) {
	a := key(b, "a")
	srv := newJWKSServer(b, jwks(b, a))
	sources := []struct {
		name string
		cfg  jwtauth.Config
	}{
		{"keyfunc", jwtauth.Config{Keyfunc: inProcessKeyfunc(b, a)}},
		{"jwks-cached", jwtauth.Config{JWKSURL: srv.jwksURL()}},
	}
	token := rs256(b, a, validClaims())
	b.Run("first-use", func(b *testing.B) {
		cfg := jwtauth.Config{Issuer: issuer, Audience: audience, Clock: clock, Keyfunc: inProcessKeyfunc(b, a)}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			v, err := jwtauth.New(ctx, cfg)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := v.Authenticate(ctx, token); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, s := range sources {
		b.Run(s.name, func(b *testing.B) {
			cfg := s.cfg
			cfg.Issuer, cfg.Audience, cfg.Clock = issuer, audience, clock
			v, err := jwtauth.New(testContext(b), cfg)
			require.NoError(b, err)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := v.Authenticate(ctx, token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAuthenticateRejected measures a cheap rejection (bad signature with a known kid).
func BenchmarkAuthenticateRejected(b *testing.B) {
	a, forger := key(b, "a"), key(b, "forger")
	v, err := jwtauth.New(testContext(b), jwtauth.Config{Issuer: issuer, Audience: audience, Keyfunc: inProcessKeyfunc(b, a), Clock: clock})
	require.NoError(b, err)
	forged := sign(b, jwt.SigningMethodRS256, forger.priv, a.kid, validClaims())
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Authenticate(ctx, forged); err == nil {
			b.Fatal("forged token accepted")
		}
	}
}
