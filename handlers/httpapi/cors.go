package httpapi

import (
	"net/http"
	"strings"
)

// CORS for the web console: the configured console origin, and only it, may call the API from a
// browser. The headers go on every response (errors and panics included, since they are set
// before the handler runs), and a preflight OPTIONS is answered here, before authentication
// (a browser never sends credentials on a preflight).
const (
	corsAllowMethods = "GET, POST, PUT, DELETE, OPTIONS"
	corsAllowHeaders = "Authorization, Content-Type, Idempotency-Key"
	corsExposeHeader = "Location, Retry-After"
	corsMaxAge       = "600"
)

func cors(allowed string, next http.Handler) http.Handler {
	allowed = strings.TrimSuffix(allowed, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		match := allowed != "" && origin == allowed
		if match {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Expose-Headers", corsExposeHeader)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" &&
			strings.HasPrefix(r.URL.Path, "/api/") {
			if match {
				h.Set("Access-Control-Allow-Methods", corsAllowMethods)
				h.Set("Access-Control-Allow-Headers", corsAllowHeaders)
				h.Set("Access-Control-Max-Age", corsMaxAge)
			}
			// A foreign origin gets the same 204 without allow headers: the browser refuses it.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
