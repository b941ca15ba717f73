package jwtauth

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Defaults and bounds for Config.
const (
	// DefaultLeeway absorbs clock skew between the token issuer and this process.
	DefaultLeeway = 30 * time.Second
	// MaxLeeway keeps the leeway small: a larger one would quietly extend every token.
	MaxLeeway = 5 * time.Minute
	// MaxTokenLifetime is the longest exp - iat accepted. Cognito caps ID tokens at one day.
	MaxTokenLifetime = 24 * time.Hour
	// DefaultRefreshInterval is how often a remote JWKS is re-read in the background.
	DefaultRefreshInterval = time.Hour
	// DefaultUnknownKIDRefreshEvery is the minimum time between two JWKS re-reads caused by
	// tokens that name a key id the cache does not know (key rotation, or someone probing).
	DefaultUnknownKIDRefreshEvery = 5 * time.Minute
	// maxTokenBytes bounds the work spent on a single bearer token.
	maxTokenBytes = 16 << 10
)

// Config says which tokens a Verifier accepts. Exactly one of JWKSURL and Keyfunc is set.
type Config struct {
	// Issuer is the exact expected `iss`, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc.
	Issuer string
	// Audience must appear in `aud` (for Cognito ID tokens: the app client id).
	Audience string
	// JWKSURL is the remote key set (Cognito: Issuer + "/.well-known/jwks.json"). It must be
	// https, except on a loopback host (tests, local runs).
	JWKSURL string
	// Keyfunc resolves keys in-process (the local identity provider). Optional.
	Keyfunc jwt.Keyfunc
	// Leeway for exp/nbf/iat; zero means DefaultLeeway, at most MaxLeeway.
	Leeway time.Duration
	// Clock returns "now"; nil means time.Now.
	Clock func() time.Time

	// HTTPClient fetches JWKSURL; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// RefreshInterval for the background JWKS refresh; zero means DefaultRefreshInterval.
	RefreshInterval time.Duration
	// UnknownKIDRefreshEvery rate-limits refreshes on unknown kids; zero means the default.
	UnknownKIDRefreshEvery time.Duration
}

func (c Config) withDefaults() (Config, error) {
	var errs []error
	if c.Issuer == "" {
		errs = append(errs, errors.New("issuer is required"))
	}
	if c.Audience == "" {
		errs = append(errs, errors.New("audience is required"))
	}
	switch {
	case c.JWKSURL == "" && c.Keyfunc == nil:
		errs = append(errs, errors.New("one of JWKSURL and Keyfunc is required"))
	case c.JWKSURL != "" && c.Keyfunc != nil:
		errs = append(errs, errors.New("JWKSURL and Keyfunc are mutually exclusive"))
	case c.JWKSURL != "":
		if err := checkJWKSURL(c.JWKSURL); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case c.Leeway == 0:
		c.Leeway = DefaultLeeway
	case c.Leeway < 0 || c.Leeway > MaxLeeway:
		errs = append(errs, fmt.Errorf("leeway %s outside [0, %s]", c.Leeway, MaxLeeway))
	}
	if c.RefreshInterval < 0 || c.UnknownKIDRefreshEvery < 0 {
		errs = append(errs, errors.New("refresh intervals must not be negative"))
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if c.RefreshInterval == 0 {
		c.RefreshInterval = DefaultRefreshInterval
	}
	if c.UnknownKIDRefreshEvery == 0 {
		c.UnknownKIDRefreshEvery = DefaultUnknownKIDRefreshEvery
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("jwtauth config: %w", err)
	}
	return c, nil
}

// checkJWKSURL refuses key sets fetched in clear text from anywhere but this machine.
func checkJWKSURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("JWKSURL %q is not an absolute URL", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if host == "localhost" {
			return nil
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
			return nil
		}
	}
	return fmt.Errorf("JWKSURL %q must use https (http only on loopback)", raw)
}
