package awstest

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestName(t *testing.T) {
	a, b := Name(t, "cfm"), Name(t, "cfm")
	assert.NotEqual(t, a, b)
	assert.Regexp(t, regexp.MustCompile(`^cfm-TestName-[0-9a-f]{8}$`), a)
	t.Run(strings.Repeat("a very long subtest name/", 6), func(t *testing.T) {
		n := Name(t, "prefix")
		assert.LessOrEqual(t, len(n), 60)
		assert.Regexp(t, regexp.MustCompile(`^prefix-[A-Za-z0-9-]+-[0-9a-f]{8}$`), n)
	})
}

// TestEndpointStartsMoto: without CFM_TEST_AWS_ENDPOINT a server is started and answers.
func TestEndpointStartsMoto(t *testing.T) {
	if _, err := motoBinary(); err != nil && testing.Short() {
		t.Skip(err)
	}
	t.Setenv(EnvEndpoint, "")
	url := Endpoint(t)
	resp, err := http.Get(url + "/moto-api/")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, url, Endpoint(t), "one server per test binary")
}

func TestEndpointFromEnvironment(t *testing.T) {
	t.Setenv(EnvEndpoint, "http://127.0.0.1:9")
	assert.Equal(t, "http://127.0.0.1:9", Endpoint(t))
}

// TestMissingVirtualenv: outside a repository with .venv the error says how to get one.
func TestMissingVirtualenv(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o600))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "pkg"), 0o700))
	t.Chdir(filepath.Join(dir, "pkg"))
	_, err := motoBinary()
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(".venv", "bin", "moto_server"))
}
