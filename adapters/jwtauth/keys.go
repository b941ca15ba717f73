package jwtauth

import (
	"context"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

const (
	// minRSABits is the smallest RSA modulus a signing key may have.
	minRSABits = 2048
	// unknownKIDBudget bounds what a token with an unknown kid may cost a request: the wait
	// for the refresh limiter (given up at once when its next slot is further away) plus the
	// JWKS fetch itself.
	unknownKIDBudget = 5 * time.Second
)

// keySource resolves the verification key for one token, within a request's context.
type keySource func(ctx context.Context) jwt.Keyfunc

// remoteKeys reads a JWKS over HTTP through keyfunc: cached, refreshed in the background until
// ctx ends, and re-read on an unknown kid at most once per cfg.UnknownKIDRefreshEvery. A token
// naming an unknown kid while the limiter is empty fails at once instead of waiting, so probing
// with random kids costs neither latency nor requests to the issuer.
func remoteKeys(ctx context.Context, cfg Config) (keySource, error) {
	remote, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{cfg.JWKSURL}, keyfunc.Override{
		Client:            cfg.HTTPClient,
		HTTPTimeout:       unknownKIDBudget,
		RefreshInterval:   cfg.RefreshInterval,
		RefreshUnknownKID: rate.NewLimiter(rate.Every(cfg.UnknownKIDRefreshEvery), 1),
		RateLimitWaitMax:  unknownKIDBudget,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				slog.WarnContext(ctx, "jwks refresh failed", "url", u, "error", err)
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("jwks %s: %w", cfg.JWKSURL, err)
	}
	// Same storage, but only keys meant for signatures (Cognito marks them "sig").
	k, err := keyfunc.New(keyfunc.Options{
		Ctx:          ctx,
		Storage:      remote.Storage(),
		UseWhitelist: []jwkset.USE{jwkset.UseSig, ""},
	})
	if err != nil {
		return nil, fmt.Errorf("jwks %s: %w", cfg.JWKSURL, err)
	}
	return func(ctx context.Context) jwt.Keyfunc { return requireRSAKey(k.KeyfuncCtx(ctx)) }, nil
}

// staticKeys wraps an in-process jwt.Keyfunc.
func staticKeys(kf jwt.Keyfunc) keySource {
	wrapped := requireRSAKey(kf)
	return func(context.Context) jwt.Keyfunc { return wrapped }
}

// requireRSAKey insists on a kid and on a single RSA public key of at least minRSABits. Without
// a kid keyfunc would try every key in the set; any other key type has no business verifying
// an RS256 signature.
func requireRSAKey(next jwt.Keyfunc) jwt.Keyfunc {
	return func(t *jwt.Token) (any, error) {
		if kid, _ := t.Header["kid"].(string); kid == "" {
			return nil, ErrMissingKID
		}
		key, err := next(t)
		if err != nil {
			return nil, ErrUnknownKey // the cause names the token's kid: drop it
		}
		pub, ok := key.(*rsa.PublicKey)
		if !ok || pub.N == nil || pub.N.BitLen() < minRSABits {
			return nil, errWrongKeyType
		}
		return pub, nil
	}
}
