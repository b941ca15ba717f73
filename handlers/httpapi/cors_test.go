package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

const consoleOrigin = "https://console.example.com"

// refuseAll is an Authenticator that never accepts a token (and records that it was asked).
type refuseAll struct{ calls int }

func (r *refuseAll) Authenticate(context.Context, string) (domain.Principal, error) {
	r.calls++
	return domain.Principal{}, domain.ErrUnauthenticated
}

func TestCORSAllowsOnlyTheConsoleOriginOnEveryResponse(t *testing.T) {
	auth := &refuseAll{}
	h := New(Config{Auth: auth, Deps: shared.Deps{}, ConsoleOrigin: consoleOrigin + "/"})
	cases := []struct {
		name, method, path, origin string
		status                     int
		allowed                    bool
	}{
		{"error response (401) carries it", http.MethodGet, "/api/distributions", consoleOrigin, http.StatusUnauthorized, true},
		{"unknown route (404 after auth)", http.MethodGet, "/api/nope", consoleOrigin, http.StatusUnauthorized, true},
		{"public document", http.MethodGet, "/api/openapi.json", consoleOrigin, http.StatusOK, true},
		{"health", http.MethodGet, "/healthz", consoleOrigin, http.StatusOK, true},
		{"foreign origin gets nothing", http.MethodGet, "/api/distributions", "https://evil.example", http.StatusUnauthorized, false},
		{"no origin (curl) gets nothing", http.MethodGet, "/api/distributions", "", http.StatusUnauthorized, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tc.status, rec.Code)
			assert.Contains(t, rec.Header().Values("Vary"), "Origin")
			if tc.allowed {
				assert.Equal(t, consoleOrigin, rec.Header().Get("Access-Control-Allow-Origin"))
				assert.Equal(t, "Location, Retry-After", rec.Header().Get("Access-Control-Expose-Headers"))
			} else {
				assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
			}
		})
	}
}

func TestCORSPreflightIsAnsweredBeforeAuthentication(t *testing.T) {
	auth := &refuseAll{}
	h := New(Config{Auth: auth, Deps: shared.Deps{}, ConsoleOrigin: consoleOrigin})
	for _, origin := range []string{consoleOrigin, "https://evil.example"} {
		req := httptest.NewRequest(http.MethodOptions, "/api/distributions/d-1", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", http.MethodPut)
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusNoContent, rec.Code)
		if origin == consoleOrigin {
			assert.Equal(t, consoleOrigin, rec.Header().Get("Access-Control-Allow-Origin"))
			assert.Contains(t, rec.Header().Get("Access-Control-Allow-Methods"), http.MethodPut)
			assert.Contains(t, rec.Header().Get("Access-Control-Allow-Headers"), "Idempotency-Key")
		} else {
			assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
			assert.Empty(t, rec.Header().Get("Access-Control-Allow-Methods"))
		}
	}
	assert.Zero(t, auth.calls, "a preflight never reaches the authenticator")
}

func TestCORSHeaderSurvivesAPanic(t *testing.T) {
	h := cors(consoleOrigin, recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })))
	req := httptest.NewRequest(http.MethodGet, "/api/x", nil)
	req.Header.Set("Origin", consoleOrigin)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, consoleOrigin, rec.Header().Get("Access-Control-Allow-Origin"))
}

func TestCORSOffWithoutAConsoleOrigin(t *testing.T) {
	h := New(Config{Auth: &refuseAll{}, Deps: shared.Deps{}})
	req := httptest.NewRequest(http.MethodGet, "/api/distributions", nil)
	req.Header.Set("Origin", consoleOrigin)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"))
}
