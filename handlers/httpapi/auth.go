package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

type principalKey struct{}

// authenticate requires a valid bearer token on every request it wraps.
func authenticate(auth domain.Authenticator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		scheme, token, found := strings.Cut(h, " ")
		if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			fail(w, r, fmt.Errorf("missing bearer token: %w", domain.ErrUnauthenticated))
			return
		}
		p, err := auth.Authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			fail(w, r, fmt.Errorf("authenticate: %w", domain.ErrUnauthenticated))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

// principal returns the caller authenticated by the middleware.
func principal(r *http.Request) domain.Principal {
	p, _ := r.Context().Value(principalKey{}).(domain.Principal)
	return p
}
