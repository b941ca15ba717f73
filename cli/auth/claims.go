package auth

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// fromIDToken fills a Token from an ID token's claims: who it names and when it expires. The
// signature is not checked here (the API checks it on every call); this is for display and
// for knowing when to sign in again.
func fromIDToken(raw, refresh string) (Token, error) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return Token{}, fmt.Errorf("the identity provider answered something that is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return Token{}, fmt.Errorf("token claims: %w", err)
	}
	var c struct {
		Exp      int64    `json:"exp"`
		Username string   `json:"cognito:username"`
		Groups   []string `json:"cognito:groups"`
		Email    string   `json:"email"`
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return Token{}, fmt.Errorf("token claims: %w", err)
	}
	if c.Exp == 0 {
		return Token{}, fmt.Errorf("token claims: no exp")
	}
	name := c.Username
	if name == "" {
		name = c.Email
	}
	return Token{IDToken: raw, RefreshToken: refresh, ExpiresAt: time.Unix(c.Exp, 0).UTC(), Username: name, Groups: c.Groups}, nil
}
