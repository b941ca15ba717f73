package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// A CreateDistribution whose response is lost (the write happened, the worker never heard)
// must be recovered through the CallerReference, not created a second time.
func TestEndToEndLostCreateResponseIsRecovered(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	sys.Cloud.InjectFaults(cloud.Faults{FailAfterWrite: 1})
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", seedCreateBody("lost response"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.GreaterOrEqual(t, op["attempts"], float64(2), "the first attempt lost its response")
	assert.Equal(t, 1, count(t, sys))
	assert.Zero(t, sys.Cloud.ActiveFaults().FailAfterWrite)
}

// Throttling delays the operation; it never fails it.
func TestEndToEndThrottlingIsRetried(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	sys.Cloud.InjectFaults(cloud.Faults{ThrottleNext: 3})
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", seedCreateBody("throttled"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Equal(t, 1, count(t, sys))
}

// The same command delivered several times (duplicate delivery, sweeper re-send) converges
// to one distribution and one success.
func TestEndToEndDuplicateCommandsCreateOneDistribution(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", seedCreateBody("duplicates"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	distID := dig(r.Body, "data", "distribution", "id").(string)
	cmd := events.Command{Type: events.CommandExecute, Version: events.CommandVersion, OperationID: opID, ResourceID: distID}
	for i := range 5 {
		require.NoError(t, sys.Queue.Send(context.Background(), domain.QueueCommands,
			domain.Message{Group: distID, DedupID: opID + "-dup-" + string(rune('a'+i)), Body: cmd.Marshal()}))
	}
	op := alice.waitOperation(opID, 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	time.Sleep(300 * time.Millisecond) // let the duplicates drain
	assert.Equal(t, 1, count(t, sys))
	r = alice.do("GET", "/api/operations/"+opID, nil)
	assert.Equal(t, "Succeeded", dig(r.Body, "data", "operation", "status"))
}
