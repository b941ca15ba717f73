// Package auth signs the CLI in and keeps what that yields: profiles (API URL, sign-in
// settings) and one cached token per profile, in files only the user can read (0600 in a 0700
// directory). A token is never printed or logged; only its claims are shown.
package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// ErrNotSignedIn is a profile without a usable token.
var ErrNotSignedIn = errors.New("not signed in")

// Profile is what a profile remembers besides its token.
type Profile struct {
	APIURL string `json:"apiUrl,omitempty"`
	// AuthURL is the Cognito managed login domain (https://<domain>.auth.<region>.amazoncognito.com),
	// ClientID the app client, CallbackPort the loopback port registered as its callback URL.
	AuthURL      string `json:"authUrl,omitempty"`
	ClientID     string `json:"clientId,omitempty"`
	CallbackPort int    `json:"callbackPort,omitempty"`
}

// Token is a cached sign-in.
type Token struct {
	IDToken      string    `json:"idToken"`
	RefreshToken string    `json:"refreshToken,omitempty"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Username     string    `json:"username"`
	Groups       []string  `json:"groups,omitempty"`
}

// String never shows the token itself, so a Token printed by mistake leaks nothing.
func (t Token) String() string {
	return fmt.Sprintf("token for %s (expires %s)", t.Username, t.ExpiresAt.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (t Token) GoString() string { return t.String() }

// Store keeps profiles and tokens under Dir (os.UserConfigDir()/cfm by default).
type Store struct{ Dir string }

// DefaultDir is os.UserConfigDir()/cfm.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("config dir: %w", err)
	}
	return filepath.Join(base, "cfm"), nil
}

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// CheckProfile refuses names that are not safe as file names.
func CheckProfile(name string) error {
	if !profileName.MatchString(name) {
		return fmt.Errorf("profile %q: use letters, digits, '.', '_' or '-' (at most 64)", name)
	}
	return nil
}

func (s Store) profilesPath() string { return filepath.Join(s.Dir, "profiles.json") }
func (s Store) tokenPath(profile string) string {
	return filepath.Join(s.Dir, "tokens", profile+".json")
}

// Profile returns a profile's settings (zero when it has none yet).
func (s Store) Profile(name string) (Profile, error) {
	all, err := s.profiles()
	return all[name], err
}

func (s Store) profiles() (map[string]Profile, error) {
	all := map[string]Profile{}
	if err := readJSON(s.profilesPath(), &all); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return all, nil
}

// SaveProfile stores a profile's settings.
func (s Store) SaveProfile(name string, p Profile) error {
	if err := CheckProfile(name); err != nil {
		return err
	}
	all, err := s.profiles()
	if err != nil {
		return err
	}
	all[name] = p
	return writePrivate(s.profilesPath(), all)
}

// Token returns a profile's cached token; ErrNotSignedIn when there is none.
func (s Store) Token(profile string) (Token, error) {
	if err := CheckProfile(profile); err != nil {
		return Token{}, err
	}
	var t Token
	err := readJSON(s.tokenPath(profile), &t)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && t.IDToken == "") {
		return Token{}, fmt.Errorf("profile %s: %w", profile, ErrNotSignedIn)
	}
	return t, err
}

// SaveToken caches a profile's token, readable by the user only.
func (s Store) SaveToken(profile string, t Token) error {
	if err := CheckProfile(profile); err != nil {
		return err
	}
	return writePrivate(s.tokenPath(profile), t)
}

// DeleteToken forgets a profile's token; none is not an error.
func (s Store) DeleteToken(profile string) error {
	if err := CheckProfile(profile); err != nil {
		return err
	}
	if err := os.Remove(s.tokenPath(profile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sign out: %w", err)
	}
	return nil
}

// TokenPath is where a profile's token is cached (to tell the user, never its content).
func (s Store) TokenPath(profile string) string { return s.tokenPath(profile) }

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// writePrivate writes v as JSON through a temporary file renamed into place, mode 0600 in
// directories of mode 0700, so a reader never sees half a file and no one else can read it.
func writePrivate(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
