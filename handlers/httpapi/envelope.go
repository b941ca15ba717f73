// Package httpapi is the HTTP transport of the API: routing, authentication, strict decoding,
// the {"success","data","message"} envelope, and the one mapping from errors to status codes.
package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/cloudfront-manager/cfm/domain"
)

// envelope is the seed API's response shape.
type envelope struct {
	Success bool       `json:"success"`
	Data    any        `json:"data,omitempty"`
	Message string     `json:"message,omitempty"`
	Error   *errorBody `json:"error,omitempty"`
}

type errorBody struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Fields  []domain.FieldError `json:"fields,omitempty"`
	Rule    string              `json:"rule,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func ok(w http.ResponseWriter, status int, data any, message string) {
	writeJSON(w, status, envelope{Success: true, Data: data, Message: message})
}

// apiError is an error with its HTTP status and code.
type apiError struct {
	status int
	body   errorBody
}

// classify is the one mapping from errors to HTTP status and error code.
func classify(err error) apiError {
	var (
		ve *domain.ValidationError
		pv *domain.PolicyViolation
		he *httpError
	)
	switch {
	case errors.As(err, &he):
		return apiError{he.status, errorBody{Code: he.code, Message: he.msg, Fields: he.fields}}
	case errors.As(err, &ve):
		return apiError{http.StatusBadRequest, errorBody{Code: "validation_failed", Message: "the request is invalid", Fields: ve.Fields}}
	case errors.As(err, &pv):
		var fields []domain.FieldError
		if pv.Field != "" {
			fields = []domain.FieldError{{Field: pv.Field, Message: pv.Message}}
		}
		return apiError{http.StatusUnprocessableEntity, errorBody{Code: "policy_violation", Message: pv.Error(), Fields: fields, Rule: pv.Rule}}
	case errors.Is(err, domain.ErrUnauthenticated):
		return apiError{http.StatusUnauthorized, errorBody{Code: "unauthenticated", Message: "a valid bearer token is required"}}
	case errors.Is(err, domain.ErrForbidden):
		return apiError{http.StatusForbidden, errorBody{Code: "forbidden", Message: "you may not do this"}}
	case errors.Is(err, domain.ErrNotFound):
		// The wrapped chain names store keys and cloud errors; the caller learns only what is missing.
		return apiError{http.StatusNotFound, errorBody{Code: "not_found", Message: "no such resource"}}
	case errors.Is(err, domain.ErrConflict), errors.Is(err, domain.ErrAlreadyExists), errors.Is(err, domain.ErrPreconditionFailed):
		return apiError{http.StatusConflict, errorBody{Code: "conflict", Message: err.Error()}}
	case errors.Is(err, domain.ErrThrottled):
		return apiError{http.StatusTooManyRequests, errorBody{Code: "throttled", Message: "too many requests; retry later"}}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return apiError{http.StatusServiceUnavailable, errorBody{Code: "unavailable", Message: "the service is busy; retry later"}}
	}
	return apiError{http.StatusInternalServerError, errorBody{Code: "internal", Message: "internal error"}}
}

func fail(w http.ResponseWriter, r *http.Request, err error) {
	ae := classify(err)
	ae.body = ae.body.bounded()
	if ae.status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	switch ae.status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="cfm"`)
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", retryAfter(err))
	}
	writeJSON(w, ae.status, envelope{Success: false, Message: ae.body.Message, Error: &ae.body})
}

// retryAfter is the Retry-After of a throttled or busy answer: the cloud's retry delay in
// whole seconds (rounded up), 1 when it gave none.
func retryAfter(err error) string {
	d, ok := domain.RetryDelay(err)
	if !ok || d <= 0 {
		return "1"
	}
	return strconv.Itoa(int(math.Ceil(d.Seconds())))
}

// maxMessage bounds every message and field name an error answer carries, so a huge id or
// value in a request is never echoed back whole.
const maxMessage = 240

func bound(s string) string {
	if len(s) <= maxMessage {
		return s
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func (b errorBody) bounded() errorBody {
	b.Message = bound(b.Message)
	if len(b.Fields) > 0 {
		fields := make([]domain.FieldError, len(b.Fields))
		for i, f := range b.Fields {
			fields[i] = domain.FieldError{Field: bound(f.Field), Message: bound(f.Message)}
		}
		b.Fields = fields
	}
	return b
}

// httpError is a transport-level error (bad JSON, wrong content type, body too large).
type httpError struct {
	status int
	code   string
	msg    string
	fields []domain.FieldError
}

func (e *httpError) Error() string { return e.msg }
