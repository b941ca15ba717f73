package jwtauth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/domain"
)

// verifiers returns one Verifier per key source, both trusting key "a" only.
func verifiers(t *testing.T) map[string]*jwtauth.Verifier {
	t.Helper()
	inProcess, err := jwtauth.New(testContext(t), jwtauth.Config{
		Issuer: issuer, Audience: audience, Keyfunc: inProcessKeyfunc(t, key(t, "a")), Clock: clock,
	})
	require.NoError(t, err)
	srv := newJWKSServer(t, jwks(t, key(t, "a")))
	remote, err := jwtauth.New(testContext(t), jwtauth.Config{
		Issuer: issuer, Audience: audience, JWKSURL: srv.jwksURL(), Clock: clock,
	})
	require.NoError(t, err)
	return map[string]*jwtauth.Verifier{"in-process keyfunc": inProcess, "jwks over http": remote}
}

func with(mutate func(jwt.MapClaims)) jwt.MapClaims {
	c := validClaims()
	mutate(c)
	return c
}

func TestAuthenticateAccepts(t *testing.T) {
	a := key(t, "a")
	tests := []struct {
		name   string
		claims jwt.MapClaims
		want   domain.Principal
	}{
		{
			name:   "cognito id token",
			claims: validClaims(),
			want:   domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
		{
			name:   "no groups claim gives an empty, non-nil list",
			claims: with(func(c jwt.MapClaims) { delete(c, "cognito:groups") }),
			want:   domain.Principal{Username: "alice", Groups: []string{}},
		},
		{
			name:   "aud as a list that contains the audience",
			claims: with(func(c jwt.MapClaims) { c["aud"] = []string{"other-client", audience} }),
			want:   domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
		{
			name:   "expired, but within the default leeway",
			claims: with(func(c jwt.MapClaims) { c["exp"] = now.Add(-jwtauth.DefaultLeeway + time.Second).Unix() }),
			want:   domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
		{
			name:   "issued slightly in the future (clock skew within leeway)",
			claims: with(func(c jwt.MapClaims) { c["iat"] = now.Add(jwtauth.DefaultLeeway - time.Second).Unix() }),
			want:   domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
		{
			name:   "nbf in the past",
			claims: with(func(c jwt.MapClaims) { c["nbf"] = now.Add(-time.Minute).Unix() }),
			want:   domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
		{
			name: "lifetime of exactly one day",
			claims: with(func(c jwt.MapClaims) {
				c["iat"] = now.Add(-time.Hour).Unix()
				c["exp"] = now.Add(23 * time.Hour).Unix()
			}),
			want: domain.Principal{Username: "alice", Groups: []string{"developers", "viewers"}},
		},
	}
	for source, v := range verifiers(t) {
		for _, tc := range tests {
			t.Run(source+"/"+tc.name, func(t *testing.T) {
				got, err := v.Authenticate(context.Background(), rs256(t, a, tc.claims))
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
			})
		}
	}
}

func TestAuthenticateRejects(t *testing.T) {
	a := key(t, "a")
	forger := key(t, "forger")
	pubDER, err := x509.MarshalPKIXPublicKey(&a.priv.PublicKey)
	require.NoError(t, err)
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})

	tests := []struct {
		name  string
		token func(t *testing.T) string
		want  error
	}{
		{"empty", func(*testing.T) string { return "" }, jwtauth.ErrMissingToken},
		{"not a jwt", func(*testing.T) string { return "not-a-token" }, jwtauth.ErrMalformed},
		{"segments that are not base64url", func(*testing.T) string { return "%%%.e30.c2ln" }, jwtauth.ErrMalformed},
		{"payload that is not JSON", func(*testing.T) string { return header(`{"alg":"RS256","kid":"x"}`) + ".bm9wZQ.c2ln" }, jwtauth.ErrMalformed},
		{"header without alg", func(*testing.T) string { return "e30.e30.c2ln" }, jwtauth.ErrAlgorithm},
		{"oversized", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["pad"] = strings.Repeat("x", 20<<10) }))
		}, jwtauth.ErrMalformed},
		{"groups of the wrong type", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["cognito:groups"] = "admins" }))
		}, jwtauth.ErrMalformed},
		{"expired beyond the leeway", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["exp"] = now.Add(-jwtauth.DefaultLeeway - time.Second).Unix() }))
		}, jwtauth.ErrExpired},
		{"missing exp", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "exp") }))
		}, jwtauth.ErrMissingClaim},
		{"missing iat", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "iat") }))
		}, jwtauth.ErrMissingClaim},
		{"issued in the future", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["iat"] = now.Add(10 * time.Minute).Unix() }))
		}, jwtauth.ErrIssuedInFuture},
		{"not valid yet", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["nbf"] = now.Add(10 * time.Minute).Unix() }))
		}, jwtauth.ErrNotYetValid},
		{"lifetime over one day", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) {
				c["iat"] = now.Add(-time.Hour).Unix()
				c["exp"] = now.Add(23*time.Hour + time.Second).Unix()
			}))
		}, jwtauth.ErrLifetime},
		{"exp before iat", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) {
				c["iat"] = now.Add(10 * time.Second).Unix()
				c["exp"] = now.Add(5 * time.Second).Unix()
			}))
		}, jwtauth.ErrLifetime},
		{"wrong issuer", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["iss"] = issuer + "x" }))
		}, jwtauth.ErrIssuer},
		{"missing issuer", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "iss") }))
		}, jwtauth.ErrMissingClaim},
		{"wrong audience", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["aud"] = "another-client" }))
		}, jwtauth.ErrAudience},
		{"missing audience (an access token has none)", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "aud") }))
		}, jwtauth.ErrMissingClaim},
		{"token_use access", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { c["token_use"] = "access" }))
		}, jwtauth.ErrTokenUse},
		{"token_use missing", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "token_use") }))
		}, jwtauth.ErrTokenUse},
		{"cognito:username missing", func(t *testing.T) string {
			return rs256(t, a, with(func(c jwt.MapClaims) { delete(c, "cognito:username") }))
		}, jwtauth.ErrMissingClaim},
		{"HS256 keyed with the public key PEM (alg confusion)", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodHS256, pubPEM, a.kid, validClaims())
		}, jwtauth.ErrAlgorithm},
		{"HS256 keyed with the public key DER (alg confusion)", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodHS256, pubDER, a.kid, validClaims())
		}, jwtauth.ErrAlgorithm},
		{"alg none", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, a.kid, validClaims())
		}, jwtauth.ErrAlgorithm},
		{"RS512 with the right key", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodRS512, a.priv, a.kid, validClaims())
		}, jwtauth.ErrAlgorithm},
		{"PS256 with the right key", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodPS256, a.priv, a.kid, validClaims())
		}, jwtauth.ErrAlgorithm},
		{"unregistered alg", func(t *testing.T) string {
			return header(`{"alg":"XX999","kid":"`+a.kid+`"}`) + "." + payload(t, a) + ".c2ln"
		}, jwtauth.ErrAlgorithm},
		{"no kid", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodRS256, a.priv, "", validClaims())
		}, jwtauth.ErrMissingKID},
		{"unknown kid", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodRS256, forger.priv, "kid-<script>unknown", validClaims())
		}, jwtauth.ErrUnknownKey},
		{"known kid, signed by another key", func(t *testing.T) string {
			return sign(t, jwt.SigningMethodRS256, forger.priv, a.kid, validClaims())
		}, jwtauth.ErrSignature},
		{"tampered payload", func(t *testing.T) string {
			parts := strings.Split(rs256(t, a, validClaims()), ".")
			parts[1] = payload(t, a, "admins")
			return strings.Join(parts, ".")
		}, jwtauth.ErrSignature},
		{"signature stripped", func(t *testing.T) string {
			parts := strings.Split(rs256(t, a, validClaims()), ".")
			return parts[0] + "." + parts[1] + "."
		}, jwtauth.ErrSignature},
	}
	for source, v := range verifiers(t) {
		for _, tc := range tests {
			t.Run(source+"/"+tc.name, func(t *testing.T) {
				token := tc.token(t)
				got, err := v.Authenticate(context.Background(), token)
				require.Error(t, err)
				assert.ErrorIs(t, err, domain.ErrUnauthenticated)
				assert.ErrorIs(t, err, tc.want)
				assert.Equal(t, domain.Principal{}, got)
				assert.Equal(t, "unauthenticated: "+tc.want.Error(), err.Error(), "the reason is fixed text")
				for _, part := range strings.Split(token, ".") {
					if len(part) > 8 {
						assert.NotContains(t, err.Error(), part, "the error must not echo the token")
					}
				}
				assert.NotContains(t, err.Error(), "<script>")
			})
		}
	}
}

// header and payload build raw JWT segments for tokens the jwt library will not produce.
func header(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }

func payload(t *testing.T, _ testKey, groups ...string) string {
	t.Helper()
	c := validClaims()
	if groups != nil {
		c["cognito:groups"] = groups
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	s, err := tok.SigningString()
	require.NoError(t, err)
	return strings.Split(s, ".")[1]
}

func TestAuthenticateRejectsUnfitKeys(t *testing.T) {
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name    string
		signed  string
		keyfunc jwt.Keyfunc
	}{
		{
			name:    "RSA key under 2048 bits",
			signed:  sign(t, jwt.SigningMethodRS256, small, "small", validClaims()),
			keyfunc: func(*jwt.Token) (any, error) { return &small.PublicKey, nil },
		},
		{
			name:    "an EC key where RSA is expected",
			signed:  rs256(t, key(t, "a"), validClaims()),
			keyfunc: func(*jwt.Token) (any, error) { return &ec.PublicKey, nil },
		},
		{
			name:   "a whole key set instead of one key",
			signed: rs256(t, key(t, "a"), validClaims()),
			keyfunc: func(*jwt.Token) (any, error) {
				return jwt.VerificationKeySet{Keys: []jwt.VerificationKey{&key(t, "a").priv.PublicKey}}, nil
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := jwtauth.New(context.Background(), jwtauth.Config{
				Issuer: issuer, Audience: audience, Keyfunc: tc.keyfunc, Clock: clock,
			})
			require.NoError(t, err)
			_, err = v.Authenticate(context.Background(), tc.signed)
			assert.ErrorIs(t, err, domain.ErrUnauthenticated)
			assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)
		})
	}
}

func TestAuthenticateLeeway(t *testing.T) {
	a := key(t, "a")
	token := rs256(t, a, with(func(c jwt.MapClaims) {
		c["iat"] = now.Add(-time.Hour).Unix()
		c["exp"] = now.Add(-90 * time.Second).Unix()
	}))
	tests := []struct {
		leeway time.Duration
		want   error
	}{
		{leeway: 0, want: jwtauth.ErrExpired}, // the default, 30 s
		{leeway: time.Minute, want: jwtauth.ErrExpired},
		{leeway: 2 * time.Minute, want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.leeway.String(), func(t *testing.T) {
			v, err := jwtauth.New(context.Background(), jwtauth.Config{
				Issuer: issuer, Audience: audience, Keyfunc: inProcessKeyfunc(t, a), Clock: clock, Leeway: tc.leeway,
			})
			require.NoError(t, err)
			_, err = v.Authenticate(context.Background(), token)
			if tc.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.want)
			}
		})
	}
}

// A repeated token is answered from the verified-token cache, and still expires on time, and
// a changed key behind its kid is verified again (and refused).
func TestRepeatedTokenExpiresAndFollowsTheKey(t *testing.T) {
	a, b := key(t, "a"), key(t, "b")
	var at atomic.Int64
	at.Store(now.UnixNano())
	current := atomic.Pointer[jwt.Keyfunc]{}
	kfA := inProcessKeyfunc(t, a)
	current.Store(&kfA)
	v, err := jwtauth.New(context.Background(), jwtauth.Config{Issuer: issuer, Audience: audience,
		Keyfunc: func(t *jwt.Token) (any, error) { return (*current.Load())(t) },
		Clock:   func() time.Time { return time.Unix(0, at.Load()) }})
	require.NoError(t, err)
	token := rs256(t, a, validClaims()) // exp = now + 1 h
	for range 3 {
		p, err := v.Authenticate(context.Background(), token)
		require.NoError(t, err)
		assert.Equal(t, "alice", p.Username)
		assert.Equal(t, []string{"developers", "viewers"}, p.Groups)
		p.Groups[0] = "admins" // the caller's copy, not the cache's
	}
	at.Store(now.Add(time.Hour + 29*time.Second).UnixNano())
	_, err = v.Authenticate(context.Background(), token)
	require.NoError(t, err, "within the leeway")
	at.Store(now.Add(time.Hour + 30*time.Second).UnixNano())
	_, err = v.Authenticate(context.Background(), token)
	assert.ErrorIs(t, err, jwtauth.ErrExpired)

	at.Store(now.UnixNano())
	fresh := rs256(t, a, with(func(c jwt.MapClaims) { c["cognito:username"] = "bob" }))
	_, err = v.Authenticate(context.Background(), fresh)
	require.NoError(t, err)
	// The same kid now names another key: the cached verification no longer counts.
	kfB := inProcessKeyfunc(t, testKey{priv: b.priv, kid: a.kid})
	current.Store(&kfB)
	_, err = v.Authenticate(context.Background(), fresh)
	assert.ErrorIs(t, err, jwtauth.ErrSignature)
}

func TestNewRejectsBadConfig(t *testing.T) {
	kf := func(*jwt.Token) (any, error) { return nil, nil }
	tests := []struct {
		name string
		cfg  jwtauth.Config
		want string
	}{
		{"no issuer", jwtauth.Config{Audience: audience, Keyfunc: kf}, "issuer is required"},
		{"no audience", jwtauth.Config{Issuer: issuer, Keyfunc: kf}, "audience is required"},
		{"no key source", jwtauth.Config{Issuer: issuer, Audience: audience}, "one of JWKSURL and Keyfunc"},
		{"two key sources", jwtauth.Config{Issuer: issuer, Audience: audience, Keyfunc: kf, JWKSURL: "https://example.com/jwks.json"}, "mutually exclusive"},
		{"plain http to a remote host", jwtauth.Config{Issuer: issuer, Audience: audience, JWKSURL: "http://example.com/jwks.json"}, "must use https"},
		{"relative url", jwtauth.Config{Issuer: issuer, Audience: audience, JWKSURL: "/jwks.json"}, "not an absolute URL"},
		{"negative leeway", jwtauth.Config{Issuer: issuer, Audience: audience, Keyfunc: kf, Leeway: -time.Second}, "leeway"},
		{"leeway too large", jwtauth.Config{Issuer: issuer, Audience: audience, Keyfunc: kf, Leeway: time.Hour}, "leeway"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := jwtauth.New(context.Background(), tc.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Nil(t, v)
		})
	}
}

// A Keyfunc that hands out the RSA key for any token must not widen the accepted algorithms:
// RS384/RS512/PS256 signatures made with the right key are still refused.
func TestAlgorithmPinnedEvenWithPermissiveKeyfunc(t *testing.T) {
	a := key(t, "a")
	v, err := jwtauth.New(context.Background(), jwtauth.Config{
		Issuer: issuer, Audience: audience, Clock: clock,
		Keyfunc: func(*jwt.Token) (any, error) { return &a.priv.PublicKey, nil },
	})
	require.NoError(t, err)
	_, err = v.Authenticate(context.Background(), rs256(t, a, validClaims()))
	require.NoError(t, err, "the control: RS256 passes")
	for _, m := range []jwt.SigningMethod{jwt.SigningMethodRS384, jwt.SigningMethodRS512, jwt.SigningMethodPS256, jwt.SigningMethodPS512} {
		t.Run(m.Alg(), func(t *testing.T) {
			_, err := v.Authenticate(context.Background(), sign(t, m, a.priv, a.kid, validClaims()))
			assert.ErrorIs(t, err, domain.ErrUnauthenticated)
			assert.ErrorIs(t, err, jwtauth.ErrAlgorithm)
		})
	}
}
