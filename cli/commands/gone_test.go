package commands

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cli/client"
)

// A replayed origin delete once the origin is gone answers a tombstone: the CLI shows its id
// and status, and an origin still there gets the origin's table.
func TestOrGonePrintsTombstoneOrTheResource(t *testing.T) {
	var gone client.DeleteOrigin202JSONResponseBody_Data_Origin
	require.NoError(t, json.Unmarshal([]byte(`{"originId":"origin-0123456789abcdef","status":"Deleted"}`), &gone))
	var out bytes.Buffer
	require.NoError(t, orGone(&out, gone, "originId", gone.AsOrigin, originTable))
	assert.Contains(t, out.String(), "origin-0123456789abcdef")
	assert.Contains(t, out.String(), "Deleted")
	assert.NotContains(t, out.String(), "bucket", "no origin table for a tombstone")

	var live client.DeleteOrigin202JSONResponseBody_Data_Origin
	require.NoError(t, json.Unmarshal([]byte(`{"originId":"origin-0123456789abcdef","name":"site","bucketName":"cfm-site",
		"region":"eu-west-1","status":"Deleting","bucketUrl":"https://x","associatedDistributions":[],"access":"OAC","owner":"alice"}`), &live))
	out.Reset()
	require.NoError(t, orGone(&out, live, "originId", live.AsOrigin, originTable))
	assert.Contains(t, out.String(), "cfm-site")
	assert.Contains(t, out.String(), "Deleting")
}
