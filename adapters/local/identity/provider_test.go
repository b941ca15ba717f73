package identity_test

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/domain"
)

const (
	issuer   = "http://127.0.0.1:8080/local"
	audience = "cfm-local"
)

func open(t *testing.T, dir string) *identity.Provider {
	t.Helper()
	p, err := identity.Open(dir, issuer, audience)
	require.NoError(t, err)
	return p
}

func inProcessVerifier(t *testing.T, p *identity.Provider) *jwtauth.Verifier {
	t.Helper()
	v, err := jwtauth.New(context.Background(), jwtauth.Config{Issuer: issuer, Audience: audience, Keyfunc: p.Keyfunc()})
	require.NoError(t, err)
	return v
}

func TestOpenCreatesPrivateKeyFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "identity")
	open(t, dir)

	info, err := os.Stat(filepath.Join(dir, identity.KeyFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	dirInfo, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dirInfo.Mode().Perm())
	raw, err := os.ReadFile(filepath.Join(dir, identity.KeyFile))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(raw), "-----BEGIN PRIVATE KEY-----"))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary files left behind")
}

func TestTokensSurviveReopening(t *testing.T) {
	dir := t.TempDir()
	first := open(t, dir)
	token, err := first.Issue("alice", []string{domain.GroupDevelopers}, 0)
	require.NoError(t, err)

	second := open(t, dir)
	assert.Equal(t, first.KeyID(), second.KeyID())
	assert.JSONEq(t, string(first.JWKS()), string(second.JWKS()))
	got, err := inProcessVerifier(t, second).Authenticate(context.Background(), token)
	require.NoError(t, err)
	assert.Equal(t, domain.Principal{Username: "alice", Groups: []string{"developers"}}, got)
}

func TestConcurrentOpenAgreesOnOneKey(t *testing.T) {
	dir := t.TempDir()
	kids := make([]string, 2)
	var wg sync.WaitGroup
	for i := range kids {
		wg.Go(func() {
			p, err := identity.Open(dir, issuer, audience)
			if assert.NoError(t, err) {
				kids[i] = p.KeyID()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, kids[0], kids[1])
	assert.Equal(t, kids[0], open(t, dir).KeyID())
}

func TestOpenRefusesBadKeyFiles(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    string
	}{
		{"readable by others", func(t *testing.T, path string) { require.NoError(t, os.Chmod(path, 0o644)) }, "readable by others"},
		{"not PEM", func(t *testing.T, path string) { require.NoError(t, os.WriteFile(path, []byte("junk"), 0o600)) }, "no PKCS #8 PEM block"},
		{"PEM but not a key", func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), 0o600))
		}, "identity key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			open(t, dir)
			tc.prepare(t, filepath.Join(dir, identity.KeyFile))
			_, err := identity.Open(dir, issuer, audience)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := identity.Open("", issuer, audience)
	assert.Error(t, err)
}

func TestIssueShapesACognitoIDToken(t *testing.T) {
	p := open(t, t.TempDir())
	before := time.Now().Truncate(time.Second)
	tests := []struct {
		name    string
		groups  []string
		ttl     time.Duration
		wantTTL time.Duration
	}{
		{"default ttl", []string{"admins", "viewers"}, 0, time.Hour},
		{"explicit ttl", []string{"viewers"}, 5 * time.Minute, 5 * time.Minute},
		{"no groups", nil, 0, time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			signed, err := p.Issue("alice", tc.groups, tc.ttl)
			require.NoError(t, err)

			claims := jwt.MapClaims{}
			tok, err := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"})).ParseWithClaims(signed, claims, p.Keyfunc())
			require.NoError(t, err)
			assert.Equal(t, "RS256", tok.Header["alg"])
			assert.Equal(t, p.KeyID(), tok.Header["kid"])

			assert.Equal(t, issuer, claims["iss"])
			assert.Equal(t, audience, claims["aud"], "aud is a plain string, as Cognito sends it")
			assert.Equal(t, "id", claims["token_use"])
			assert.Equal(t, "alice", claims["cognito:username"])
			assert.NotEmpty(t, claims["sub"])
			assert.NotEmpty(t, claims["jti"])
			wantGroups := []any{}
			for _, g := range tc.groups {
				wantGroups = append(wantGroups, g)
			}
			assert.Equal(t, wantGroups, claims["cognito:groups"])
			iat, exp := int64(claims["iat"].(float64)), int64(claims["exp"].(float64))
			assert.GreaterOrEqual(t, iat, before.Unix())
			assert.LessOrEqual(t, iat, time.Now().Unix())
			assert.Equal(t, int64(tc.wantTTL/time.Second), exp-iat)
		})
	}
}

func TestIssueRejectsBadInput(t *testing.T) {
	p := open(t, t.TempDir())
	tests := []struct {
		name     string
		username string
		groups   []string
		ttl      time.Duration
		field    string
	}{
		{"empty username", "", nil, 0, "username"},
		{"unsafe username", "alice bob", nil, 0, "username"},
		{"unknown group", "alice", []string{"root"}, 0, "groups[0]"},
		{"negative ttl", "alice", nil, -time.Second, ""},
		{"ttl over a day", "alice", nil, 25 * time.Hour, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			token, err := p.Issue(tc.username, tc.groups, tc.ttl)
			require.Error(t, err)
			assert.Empty(t, token)
			if tc.field != "" {
				var v *domain.ValidationError
				require.ErrorAs(t, err, &v)
				assert.Equal(t, tc.field, v.Fields[0].Field)
			}
		})
	}
}

func TestJWKSPublishesOnlyThePublicKey(t *testing.T) {
	p := open(t, t.TempDir())
	var doc struct {
		Keys []map[string]any `json:"keys"`
	}
	require.NoError(t, json.Unmarshal(p.JWKS(), &doc))
	require.Len(t, doc.Keys, 1)
	k := doc.Keys[0]
	assert.Equal(t, "RSA", k["kty"])
	assert.Equal(t, "RS256", k["alg"])
	assert.Equal(t, "sig", k["use"])
	assert.Equal(t, p.KeyID(), k["kid"])
	assert.NotEmpty(t, k["n"])
	assert.Equal(t, "AQAB", k["e"])
	for _, private := range []string{"d", "p", "q", "dp", "dq", "qi", "oth"} {
		assert.NotContains(t, k, private)
	}
}

func TestTokensVerifyWithJWTAuth(t *testing.T) {
	p := open(t, t.TempDir())
	srv := httptest.NewServer(p.JWKSHandler())
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	overHTTP, err := jwtauth.New(ctx, jwtauth.Config{Issuer: issuer, Audience: audience, JWKSURL: srv.URL + "/local/.well-known/jwks.json"})
	require.NoError(t, err)

	verifiers := map[string]*jwtauth.Verifier{"in-process keyfunc": inProcessVerifier(t, p), "jwks handler over http": overHTTP}
	token, err := p.Issue("bob", []string{"admins"}, 0)
	require.NoError(t, err)
	for name, v := range verifiers {
		t.Run(name, func(t *testing.T) {
			got, err := v.Authenticate(context.Background(), token)
			require.NoError(t, err)
			assert.Equal(t, domain.Principal{Username: "bob", Groups: []string{"admins"}}, got)
		})
	}
}

func TestTokenFromAnotherKeyIsRejected(t *testing.T) {
	trusted := open(t, t.TempDir())
	strangerDir := t.TempDir()
	stranger := open(t, strangerDir) // same issuer and audience, its own key
	require.NotEqual(t, trusted.KeyID(), stranger.KeyID())

	token, err := stranger.Issue("mallory", []string{"admins"}, 0)
	require.NoError(t, err)
	_, err = inProcessVerifier(t, trusted).Authenticate(context.Background(), token)
	assert.ErrorIs(t, err, domain.ErrUnauthenticated)
	assert.ErrorIs(t, err, jwtauth.ErrUnknownKey)

	// The same forgery naming the trusted kid fails on the signature instead.
	parser := jwt.NewParser()
	claims := jwt.MapClaims{}
	_, _, err = parser.ParseUnverified(token, claims)
	require.NoError(t, err)
	forged := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	forged.Header["kid"] = trusted.KeyID()
	signed, err := forged.SignedString(readPrivateKey(t, strangerDir))
	require.NoError(t, err)
	_, err = inProcessVerifier(t, trusted).Authenticate(context.Background(), signed)
	assert.ErrorIs(t, err, jwtauth.ErrSignature)
}

func readPrivateKey(t *testing.T, dir string) *rsa.PrivateKey {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, identity.KeyFile))
	require.NoError(t, err)
	block, _ := pem.Decode(raw)
	require.NotNil(t, block)
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err)
	return k.(*rsa.PrivateKey)
}
