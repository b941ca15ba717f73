package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// maxBody bounds every request body.
const maxBody = 1 << 20

// decode reads exactly one JSON object into v, rejecting unknown fields, wrong types, trailing
// data and oversized bodies with a 4xx that names the field.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return &httpError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", msg: "Content-Type must be application/json"}
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body must hold exactly one JSON object"}
	}
	return nil
}

func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		big *http.MaxBytesError
	)
	switch {
	case errors.As(err, &big):
		return &httpError{status: http.StatusRequestEntityTooLarge, code: "body_too_large", msg: fmt.Sprintf("the body must be at most %d bytes", maxBody)}
	case errors.Is(err, io.EOF):
		return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body is empty"}
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body is not valid JSON"}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return &httpError{status: http.StatusBadRequest, code: "validation_failed", msg: "the request is invalid",
			fields: []domain.FieldError{{Field: field, Message: "must be a " + typ.Type.String()}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &httpError{status: http.StatusBadRequest, code: "validation_failed", msg: "the request is invalid",
			fields: []domain.FieldError{{Field: field, Message: "is not a known field"}}}
	}
	return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body could not be read"}
}

// pageParams reads ?limit=&cursor=.
func pageParams(r *http.Request) (limit int, cursor string, err error) {
	q := r.URL.Query()
	if q.Has("limit") && q.Get("limit") == "" {
		return 0, "", domain.Invalid("limit", "must be a whole number")
	}
	if s := q.Get("limit"); s != "" {
		n, convErr := strconv.Atoi(s)
		if convErr != nil {
			return 0, "", domain.Invalid("limit", "must be a whole number")
		}
		if n < 1 {
			return 0, "", domain.Invalid("limit", "must be at least 1")
		}
		limit = n
	}
	return limit, q.Get("cursor"), nil
}

// idempotencyKey reads the Idempotency-Key header (1-255 printable ASCII characters).
func idempotencyKey(r *http.Request) (string, error) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return "", nil
	}
	if len(k) > 255 || strings.IndexFunc(k, func(c rune) bool { return c < 0x21 || c > 0x7e }) >= 0 {
		return "", domain.Invalid("Idempotency-Key", "must be 1-255 printable ASCII characters")
	}
	return k, nil
}

// mutation reads a mutation's Idempotency-Key and its strict JSON body. When either is bad it
// has already answered, and valid is false.
func mutation[T any](w http.ResponseWriter, r *http.Request) (body T, key string, valid bool) {
	key, err := idempotencyKey(r)
	if err == nil {
		err = decode(w, r, &body)
	}
	if err != nil {
		fail(w, r, err)
		return body, "", false
	}
	return body, key, true
}
