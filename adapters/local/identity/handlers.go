package identity

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// maxTokenRequestBytes bounds the POST /local/token body.
const maxTokenRequestBytes = 4 << 10

// TokenHandler serves POST /local/token: {"username":"alice","groups":["developers"]} →
// 200 {"token":"…"}. Bad input answers 400 with the API's error envelope.
func (p *Provider) TokenHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use POST", nil)
			return
		}
		req, err := decodeTokenRequest(w, r)
		if err == nil {
			err = req.validate()
		}
		var invalid *domain.ValidationError
		switch {
		case errors.As(err, new(*http.MaxBytesError)):
			writeError(w, http.StatusRequestEntityTooLarge, "payload_too_large",
				fmt.Sprintf("request body exceeds %d bytes", maxTokenRequestBytes), nil)
			return
		case errors.As(err, &invalid):
			writeError(w, http.StatusBadRequest, "validation_failed", invalid.Error(), invalid.Fields)
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "validation_failed", "invalid token request", nil)
			return
		}
		token, err := p.Issue(req.Username, req.Groups, 0)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "could not issue token", nil)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, struct {
			Token string `json:"token"`
		}{token})
	})
}

// decodeTokenRequest reads exactly one JSON object with only known fields. Failures are a
// *domain.ValidationError (naming the field, or "body") or an *http.MaxBytesError.
func decodeTokenRequest(w http.ResponseWriter, r *http.Request) (tokenRequest, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if media, _, err := mime.ParseMediaType(ct); err != nil || media != "application/json" {
			return tokenRequest{}, domain.Invalid("body", "content type must be application/json")
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTokenRequestBytes))
	dec.DisallowUnknownFields()
	var req tokenRequest
	if err := dec.Decode(&req); err != nil {
		return tokenRequest{}, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if errors.As(err, new(*http.MaxBytesError)) {
			return tokenRequest{}, err
		}
		return tokenRequest{}, domain.Invalid("body", "must hold a single JSON object")
	}
	return req, nil
}

// decodeError turns a decoder failure into a message fit for the caller.
func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	const unknownField = "json: unknown field "
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		return err
	case errors.Is(err, io.EOF):
		return domain.Invalid("body", "is empty")
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return domain.Invalid("body", "is not valid JSON")
	case errors.As(err, &typ) && typ.Field != "":
		return domain.Invalid(typ.Field, "has the wrong type")
	case strings.HasPrefix(err.Error(), unknownField):
		return domain.Invalid(strings.Trim(strings.TrimPrefix(err.Error(), unknownField), `"`), "is not a known field")
	default:
		return domain.Invalid("body", "must be a JSON object with username and groups")
	}
}

// JWKSHandler serves GET /local/.well-known/jwks.json.
func (p *Provider) JWKSHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use GET", nil)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(p.jwks)
		}
	})
}

// errorBody is the API's error envelope.
type errorBody struct {
	Success bool `json:"success"`
	Error   struct {
		Code    string              `json:"code"`
		Message string              `json:"message"`
		Fields  []domain.FieldError `json:"fields,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message string, fields []domain.FieldError) {
	var body errorBody
	body.Error.Code, body.Error.Message, body.Error.Fields = code, message, fields
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
