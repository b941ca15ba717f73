// Package jwtauth verifies Cognito-shaped ID tokens (RS256, JWKS) and turns them into a
// domain.Principal. The same code checks real Cognito tokens against the user pool's JWKS and
// the local identity provider's tokens in-process.
package jwtauth

import (
	"context"
	"slices"

	"github.com/golang-jwt/jwt/v5"

	"github.com/cloudfront-manager/cfm/domain"
)

// Verifier is a domain.Authenticator. It is safe for concurrent use.
type Verifier struct {
	cfg  Config
	keys keySource
}

var _ domain.Authenticator = (*Verifier)(nil)

// New builds a Verifier. With a JWKSURL the key set is fetched now (a failure is not fatal:
// the first token re-reads it) and refreshed in the background until ctx ends.
func New(ctx context.Context, cfg Config) (*Verifier, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	v := &Verifier{cfg: cfg}
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
	var claims idClaims
	parsed, err := v.parser().ParseWithClaims(token, &claims, v.keys(ctx))
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
	return domain.Principal{Username: claims.Username, Groups: groups}, nil
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
