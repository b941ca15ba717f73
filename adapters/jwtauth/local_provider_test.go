package jwtauth_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/domain"
)

// The local identity provider is the issuer `make run` uses: its tokens must pass the same
// verifier, in-process and through its JWKS endpoint, and its wrong tokens must not.
func TestLocalProviderTokens(t *testing.T) {
	const localIssuer, localAudience = "http://127.0.0.1:8080/local", "cfm-local"
	p, err := identity.Open(t.TempDir(), localIssuer, localAudience)
	require.NoError(t, err)
	srv := httptest.NewServer(p.JWKSHandler())
	t.Cleanup(srv.Close)

	inProcess, err := jwtauth.New(testContext(t), jwtauth.Config{Issuer: localIssuer, Audience: localAudience, Keyfunc: p.Keyfunc()})
	require.NoError(t, err)
	overHTTP, err := jwtauth.New(testContext(t), jwtauth.Config{Issuer: localIssuer, Audience: localAudience, JWKSURL: srv.URL})
	require.NoError(t, err)
	otherAudience, err := jwtauth.New(testContext(t), jwtauth.Config{Issuer: localIssuer, Audience: "someone-else", Keyfunc: p.Keyfunc()})
	require.NoError(t, err)

	token, err := p.Issue("carol", []string{domain.GroupViewers}, 0)
	require.NoError(t, err)
	for name, v := range map[string]*jwtauth.Verifier{"in-process": inProcess, "jwks endpoint": overHTTP} {
		t.Run(name, func(t *testing.T) {
			got, err := v.Authenticate(context.Background(), token)
			require.NoError(t, err)
			assert.Equal(t, domain.Principal{Username: "carol", Groups: []string{"viewers"}}, got)
		})
	}
	_, err = otherAudience.Authenticate(context.Background(), token)
	assert.ErrorIs(t, err, jwtauth.ErrAudience)
}
