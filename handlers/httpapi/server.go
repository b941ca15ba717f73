package httpapi

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Config wires the API to its use cases.
type Config struct {
	Auth domain.Authenticator
	// Deps builds every use case the routes call.
	Deps shared.Deps
	// Health reports readiness for GET /healthz; nil = always ready.
	Health func() map[string]any
	// Extra mounts routes outside /api (the local identity provider, the console), unauthenticated.
	Extra map[string]http.Handler
	// ConsoleOrigin is the one browser origin CORS allows (cors.go); empty = none.
	ConsoleOrigin string
}

// New returns the API handler: /healthz, /api/openapi.json, and every /api route behind auth.
func New(cfg Config) http.Handler {
	api := http.NewServeMux()
	for _, rt := range routes(cfg.Deps) {
		api.Handle(rt.pattern, gate(rt.pattern, rt.handler))
	}
	api.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := allowedMethods(api, r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			fail(w, r, &httpError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
				msg: r.Method + " is not supported here; allowed: " + strings.Join(allow, ", ")})
			return
		}
		fail(w, r, &httpError{status: http.StatusNotFound, code: "not_found", msg: "no such route"})
	})

	root := http.NewServeMux()
	root.Handle("/api/", authenticate(cfg.Auth, api))
	root.HandleFunc("GET /api/openapi.json", serveOpenAPI)
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		var h map[string]any
		if cfg.Health != nil {
			h = cfg.Health()
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "details": h})
	})
	for pattern, h := range cfg.Extra {
		root.Handle(pattern, h)
	}
	return cors(cfg.ConsoleOrigin, recoverer(securityHeaders(root)))
}

// recoverer turns a panic into a 500 without leaking details.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				slog.ErrorContext(r.Context(), "panic in handler", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				writeJSON(w, http.StatusInternalServerError, envelope{Success: false, Message: "internal error",
					Error: &errorBody{Code: "internal", Message: "internal error"}})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
