package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// A command that reaches the embedded queue's dead-letter queue fails its operation at once,
// with the reason, and publishes operation.failed; the distribution leaves Creating. (The
// create is throttled until the test holds its command, so only the dead letter can end it.)
func TestEndToEndDeadLetterFailsItsOperation(t *testing.T) {
	sys, anon := startLocal(t, t.TempDir())
	var failed []string
	sys.Bus.Subscribe(func(e domain.Event) {
		if e.Type == events.TypeOperationFailed {
			failed = append(failed, string(e.Detail))
		}
	})
	sys.Cloud.InjectFaults(cloud.Faults{ThrottleEvery: 1})
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", seedCreateBody("doomed"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	opID := dig(r.Body, "data", "operation", "id").(string)
	distID := dig(r.Body, "data", "distribution", "id").(string)

	require.Eventually(t, func() bool {
		r := alice.do("GET", "/api/operations/"+opID, nil)
		return dig(r.Body, "data", "operation", "lastError") != nil
	}, 10*time.Second, 20*time.Millisecond, "the create is being retried")

	// Hold the command (as a worker that keeps crashing would), so only the dead letter acts;
	// the failure hook reads CloudFront, so the faults go.
	require.Eventually(t, func() bool {
		ds, err := sys.Queue.Receive(context.Background(), domain.QueueCommands, 1, time.Minute)
		return err == nil && len(ds) == 1
	}, 10*time.Second, 10*time.Millisecond, "took the command from the workers")
	sys.Cloud.InjectFaults(cloud.Faults{})

	cmd := events.Command{Type: events.CommandExecute, Version: events.CommandVersion, OperationID: opID, ResourceID: distID}
	require.NoError(t, sys.Queue.Send(context.Background(), domain.QueueCommands+queue.DLQSuffix,
		domain.Message{Group: distID, DedupID: opID, Body: cmd.Marshal()}))

	op := alice.waitOperation(opID, 10*time.Second)
	require.Equal(t, "Failed", op["status"], op)
	assert.Contains(t, op["lastError"], "reached the dead-letter queue")
	assert.Contains(t, op["lastError"], "throttled", "the last error the operation recorded")
	r = alice.do("GET", "/api/distributions/"+distID, nil)
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "Failed", dig(r.Body, "data", "distribution", "status"))
	require.Len(t, failed, 1)
	assert.Contains(t, failed[0], opID)
	// The poller acknowledges the dead letter after its handler recorded the failure: the
	// operation can be Failed a moment before the message is gone.
	assert.Eventually(t, func() bool {
		n, err := sys.Queue.Len(context.Background(), domain.QueueCommands+queue.DLQSuffix)
		return err == nil && n == 0
	}, 5*time.Second, 10*time.Millisecond, "the dead letter was consumed")
}
