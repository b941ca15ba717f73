package auth

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreKeepsTokensPrivate(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "cfm")}
	_, err := s.Token("default")
	assert.ErrorIs(t, err, ErrNotSignedIn)

	tok := Token{IDToken: fakeJWT("alice", time.Now().Add(time.Hour)), Username: "alice", ExpiresAt: time.Now().Add(time.Hour).UTC().Truncate(time.Second)}
	require.NoError(t, s.SaveToken("default", tok))
	got, err := s.Token("default")
	require.NoError(t, err)
	assert.Equal(t, tok, got)
	for path, mode := range map[string]os.FileMode{s.Dir: 0o700, filepath.Join(s.Dir, "tokens"): 0o700, s.TokenPath("default"): 0o600} {
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, mode, info.Mode().Perm(), path)
	}
	entries, err := os.ReadDir(filepath.Join(s.Dir, "tokens"))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left behind")

	require.NoError(t, s.SaveProfile("ci", Profile{APIURL: "https://api.example.com", ClientID: "c"}))
	p, err := s.Profile("ci")
	require.NoError(t, err)
	assert.Equal(t, "https://api.example.com", p.APIURL)
	info, err := os.Stat(filepath.Join(s.Dir, "profiles.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	require.NoError(t, s.DeleteToken("default"))
	require.NoError(t, s.DeleteToken("default"), "signing out twice is fine")
	_, err = s.Token("default")
	assert.ErrorIs(t, err, ErrNotSignedIn)

	for _, bad := range []string{"", "../x", "a/b", ".hidden"} {
		assert.Error(t, s.SaveToken(bad, tok), bad)
	}
}

func TestClaims(t *testing.T) {
	tok, err := fromIDToken(fakeJWT("bob", time.Unix(2_000_000_000, 0)), "r")
	require.NoError(t, err)
	assert.Equal(t, "bob", tok.Username)
	assert.Equal(t, time.Unix(2_000_000_000, 0).UTC(), tok.ExpiresAt)
	for _, bad := range []string{"", "a.b", "a.!!.c", "a." + "e30" + ".c"} {
		_, err := fromIDToken(bad, "")
		assert.Error(t, err, bad)
	}
}
