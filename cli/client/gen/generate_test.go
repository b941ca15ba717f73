package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The committed client is what the current OpenAPI document generates: a route or schema
// changed without `go generate ./cli/client` fails here.
func TestGeneratedClientIsCurrent(t *testing.T) {
	want, err := generate()
	require.NoError(t, err)
	got, err := os.ReadFile("../client.gen.go")
	require.NoError(t, err)
	assert.True(t, string(want) == string(got), "cli/client/client.gen.go is stale: run `go generate ./cli/client`")
}
