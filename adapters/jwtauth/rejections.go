package jwtauth

import (
	"errors"
	"fmt"

	"github.com/golang-jwt/jwt/v5"

	"github.com/cloudfront-manager/cfm/domain"
)

// Reasons a token is rejected. Every error Authenticate returns Is domain.ErrUnauthenticated
// and exactly one of these. Their text is fixed: it never repeats the token or any part of it
// (not even the attacker-chosen kid), so it is safe to log.
var (
	ErrMissingToken   = errors.New("missing token")
	ErrMalformed      = errors.New("malformed token")
	ErrAlgorithm      = errors.New("signing algorithm not allowed")
	ErrMissingKID     = errors.New("token header has no kid")
	ErrUnknownKey     = errors.New("no matching signing key")
	ErrSignature      = errors.New("invalid signature")
	ErrExpired        = errors.New("token expired")
	ErrNotYetValid    = errors.New("token not valid yet")
	ErrIssuedInFuture = errors.New("token issued in the future")
	ErrIssuer         = errors.New("wrong issuer")
	ErrAudience       = errors.New("wrong audience")
	ErrMissingClaim   = errors.New("required claim missing")
	ErrTokenUse       = errors.New("not an ID token")
	ErrLifetime       = errors.New("token lifetime out of bounds")
	ErrInvalid        = errors.New("invalid token")
	errWrongKeyType   = fmt.Errorf("%w: not an RSA key of at least 2048 bits", ErrUnknownKey)
)

// reject wraps a reason so that it Is domain.ErrUnauthenticated.
func reject(reason error) error {
	return fmt.Errorf("%w: %w", domain.ErrUnauthenticated, reason)
}

// classify maps a jwt parse error to one reason. The jwt error itself is dropped: parts of it
// (a key id, a claim value) come from the token.
func classify(token *jwt.Token, err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return ErrMalformed
	case token != nil && (token.Method == nil || token.Method.Alg() != jwt.SigningMethodRS256.Alg()):
		return ErrAlgorithm
	case errors.Is(err, ErrMissingKID):
		return ErrMissingKID
	case errors.Is(err, ErrUnknownKey):
		return ErrUnknownKey
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return ErrUnknownKey
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return ErrSignature
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return ErrMissingClaim
	case errors.Is(err, jwt.ErrTokenExpired):
		return ErrExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return ErrNotYetValid
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return ErrIssuedInFuture
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return ErrIssuer
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return ErrAudience
	default:
		return ErrInvalid
	}
}
