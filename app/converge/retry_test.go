package converge_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

func (h *harness) distribution(t *testing.T, id string) domain.Distribution {
	t.Helper()
	d, err := intake.Distributions{Deps: h.deps}.Get(context.Background(), dev, id)
	require.NoError(t, err)
	return d
}

// An error that recurs unchanged (here an unparseable response, its request id differing on
// every attempt) fails the operation after SameErrorLimit attempts with that error, and the
// distribution leaves Creating; until then the operation shows its attempts and last error.
func TestTheSameNonTransientErrorFailsTheOperationAfterNAttempts(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	acc := h.accept(t)
	limit := shared.DefaultSameErrorLimit
	for i := range limit + 1 {
		h.cdn.createErrs = append(h.cdn.createErrs, fmt.Errorf("operation error CloudFront: CreateDistribution, https response error StatusCode: 200, RequestID: req-%d, deserialization failed", i))
	}
	for i := 1; i < limit; i++ {
		require.Error(t, h.handle(t, events.CommandExecute, acc, 0), "attempt %d is retried", i)
		op := h.operation(t, acc.Operation.ID)
		assert.Equal(t, domain.OperationRunning, op.Status)
		assert.Equal(t, i, op.Attempts)
		assert.Equal(t, i, op.ErrorRepeats)
		assert.Contains(t, op.LastError, "deserialization failed")
		assert.Equal(t, domain.DistributionCreating, h.distribution(t, acc.Resource.ID).Status)
	}
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0), "the last attempt settles the operation (ack)")
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Equal(t, limit, op.Attempts)
	assert.Contains(t, op.LastError, fmt.Sprintf("failed %d times in a row with the same error", limit))
	assert.Contains(t, op.LastError, "deserialization failed")
	assert.Equal(t, domain.DistributionFailed, h.distribution(t, acc.Resource.ID).Status, "out of its transitional state")
	assert.Equal(t, []string{events.TypeOperationFailed}, h.bus.types())
}

// Transient errors (throttling) do not count as repeats, and a different error starts the
// count again; the attempt limit still ends the operation.
func TestTransientErrorsRetryUntilTheAttemptLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.deps.Retry = shared.RetryLimits{Attempts: 8}
	acc := h.accept(t)
	boom := func(s string) error { return errors.New("boom " + s) }
	h.cdn.createErrs = []error{boom("a"), boom("a"), domain.RetryAfter(domain.ErrThrottled, 10*time.Second), boom("a"),
		boom("b"), boom("a"), domain.RetryAfter(domain.ErrThrottled, 10*time.Second), boom("c")}
	for i := 1; i < 8; i++ {
		require.Error(t, h.handle(t, events.CommandExecute, acc, 0), "attempt %d", i)
	}
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status, "never %d of the same error in a row", shared.DefaultSameErrorLimit)
	assert.Equal(t, 0, op.ErrorRepeats, "the last error was throttling")
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	op = h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Equal(t, 8, op.Attempts)
	assert.Contains(t, op.LastError, "gave up after 8 attempts; last error: create distribution ")
	assert.Contains(t, op.LastError, "boom c")

	// A delivery after the limit (a pass that crashed before it could record its error) fails too.
	h2 := newHarness(t)
	h2.deps.Retry = shared.RetryLimits{Attempts: 1}
	acc2 := h2.accept(t)
	h2.cdn.createErrs = []error{domain.RetryAfter(domain.ErrThrottled, time.Second)}
	require.NoError(t, h2.handle(t, events.CommandExecute, acc2, 0))
	assert.Contains(t, h2.operation(t, acc2.Operation.ID).LastError, "gave up after 1 attempts")
}

// A command that reached the dead-letter queue fails its operation at once, with the reason,
// and publishes operation.failed; the distribution leaves Creating. A second dead letter, or
// one for a finished operation, changes nothing.
func TestDeadLetterFailsTheOperationAtOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	acc := h.accept(t)
	h.cdn.createErrs = []error{errors.New("store said no")}
	require.Error(t, h.handle(t, events.CommandExecute, acc, 0))

	w := converge.Worker{Deps: h.deps}
	cmd := events.Command{Type: events.CommandExecute, Version: 1, OperationID: acc.Operation.ID, ResourceID: acc.Resource.ID}
	require.NoError(t, w.DeadLetter(context.Background(), cmd))
	op := h.operation(t, acc.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Contains(t, op.LastError, "reached the dead-letter queue")
	assert.Contains(t, op.LastError, "store said no")
	assert.Equal(t, domain.DistributionFailed, h.distribution(t, acc.Resource.ID).Status)
	assert.Equal(t, []string{events.TypeOperationFailed}, h.bus.types())

	require.NoError(t, w.DeadLetter(context.Background(), cmd))
	require.NoError(t, w.DeadLetter(context.Background(), events.Command{Type: events.CommandExecute, Version: 1, OperationID: "op-0"}))
	assert.Len(t, h.bus.types(), 1, "nothing more published")
}
