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

// Found by the chaos run: DELETE /api/origins/{id} checks the bucket in the cloud before it
// accepts, so a throttled check answers 429. That answer is in the OpenAPI document (the
// client validates every response against it) and says when to retry; the retry is accepted.
func TestEndToEndThrottledAcceptCheckIs429WithRetryAfter(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/origins", newOriginBody("throttled delete", "throttled-delete", "us-east-1"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	id := dig(r.Body, "data", "origin", "originId").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)

	sys.Cloud.InjectFaults(cloud.Faults{ThrottleNext: 1})
	r = alice.do("DELETE", "/api/origins/"+id, nil, "Idempotency-Key", "throttled-delete")
	require.Equal(t, http.StatusTooManyRequests, r.Status, string(r.Raw))
	assert.Equal(t, "throttled", dig(r.Body, "error", "code"))
	assert.Equal(t, "1", r.Header.Get("Retry-After"), "the cloud's retry delay, in seconds")

	r = alice.do("DELETE", "/api/origins/"+id, nil, "Idempotency-Key", "throttled-delete")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
}
