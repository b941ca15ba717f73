package output

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDataKeepsTheAPIsMembersAndOrder(t *testing.T) {
	data := []byte(`{"zeta":1,"alpha":{"b":"true","a":[1,"2"]},"empty":[],"none":null}`)
	var out bytes.Buffer
	require.NoError(t, Data(&out, JSON, data, nil))
	assert.Equal(t, "{\n  \"zeta\": 1,\n  \"alpha\": {\n    \"b\": \"true\",\n    \"a\": [\n      1,\n      \"2\"\n    ]\n  },\n  \"empty\": [],\n  \"none\": null\n}\n", out.String())

	out.Reset()
	require.NoError(t, Data(&out, YAML, data, nil))
	assert.Equal(t, "zeta: 1\nalpha:\n  b: \"true\"\n  a:\n    - 1\n    - \"2\"\nempty: []\nnone: null\n", out.String(),
		"strings that read as other types stay strings")
}

func TestDiff(t *testing.T) {
	changes := []Change{{Path: "PriceClass", From: "PriceClass_100", To: "PriceClass_200"},
		{Path: "Comment", To: "new"}, {Path: "Aliases.Items[0]", From: "a.example.com"}}
	var out bytes.Buffer
	require.NoError(t, Diff(&out, changes, false))
	assert.Equal(t, "~ PriceClass: \"PriceClass_100\" → \"PriceClass_200\"\n+ Comment: \"new\"\n- Aliases.Items[0]: \"a.example.com\"\n3 change(s)\n", out.String())

	out.Reset()
	require.NoError(t, Diff(&out, changes[:1], true))
	assert.Equal(t, "\x1b[33m~ PriceClass: \x1b[0m\x1b[31m\"PriceClass_100\"\x1b[0m → \x1b[32m\"PriceClass_200\"\x1b[0m\n1 change(s)\n", out.String())
}
