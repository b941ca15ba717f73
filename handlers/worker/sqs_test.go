package worker_test

import (
	"context"
	"errors"
	"strconv"
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

const (
	commandsARN = "arn:aws:sqs:us-east-1:123456789012:cfm-commands.fifo"
	dlqARN      = "arn:aws:sqs:us-east-1:123456789012:cfm-commands-dlq.fifo"
)

// queues resolves the two test ARNs and records every visibility change.
type queues struct {
	mu       sync.Mutex
	released map[string]time.Duration // receipt -> delay
}

func (q *queues) QueueName(arn string) (string, bool) {
	switch arn {
	case commandsARN:
		return domain.QueueCommands, true
	case dlqARN:
		return domain.QueueCommands + worker.DLQSuffix, true
	}
	return "", false
}

func (q *queues) Release(_ context.Context, name, receipt string, delay time.Duration) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.released == nil {
		q.released = map[string]time.Duration{}
	}
	q.released[name+"/"+receipt] = delay
	return nil
}

// scripted runs each operation's behaviour: an error, a panic, or a pause.
type scripted struct {
	mu     sync.Mutex
	errs   map[string]error
	panics map[string]bool
	pause  time.Duration
	ran    []string
	dead   []string
}

func (s *scripted) Handle(_ context.Context, cmd events.Command) error {
	s.mu.Lock()
	s.ran = append(s.ran, cmd.OperationID)
	err, p := s.errs[cmd.OperationID], s.panics[cmd.OperationID]
	s.mu.Unlock()
	if p {
		var ids []string
		_ = ids[len(s.ran)] // index out of range: a real runtime panic
	}
	time.Sleep(s.pause)
	return err
}

func (s *scripted) DeadLetter(_ context.Context, cmd events.Command) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dead = append(s.dead, cmd.OperationID)
	return nil
}

// record is an SQS record of the commands FIFO queue for operation op in group.
func record(op, group string, receives int) lambdaevents.SQSMessage {
	return lambdaevents.SQSMessage{MessageId: "m-" + op, ReceiptHandle: "r-" + op, Body: body(op), EventSourceARN: commandsARN,
		Attributes: map[string]string{"MessageGroupId": group, "ApproximateReceiveCount": strconv.Itoa(receives)}}
}

func failures(resp lambdaevents.SQSEventResponse) []string {
	out := []string{}
	for _, f := range resp.BatchItemFailures {
		out = append(out, f.ItemIdentifier)
	}
	return out
}

// A retry hint becomes the message's visibility (not the queue's 6-minute timeout); an error
// without one backs off by receive count.
func TestHandleSQSChangesVisibilityToTheHintedDelay(t *testing.T) {
	ex := &scripted{errs: map[string]error{
		"op-1": domain.RetryAfter(errors.New("DistributionNotDisabled"), 30*time.Second),
		"op-2": domain.RetryAfter(domain.ErrThrottled, 10*time.Second),
		"op-3": errors.New("unexpected"),
	}}
	q := &queues{}
	h := worker.Handler{Exec: ex, Queues: q}
	resp, err := h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{
		record("op-1", "d-1", 1), record("op-2", "d-2", 1), record("op-3", "d-3", 4), record("op-4", "d-4", 1)}})
	require.NoError(t, err)
	assert.Equal(t, []string{"m-op-1", "m-op-2", "m-op-3"}, failures(resp))
	assert.Equal(t, map[string]time.Duration{"commands/r-op-1": 30 * time.Second, "commands/r-op-2": 10 * time.Second,
		"commands/r-op-3": 8 * time.Second}, q.released)
}

// A panic fails its own message only; the batch goes on and the handler returns normally.
func TestHandleSQSRecoversAPanicInOneMessage(t *testing.T) {
	ex := &scripted{panics: map[string]bool{"op-2": true}}
	q := &queues{}
	h := worker.Handler{Exec: ex, Queues: q}
	resp, err := h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{
		record("op-1", "d-1", 1), record("op-2", "d-2", 1), record("op-3", "d-3", 1)}})
	require.NoError(t, err)
	assert.Equal(t, []string{"m-op-2"}, failures(resp))
	assert.Equal(t, []string{"op-1", "op-2", "op-3"}, ex.ran)
	assert.Equal(t, map[string]time.Duration{"commands/r-op-2": time.Second}, q.released, "backoff for the first receive")
}

// Near the deadline no new message starts: the rest are failures, visible again at once.
func TestHandleSQSStopsStartingMessagesNearTheDeadline(t *testing.T) {
	ex := &scripted{pause: 500 * time.Millisecond}
	q := &queues{}
	h := worker.Handler{Exec: ex, Queues: q, Reserve: 600 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	resp, err := h.HandleSQS(ctx, lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{
		record("op-1", "d-1", 1), record("op-2", "d-2", 1), record("op-3", "d-3", 1), record("op-4", "d-4", 1)}})
	require.NoError(t, err)
	assert.Equal(t, []string{"op-1"}, ex.ran, "the second message would start with less than Reserve left")
	assert.Equal(t, []string{"m-op-2", "m-op-3", "m-op-4"}, failures(resp))
	assert.Equal(t, map[string]time.Duration{"commands/r-op-2": 0, "commands/r-op-3": 0, "commands/r-op-4": 0}, q.released)
}

// After the first failure in a FIFO group, the rest of that group are failures without being
// run (visible at once, behind the failed one); other groups go on.
func TestHandleSQSStopsAFIFOGroupAtItsFirstFailure(t *testing.T) {
	ex := &scripted{errs: map[string]error{"op-a2": domain.RetryAfter(domain.ErrConflict, time.Second)}}
	q := &queues{}
	h := worker.Handler{Exec: ex, Queues: q}
	resp, err := h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{
		record("op-a1", "d-a", 1), record("op-b1", "d-b", 1), record("op-a2", "d-a", 1), record("op-b2", "d-b", 1),
		record("op-a3", "d-a", 1), record("op-a4", "d-a", 1)}})
	require.NoError(t, err)
	assert.Equal(t, []string{"op-a1", "op-b1", "op-a2", "op-b2"}, ex.ran, "op-a3 and op-a4 never ran")
	assert.Equal(t, []string{"m-op-a2", "m-op-a3", "m-op-a4"}, failures(resp))
	assert.Equal(t, map[string]time.Duration{"commands/r-op-a2": time.Second, "commands/r-op-a3": 0, "commands/r-op-a4": 0}, q.released)
}

// A record from a dead-letter queue fails its operation instead of running it; an
// undecodable dead letter is dropped (nothing could ever handle it).
func TestHandleSQSDeadLetterRecordsFailTheirOperation(t *testing.T) {
	ex := &scripted{}
	h := worker.Handler{Exec: ex, DeadLetters: ex, Queues: &queues{}}
	dead := record("op-9", "d-9", 1)
	dead.EventSourceARN = dlqARN
	poison := lambdaevents.SQSMessage{MessageId: "m-x", Body: "not json", EventSourceARN: dlqARN}
	resp, err := h.HandleSQS(context.Background(), lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{dead, poison}})
	require.NoError(t, err)
	assert.Empty(t, resp.BatchItemFailures)
	assert.Equal(t, []string{"op-9"}, ex.dead)
	assert.Empty(t, ex.ran)
}
