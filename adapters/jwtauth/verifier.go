// Package jwtauth verifies Cognito-shaped ID tokens (RS256, JWKS) and turns them into a
// domain.Principal. The same code checks real Cognito tokens against the user pool's JWKS and
// the local identity provider's tokens in-process.
package jwtauth

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/cloudfront-manager/cfm/domain"
)

// Verifier is a domain.Authenticator. It is safe for concurrent use.
type Verifier struct {
	cfg  Config
	keys keySource
	// verified remembers tokens whose signature and claims checked out (by SHA-256, not the
	// token itself), so a client repeating its token costs a lookup, not an RSA verification
	// (most of an API request's CPU otherwise). A hit still checks exp against the clock and
	// that the key set still holds the key that verified it (a key withdrawn from the JWKS
	// stops working at the same moment as without the cache); entries live at most
	// verifiedTTL.
	verified *lru.Cache[[sha256.Size]byte, verifiedToken]
}

// verifiedToken is what a cache hit needs: the principal, when the token expires, and the key
// that verified it (a hit counts only while the key set still maps the kid to that key).
type verifiedToken struct {
	principal domain.Principal
	expires   time.Time
	until     time.Time // verifiedTTL after the verification
	kid       string
	key       *rsa.PublicKey
}

// Bounds of the verified-token cache.
const (
	verifiedTokens = 4096
	verifiedTTL    = time.Minute
)

var _ domain.Authenticator = (*Verifier)(nil)

// New builds a Verifier. With a JWKSURL the key set is fetched now (a failure is not fatal:
// the first token re-reads it) and refreshed in the background until ctx ends.
func New(ctx context.Context, cfg Config) (*Verifier, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	cache, err := lru.New[[sha256.Size]byte, verifiedToken](verifiedTokens)
	if err != nil {
		return nil, fmt.Errorf("jwtauth: %w", err)
	}
	v := &Verifier{cfg: cfg, verified: cache}
	if cfg.Keyfunc != nil {
		v.keys = staticKeys(cfg.Keyfunc)
		return v, nil
	}
	if v.keys, err = remoteKeys(ctx, cfg); err != nil {
		return nil, err
	}
	return v, nil
}

// Authenticate verifies token and returns its principal. Every failure Is
// domain.ErrUnauthenticated and one of this package's reason errors.
func (v *Verifier) Authenticate(ctx context.Context, token string) (domain.Principal, error) {
	if token == "" {
		return domain.Principal{}, reject(ErrMissingToken)
	}
	if len(token) > maxTokenBytes {
		return domain.Principal{}, reject(ErrMalformed)
	}
	sum := sha256.Sum256([]byte(token))
	keys := v.keys(ctx)
	if hit, ok := v.verified.Get(sum); ok {
		now := v.cfg.Clock()
		if !now.Before(hit.expires.Add(v.cfg.Leeway)) { // as jwt: valid while now < exp + leeway
			v.verified.Remove(sum)
			return domain.Principal{}, reject(ErrExpired)
		}
		if now.Before(hit.until) && hit.stillSigned(keys) {
			return domain.Principal{Username: hit.principal.Username, Groups: slices.Clone(hit.principal.Groups)}, nil
		}
		v.verified.Remove(sum) // stale, or the key changed: verify again, which names the reason
	}
	var claims idClaims
	var used *rsa.PublicKey
	parsed, err := v.parser().ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		k, err := keys(t)
		used, _ = k.(*rsa.PublicKey)
		return k, err
	})
	if err != nil {
		return domain.Principal{}, reject(classify(parsed, err))
	}
	if err := v.checkIDClaims(&claims); err != nil {
		return domain.Principal{}, reject(err)
	}
	groups := slices.Clone(claims.Groups)
	if groups == nil {
		groups = []string{}
	}
	p := domain.Principal{Username: claims.Username, Groups: groups}
	if kid, _ := parsed.Header["kid"].(string); used != nil {
		v.verified.Add(sum, verifiedToken{principal: domain.Principal{Username: p.Username, Groups: slices.Clone(groups)},
			expires: claims.ExpiresAt.Time, until: v.cfg.Clock().Add(verifiedTTL), kid: kid, key: used})
	}
	return p, nil
}

// stillSigned reports whether the key set still resolves the token's kid to the key that
// verified it.
func (t verifiedToken) stillSigned(keys jwt.Keyfunc) bool {
	k, err := keys(&jwt.Token{Method: jwt.SigningMethodRS256, Header: map[string]any{"alg": jwt.SigningMethodRS256.Alg(), "kid": t.kid}})
	pub, ok := k.(*rsa.PublicKey)
	return err == nil && ok && pub.Equal(t.key)
}

// parser pins the algorithm and the registered claims. A fresh Parser per call: jwt.Parser
// mutates itself lazily and is not documented as safe for concurrent use.
func (v *Verifier) parser() *jwt.Parser {
	return jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithIssuer(v.cfg.Issuer),
		jwt.WithAudience(v.cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(v.cfg.Leeway),
		jwt.WithTimeFunc(v.cfg.Clock),
	)
}

// checkIDClaims checks what jwt does not: Cognito's own claims and a sane iat.
func (v *Verifier) checkIDClaims(c *idClaims) error {
	switch {
	case c.TokenUse != tokenUseID:
		return ErrTokenUse
	case c.Username == "":
		return ErrMissingClaim
	case c.IssuedAt == nil:
		return ErrMissingClaim
	}
	lifetime := c.ExpiresAt.Sub(c.IssuedAt.Time)
	if lifetime <= 0 || lifetime > MaxTokenLifetime {
		return ErrLifetime
	}
	return nil
}
