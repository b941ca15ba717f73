package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// maxBody bounds every request body.
const maxBody = 1 << 20

// decode reads exactly one JSON object into v, rejecting unknown fields, wrong types, nulls
// (a null is never a value the API takes, except inside the top-level members named in
// patches, which are JSON merge patches where null removes), trailing data and oversized
// bodies with a 4xx that names the field.
func decode(w http.ResponseWriter, r *http.Request, v any, patches ...string) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return &httpError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", msg: "Content-Type must be application/json"}
		}
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return decodeError(err)
	}
	var tree any
	if treeChecks(raw) && json.Unmarshal(raw, &tree) == nil {
		if field := nullAt(tree, "", patches); field != "" {
			return domain.Invalid(field, "must not be null; leave it out instead")
		}
		if field := missingMember(tree); field != "" {
			return domain.Invalid(field, "is required")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body must hold exactly one JSON object"}
	}
	return nil
}

// treeChecks reports whether the generic pass (nulls, required members) can find anything in
// raw, so the common body is decoded once, not twice: a null is the bytes "null" (a literal
// cannot be escaped), a required member's object is under its name, and any escape sequence
// could spell either, so a body with a backslash always gets the pass.
func treeChecks(raw []byte) bool {
	if bytes.Contains(raw, []byte("null")) || bytes.IndexByte(raw, '\\') >= 0 {
		return true
	}
	for name := range requiredMembers {
		if bytes.Contains(raw, []byte(name)) {
			return true
		}
	}
	return false
}

// requiredMembers are members a top-level object of that name must carry (a false and an
// absent boolean decode alike, so the decoder alone cannot tell them apart).
var requiredMembers = map[string][]string{
	"websiteHosting":    {"enabled"},
	"corsConfiguration": {"enabled"},
}

// missingMember returns the first required member a body leaves out ("" when none).
func missingMember(tree any) string {
	body, _ := tree.(map[string]any)
	for name, members := range requiredMembers {
		obj, ok := body[name].(map[string]any)
		if !ok {
			continue
		}
		for _, m := range members {
			if _, has := obj[m]; !has {
				return name + "." + m
			}
		}
	}
	return ""
}

// nullAt returns the path of the first null in v ("" when there is none), skipping the
// top-level members named in patches.
func nullAt(v any, path string, patches []string) string {
	switch t := v.(type) {
	case nil:
		return firstNonEmpty(path, "(body)")
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if path == "" && slices.Contains(patches, k) {
				continue
			}
			p := k
			if path != "" {
				p = path + "." + k
			}
			if f := nullAt(t[k], p, patches); f != "" {
				return f
			}
		}
	case []any:
		for i, e := range t {
			if f := nullAt(e, fmt.Sprintf("%s[%d]", path, i), patches); f != "" {
				return f
			}
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
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
			fields: []domain.FieldError{{Field: field, Message: "must be " + jsonKind(typ.Type)}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &httpError{status: http.StatusBadRequest, code: "validation_failed", msg: "the request is invalid",
			fields: []domain.FieldError{{Field: field, Message: "is not a known field"}}}
	}
	return &httpError{status: http.StatusBadRequest, code: "invalid_json", msg: "the body could not be read"}
}

// jsonKind names a Go type as the JSON the API expects, never as the Go type.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object"
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
	if _, sent := r.Header["Idempotency-Key"]; !sent {
		return "", nil
	}
	if k == "" || len(k) > 255 || strings.IndexFunc(k, func(c rune) bool { return c < 0x21 || c > 0x7e }) >= 0 {
		return "", domain.Invalid("Idempotency-Key", "must be 1-255 printable ASCII characters")
	}
	return k, nil
}

// mutation reads a mutation's Idempotency-Key and its strict JSON body. When either is bad it
// has already answered, and valid is false.
func mutation[T any](w http.ResponseWriter, r *http.Request, patches ...string) (body T, key string, valid bool) {
	key, err := idempotencyKey(r)
	if err == nil {
		err = decode(w, r, &body, patches...)
	}
	if err != nil {
		fail(w, r, err)
		return body, "", false
	}
	return body, key, true
}
