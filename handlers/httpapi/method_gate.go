package httpapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// readOnlyPosts are the POST routes that change nothing (any reader may call them).
var readOnlyPosts = map[string]bool{
	"POST /api/lambda-edge/preview": true,
}

// gate checks the caller's role before the handler reads the body, so a viewer gets 403 for
// any mutation whatever its body. Ownership is still checked by the use case.
func gate(pattern string, next http.HandlerFunc) http.Handler {
	method, _, _ := strings.Cut(pattern, " ")
	read := method == http.MethodGet || readOnlyPosts[pattern]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := principal(r)
		if (read && !p.CanRead()) || (!read && !p.CanCreate()) {
			fail(w, r, fmt.Errorf("%s: %w", pattern, domain.ErrForbidden))
			return
		}
		next(w, r)
	})
}

// probeMethods are the methods a 405 may list.
var probeMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// allowedMethods lists the methods some route serves on r's path (empty: no route there).
func allowedMethods(mux *http.ServeMux, r *http.Request) []string {
	var allow []string
	for _, m := range probeMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	return allow
}
