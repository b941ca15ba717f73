package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Exit codes (README: "Exit codes").
const (
	ExitOK      = 0
	ExitFailed  = 1 // the operation failed, or any other error (not found, server, network)
	ExitUsage   = 2 // bad flags, arguments or input (a 400)
	ExitAuth    = 3 // not signed in, or forbidden
	ExitRefused = 4 // refused by a guardrail (422) or a conflict (409)
	ExitTimeout = 5 // --timeout passed before the operation ended
	// ExitInterrupted: Ctrl-C (SIGINT) or SIGTERM ended a wait, the shell's 128+SIGINT.
	ExitInterrupted = 130
)

// exitError carries the exit code of a failure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error { return &exitError{code: code, err: err} }

func usagef(format string, args ...any) error {
	return withCode(ExitUsage, fmt.Errorf(format, args...))
}

// codeOf is the exit code for err: its own, or ExitFailed.
func codeOf(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return ExitFailed
}

// apiError is an answer that is not a success, as the API describes it.
type apiError struct {
	Status  int
	Code    string `json:"code"`
	Message string `json:"message"`
	Rule    string `json:"rule"`
	Fields  []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"fields"`
}

func (e *apiError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %s", e.Status, e.Code, e.Message)
	if e.Rule != "" {
		fmt.Fprintf(&b, " (guardrail %s)", e.Rule)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
	}
	return b.String()
}

// statusCode is the exit code for an HTTP status.
func statusCode(status int) int {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return ExitAuth
	case http.StatusConflict, http.StatusUnprocessableEntity:
		return ExitRefused
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		return ExitUsage
	}
	return ExitFailed
}

// answer returns the data of a successful API answer, or the error it describes with its exit
// code.
func answer(status int, body []byte) (json.RawMessage, error) {
	var env struct {
		Success bool            `json:"success"`
		Data    json.RawMessage `json:"data"`
		Error   *apiError       `json:"error"`
	}
	decodeErr := json.Unmarshal(body, &env)
	if status >= 200 && status < 300 {
		if decodeErr != nil {
			return nil, fmt.Errorf("the API answered %d with something that is not its JSON envelope", status)
		}
		return env.Data, nil
	}
	e := env.Error
	if decodeErr != nil || e == nil {
		e = &apiError{Code: strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_")), Message: "the API answered without an error body"}
	}
	e.Status = status
	if status == http.StatusUnauthorized {
		e.Message += " (sign in again: cfm login)"
	}
	return nil, withCode(statusCode(status), e)
}
