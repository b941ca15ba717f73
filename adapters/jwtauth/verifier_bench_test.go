package jwtauth_test

import (
	"context"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
)

// BenchmarkAuthenticate measures the per-request cost of verifying a valid token (the API does
// this on every call). The cost is dominated by one RSA-2048 signature check.
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
