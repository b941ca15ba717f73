package jwtauth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

const (
	issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool"
	audience = "test-app-client"
)

// now is the fixed clock every verifier in these tests reads.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// testKey is an RSA signing key with its kid.
type testKey struct {
	priv *rsa.PrivateKey
	kid  string
}

var keyCache sync.Map // name → testKey; RSA generation is slow and CPUs are shared

// key returns the named 2048-bit key, generated once per test binary.
func key(t testing.TB, name string) testKey {
	t.Helper()
	if k, ok := keyCache.Load(name); ok {
		return k.(testKey)
	}
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	k, _ := keyCache.LoadOrStore(name, testKey{priv: priv, kid: "kid-" + name})
	return k.(testKey)
}

// jwks is the public key set document for keys, shaped like Cognito's (alg RS256, use sig).
func jwks(t testing.TB, keys ...testKey) []byte {
	t.Helper()
	store := jwkset.NewMemoryStorage()
	for _, k := range keys {
		jwk, err := jwkset.NewJWKFromKey(&k.priv.PublicKey, jwkset.JWKOptions{
			Metadata: jwkset.JWKMetadataOptions{ALG: jwkset.AlgRS256, KID: k.kid, USE: jwkset.UseSig},
		})
		require.NoError(t, err)
		require.NoError(t, store.KeyWrite(context.Background(), jwk))
	}
	raw, err := store.JSONPublic(context.Background())
	require.NoError(t, err)
	return raw
}

// inProcessKeyfunc resolves keys from a JWKS document without HTTP.
func inProcessKeyfunc(t testing.TB, keys ...testKey) jwt.Keyfunc {
	t.Helper()
	k, err := keyfunc.NewJWKSetJSON(jwks(t, keys...))
	require.NoError(t, err)
	return k.Keyfunc
}

// validClaims is an ID token the test verifiers accept.
func validClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss":              issuer,
		"aud":              audience,
		"sub":              "3f1c2a9e-0000-4000-8000-000000000001",
		"token_use":        "id",
		"cognito:username": "alice",
		"cognito:groups":   []string{"developers", "viewers"},
		"iat":              now.Add(-time.Minute).Unix(),
		"exp":              now.Add(time.Hour).Unix(),
	}
}

// sign produces a compact JWS with method, key and a kid header ("" leaves it out).
func sign(t testing.TB, method jwt.SigningMethod, signingKey any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(signingKey)
	require.NoError(t, err)
	return s
}

// rs256 signs claims with k the normal way.
func rs256(t testing.TB, k testKey, claims jwt.MapClaims) string {
	t.Helper()
	return sign(t, jwt.SigningMethodRS256, k.priv, k.kid, claims)
}

// jwksServer serves a JWKS document that tests can swap, and counts requests.
type jwksServer struct {
	*httptest.Server
	mu     sync.Mutex
	body   []byte
	status int
	hits   atomic.Int32
}

func newJWKSServer(t testing.TB, body []byte) *jwksServer {
	t.Helper()
	s := &jwksServer{body: body, status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.hits.Add(1)
		s.mu.Lock()
		body, status := s.body, s.status
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) serve(status int, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

func (s *jwksServer) jwksURL() string { return s.URL + "/.well-known/jwks.json" }

// testContext ends the verifier's background refresh when the test ends.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx
}
