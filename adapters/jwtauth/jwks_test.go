package jwtauth_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/domain"
)

func remoteVerifier(t *testing.T, srv *jwksServer, cfg jwtauth.Config) *jwtauth.Verifier {
	t.Helper()
	cfg.Issuer, cfg.Audience, cfg.JWKSURL, cfg.Clock = issuer, audience, srv.jwksURL(), clock
	v, err := jwtauth.New(testContext(t), cfg)
	require.NoError(t, err)
	return v
}

func TestJWKSIsFetchedOnceAndCached(t *testing.T) {
	a := key(t, "a")
	srv := newJWKSServer(t, jwks(t, a))
	v := remoteVerifier(t, srv, jwtauth.Config{})
	for range 5 {
		_, err := v.Authenticate(context.Background(), rs256(t, a, validClaims()))
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.hits.Load(), "one fetch at construction, then the cache")
}

func TestJWKSRefreshesOnUnknownKIDRateLimited(t *testing.T) {
	a, b := key(t, "a"), key(t, "b")
	srv := newJWKSServer(t, jwks(t, a))
	v := remoteVerifier(t, srv, jwtauth.Config{UnknownKIDRefreshEvery: time.Hour})
	require.EqualValues(t, 1, srv.hits.Load())

	// The issuer rotates to key b: the first token naming b triggers one re-read.
	srv.serve(http.StatusOK, jwks(t, a, b))
	got, err := v.Authenticate(context.Background(), rs256(t, b, validClaims()))
	require.NoError(t, err)
	assert.Equal(t, "alice", got.Username)
	assert.EqualValues(t, 2, srv.hits.Load())

	// Further unknown kids within the interval fail at once, without asking the issuer.
	c := key(t, "c")
	srv.serve(http.StatusOK, jwks(t, a, b, c))
	start := time.Now()
	for range 3 {
		_, err = v.Authenticate(context.Background(), rs256(t, c, validClaims()))
		assert.ErrorIs(t, err, domain.ErrUnauthenticated)
		assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
	}
	assert.Less(t, time.Since(start), time.Second, "rate-limited lookups must not wait")
	assert.EqualValues(t, 2, srv.hits.Load())

	// Known keys keep working meanwhile.
	_, err = v.Authenticate(context.Background(), rs256(t, a, validClaims()))
	assert.NoError(t, err)
}

func TestJWKSBackgroundRefresh(t *testing.T) {
	a, b := key(t, "a"), key(t, "b")
	srv := newJWKSServer(t, jwks(t, a))
	v := remoteVerifier(t, srv, jwtauth.Config{RefreshInterval: 20 * time.Millisecond, UnknownKIDRefreshEvery: time.Hour})

	// Spend the unknown-kid refresh so that only the background refresh can learn key b.
	_, err := v.Authenticate(context.Background(), rs256(t, key(t, "c"), validClaims()))
	require.ErrorIs(t, err, jwtauth.ErrUnknownKey)

	srv.serve(http.StatusOK, jwks(t, b)) // rotation that also revokes a
	tokenB, tokenA := rs256(t, b, validClaims()), rs256(t, a, validClaims())
	assert.Eventually(t, func() bool {
		_, errB := v.Authenticate(context.Background(), tokenB)
		_, errA := v.Authenticate(context.Background(), tokenA)
		return errB == nil && errA != nil
	}, 5*time.Second, 10*time.Millisecond, "b accepted and revoked a rejected after a background refresh")
}

func TestJWKSUnavailableAtStart(t *testing.T) {
	a := key(t, "a")
	srv := newJWKSServer(t, []byte(`{"message":"unavailable"}`))
	srv.serve(http.StatusServiceUnavailable, []byte(`{"message":"unavailable"}`))
	v := remoteVerifier(t, srv, jwtauth.Config{UnknownKIDRefreshEvery: time.Millisecond})

	_, err := v.Authenticate(context.Background(), rs256(t, a, validClaims()))
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey, "no keys yet")

	srv.serve(http.StatusOK, jwks(t, a))
	time.Sleep(5 * time.Millisecond) // let the limiter refill
	_, err = v.Authenticate(context.Background(), rs256(t, a, validClaims()))
	assert.NoError(t, err, "the issuer came back: the next token re-reads the set")
}

func TestJWKSKeysNotFitForRS256(t *testing.T) {
	a := key(t, "a")
	tests := []struct {
		name string
		edit func(string) string
	}{
		{"key marked for encryption", func(s string) string { return strings.Replace(s, `"use":"sig"`, `"use":"enc"`, 1) }},
		{"key bound to another alg", func(s string) string { return strings.Replace(s, `"alg":"RS256"`, `"alg":"RS512"`, 1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := string(jwks(t, a))
			edited := tc.edit(doc)
			require.NotEqual(t, doc, edited, "the edit must apply")
			srv := newJWKSServer(t, []byte(edited))
			v := remoteVerifier(t, srv, jwtauth.Config{})
			_, err := v.Authenticate(context.Background(), rs256(t, a, validClaims()))
			assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
		})
	}
}

func TestJWKSFetchRespectsRequestContext(t *testing.T) {
	a := key(t, "a")
	srv := newJWKSServer(t, jwks(t)) // empty at start
	v := remoteVerifier(t, srv, jwtauth.Config{UnknownKIDRefreshEvery: time.Millisecond})
	srv.serve(http.StatusOK, jwks(t, a))
	token := rs256(t, a, validClaims())

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := v.Authenticate(ctx, token)
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
	assert.EqualValues(t, 1, srv.hits.Load(), "a cancelled request does not fetch")

	_, err = v.Authenticate(context.Background(), token)
	assert.NoError(t, err)
	assert.EqualValues(t, 2, srv.hits.Load())
}
