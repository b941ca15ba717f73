// Package identity is the local identity provider for `make run`: it mints Cognito-shaped ID
// tokens (RS256) with a key kept under the data directory and publishes the matching JWKS. It
// is never deployed; deployed stacks use the Cognito user pool.
package identity

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

const (
	// DefaultTTL is the lifetime of a token issued without one.
	DefaultTTL = time.Hour
	// MaxTTL matches Cognito's longest ID-token lifetime (and jwtauth.MaxTokenLifetime).
	MaxTTL = 24 * time.Hour
)

// Provider signs local ID tokens. It is safe for concurrent use.
type Provider struct {
	issuer   string
	audience string
	key      *rsa.PrivateKey
	kid      string
	jwks     []byte
	keyfunc  keyfunc.Keyfunc
	now      func() time.Time
	codes    *codeStore // authorization codes of the OIDC flow (oidc.go)
}

// Open loads the signing key under dir, creating it (and dir) on first use, so tokens stay
// valid across restarts.
func Open(dir, issuer, audience string) (*Provider, error) {
	if dir == "" || issuer == "" || audience == "" {
		return nil, errors.New("identity: dir, issuer and audience are required")
	}
	key, err := loadOrCreateKey(dir)
	if err != nil {
		return nil, err
	}
	p := &Provider{issuer: issuer, audience: audience, key: key, kid: thumbprint(&key.PublicKey), now: time.Now,
		codes: newCodeStore()}
	jwk, err := jwkset.NewJWKFromKey(&key.PublicKey, jwkset.JWKOptions{
		Metadata: jwkset.JWKMetadataOptions{ALG: jwkset.AlgRS256, KID: p.kid, USE: jwkset.UseSig},
	})
	if err != nil {
		return nil, fmt.Errorf("identity jwk: %w", err)
	}
	store := jwkset.NewMemoryStorage()
	if err := store.KeyWrite(context.Background(), jwk); err != nil {
		return nil, fmt.Errorf("identity jwk: %w", err)
	}
	if p.jwks, err = store.JSONPublic(context.Background()); err != nil {
		return nil, fmt.Errorf("identity jwks: %w", err)
	}
	if p.keyfunc, err = keyfunc.New(keyfunc.Options{Storage: store}); err != nil {
		return nil, fmt.Errorf("identity keyfunc: %w", err)
	}
	return p, nil
}

// Issuer and Audience are what a verifier of this provider's tokens expects.
func (p *Provider) Issuer() string   { return p.issuer }
func (p *Provider) Audience() string { return p.audience }

// KeyID is the RFC 7638 thumbprint of the signing key, sent as the tokens' kid.
func (p *Provider) KeyID() string { return p.kid }

// JWKS returns the public key set document (a copy).
func (p *Provider) JWKS() []byte { return append([]byte(nil), p.jwks...) }

// Keyfunc resolves this provider's public key for an in-process jwtauth.Verifier.
func (p *Provider) Keyfunc() jwt.Keyfunc { return p.keyfunc.Keyfunc }

// Issue signs an ID token for username with groups, valid for ttl (zero means DefaultTTL).
// Input is checked like the token endpoint's: a bad one returns a *domain.ValidationError.
func (p *Provider) Issue(username string, groups []string, ttl time.Duration) (string, error) {
	return p.issue(username, groups, ttl, nil)
}

// issue is Issue with extra claims (the OIDC flow's nonce); extra never overrides a standard claim.
func (p *Provider) issue(username string, groups []string, ttl time.Duration, extra jwt.MapClaims) (string, error) {
	if err := (tokenRequest{Username: username, Groups: groups}).validate(); err != nil {
		return "", err
	}
	switch {
	case ttl == 0:
		ttl = DefaultTTL
	case ttl < 0 || ttl > MaxTTL:
		return "", fmt.Errorf("identity: ttl %s outside (0, %s]", ttl, MaxTTL)
	}
	if groups == nil {
		groups = []string{}
	}
	now := p.now().Truncate(time.Second)
	claims := jwt.MapClaims{
		"iss":              p.issuer,
		"aud":              p.audience, // a string, as Cognito sends it
		"sub":              subject(p.issuer, username),
		"token_use":        "id",
		"cognito:username": username,
		"cognito:groups":   groups,
		"auth_time":        now.Unix(),
		"iat":              now.Unix(),
		"exp":              now.Add(ttl).Unix(),
		"jti":              rand.Text(),
	}
	for k, v := range extra {
		if _, taken := claims[k]; !taken {
			claims[k] = v
		}
	}
	return p.sign(claims)
}

// sign signs claims with the provider's key (RS256, kid = KeyID).
func (p *Provider) sign(claims jwt.MapClaims) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = p.kid
	signed, err := t.SignedString(p.key)
	if err != nil {
		return "", fmt.Errorf("identity: sign token: %w", err)
	}
	return signed, nil
}

// subject derives a stable, UUID-shaped sub from the username (Cognito's sub is a UUID that
// never changes for a user; here it must also survive restarts without a user table).
func subject(issuer, username string) string {
	sum := sha256.Sum256([]byte(issuer + "\x00" + username))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x80 // version 8: custom
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
