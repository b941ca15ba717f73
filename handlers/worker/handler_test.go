package worker_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/handlers/worker"
)

// executor fails the operations listed in fail and records what it ran.
type executor struct {
	mu   sync.Mutex
	fail map[string]error
	ran  []string
}

func (e *executor) Handle(_ context.Context, cmd events.Command) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ran = append(e.ran, cmd.OperationID)
	return e.fail[cmd.OperationID]
}

func body(opID string) string {
	return string(events.Command{Type: events.CommandExecute, Version: events.CommandVersion, OperationID: opID, ResourceID: "dist-1"}.Marshal())
}

// One failed message in a batch is reported alone; the others are done (not re-run), and an
// undecodable body is a failure too (it reaches the dead-letter queue after the receive limit).
func TestHandleSQSReportsEachFailedMessageAlone(t *testing.T) {
	ex := &executor{fail: map[string]error{"op-2": errors.New("throttled")}}
	h := worker.Handler{Exec: ex}
	resp, err := h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{
		{MessageId: "m1", Body: body("op-1")},
		{MessageId: "m2", Body: body("op-2")},
		{MessageId: "m3", Body: "not json"},
		{MessageId: "m4", Body: body("op-4")},
	}})
	require.NoError(t, err, "the batch itself never fails")
	assert.Equal(t, []lambdaevents.SQSBatchItemFailure{{ItemIdentifier: "m2"}, {ItemIdentifier: "m3"}}, resp.BatchItemFailures)
	assert.Equal(t, []string{"op-1", "op-2", "op-4"}, ex.ran, "every decodable message ran once, in order")

	resp, err = h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{{MessageId: "m5", Body: body("op-5")}}})
	require.NoError(t, err)
	assert.Empty(t, resp.BatchItemFailures)
}

func TestHandleBodyRejectsAPoisonMessage(t *testing.T) {
	ex := &executor{}
	err := worker.Handler{Exec: ex}.HandleBody(context.Background(), []byte(`{"type":`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "poison message")
	assert.Empty(t, ex.ran)
}

// source is a queue of deliveries that records acks and releases.
type source struct {
	mu       sync.Mutex
	pending  []worker.Delivery
	acked    []string
	released map[string]time.Duration
	done     chan struct{}
}

func (s *source) Receive(ctx context.Context, _ string, max int, _ time.Duration) ([]worker.Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) == 0 {
		select {
		case <-s.done:
		default:
			close(s.done)
		}
		return nil, nil
	}
	n := min(max, len(s.pending))
	out := s.pending[:n]
	s.pending = s.pending[n:]
	return out, nil
}

func (s *source) Ack(_ context.Context, _, receipt string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acked = append(s.acked, receipt)
	return nil
}

func (s *source) Release(_ context.Context, _, receipt string, delay time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.released[receipt] = delay
	return nil
}

// The poller acks what succeeds and releases what fails: after the delay the error asks for,
// else after a backoff that grows with the receive count.
func TestPollerAcksSuccessAndReleasesFailureWithItsDelay(t *testing.T) {
	ex := &executor{fail: map[string]error{
		"op-2": domain.RetryAfter(errors.New("not disabled yet"), 30*time.Second),
		"op-3": errors.New("throttled"),
	}}
	src := &source{released: map[string]time.Duration{}, done: make(chan struct{}), pending: []worker.Delivery{
		{Receipt: "r1", Body: []byte(body("op-1")), ReceiveCount: 1},
		{Receipt: "r2", Body: []byte(body("op-2")), ReceiveCount: 1},
		{Receipt: "r3", Body: []byte(body("op-3")), ReceiveCount: 3},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	finished := make(chan struct{})
	go func() {
		worker.Poller{Handler: worker.Handler{Exec: ex}, Source: src, Queue: "commands", Batch: 2, Idle: time.Millisecond}.Run(ctx)
		close(finished)
	}()
	<-src.done
	cancel()
	<-finished
	assert.Equal(t, []string{"r1"}, src.acked)
	assert.Equal(t, map[string]time.Duration{"r2": 30 * time.Second, "r3": 4 * time.Second}, src.released)
}
