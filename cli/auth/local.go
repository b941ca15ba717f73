package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// LocalLogin asks the local identity provider of cfm-local (POST <api>/local/token) for a
// token naming user and groups.
func LocalLogin(ctx context.Context, hc *http.Client, apiURL, user string, groups []string) (Token, error) {
	body, err := json.Marshal(map[string]any{"username": user, "groups": groups})
	if err != nil {
		return Token{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(apiURL, "/")+"/local/token", bytes.NewReader(body))
	if err != nil {
		return Token{}, fmt.Errorf("local sign-in: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return Token{}, fmt.Errorf("local sign-in: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Token{}, fmt.Errorf("local sign-in: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Token{}, fmt.Errorf("local sign-in: %s answered %d (is it cfm-local?): %s", apiURL, resp.StatusCode, firstLine(raw))
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || out.Token == "" {
		return Token{}, fmt.Errorf("local sign-in: no token in the answer")
	}
	return fromIDToken(out.Token, "")
}

// firstLine is a short excerpt of an error body for a message (never a token: only error
// answers are quoted).
func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
