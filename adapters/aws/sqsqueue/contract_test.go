package sqsqueue_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/adapters/contract/queuetest"
	"github.com/cloudfront-manager/cfm/domain"
)

// testReceives is the redrive limit of the test queues: low, so the redrive itself is quick
// to exercise (the product's queues use sqsqueue.MaxReceives).
const testReceives = 5

// newQueues creates the product's four queues on moto for t and deletes them afterwards.
func newQueues(t testing.TB, opts ...sqsqueue.Option) (*sqs.Client, sqsqueue.URLs, *sqsqueue.Queues) {
	t.Helper()
	client := awsconfig.NewSQS(awstest.Config(t))
	urls := createQueues(t, client, awstest.Name(t, "cfm"))
	return client, urls, sqsqueue.New(client, urls, opts...)
}

func createQueues(t testing.TB, client *sqs.Client, prefix string) sqsqueue.URLs {
	t.Helper()
	urls, err := sqsqueue.CreateQueues(context.Background(), client, prefix, sqsqueue.ReceiveLimit(testReceives))
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, url := range []string{urls.Commands, urls.CommandsDLQ, urls.Polls, urls.PollsDLQ} {
			if _, err := client.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}); err != nil {
				t.Logf("delete queue %s: %v", url, err)
			}
		}
	})
	return urls
}

// suiteQueues routes the suite's per-case queue names to fresh SQS queues: each case's FIFO
// name is domain.QueueCommands of its own Queues, its standard name domain.QueuePolls.
type suiteQueues struct {
	mu     sync.Mutex
	routes map[string]route
}

type route struct {
	q    *sqsqueue.Queues
	name string
}

func (s *suiteQueues) names(t *testing.T) (fifo, standard string) {
	_, _, q := newQueues(t)
	prefix := awstest.Name(t, "case")
	fifo, standard = prefix+".fifo", prefix
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[fifo] = route{q, domain.QueueCommands}
	s.routes[fifo+"-dlq"] = route{q, domain.QueueCommands + sqsqueue.DLQSuffix}
	s.routes[standard] = route{q, domain.QueuePolls}
	s.routes[standard+"-dlq"] = route{q, domain.QueuePolls + sqsqueue.DLQSuffix}
	return fifo, standard
}

func (s *suiteQueues) route(name string) route {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.routes[name]
	if !ok {
		panic(fmt.Sprintf("suite queue %q was never named", name))
	}
	return r
}

func (s *suiteQueues) Send(ctx context.Context, queue string, m domain.Message) error {
	r := s.route(queue)
	return r.q.Send(ctx, r.name, m)
}

func (s *suiteQueues) Receive(ctx context.Context, queue string, max int, visibility time.Duration) ([]queuetest.Delivery, error) {
	r := s.route(queue)
	ds, err := r.q.Receive(ctx, r.name, max, visibility)
	out := make([]queuetest.Delivery, len(ds))
	for i, d := range ds {
		out[i] = queuetest.Delivery{ID: d.ID, Receipt: d.Receipt, Body: d.Body, Group: d.Group, ReceiveCount: d.ReceiveCount}
	}
	return out, err
}

func (s *suiteQueues) Ack(ctx context.Context, queue, receipt string) error {
	r := s.route(queue)
	return r.q.Ack(ctx, r.name, receipt)
}

func (s *suiteQueues) Release(ctx context.Context, queue, receipt string, delay time.Duration) error {
	r := s.route(queue)
	return r.q.Release(ctx, r.name, receipt, delay)
}

// Why cases of the shared suite are left out on SQS / moto.
const (
	// The suite is stricter than SQS here, not moto laxer: its receive helper asks for up to
	// 10 messages and expects one, but SQS FIFO "returns as many messages with the same
	// message group ID as possible" in one ReceiveMessage (AWS docs, FIFO delivery logic), and
	// moto does the same. The blocking of a group while a message is in flight does hold (see
	// TestFIFOGroupBlocked, and the first half of the case); the suite should receive with max 1.
	sameGroupBatch = "SQS FIFO returns the following messages of a group in the same batch " +
		"(ReceiveMessage with MaxNumberOfMessages 10); the case expects only the first"
	motoStaleReceipt = "moto 5.2.5 deletes a message with any receipt it ever had " +
		"(Queue.delete_message: had_receipt_handle); SQS FIFO answers ReceiptHandleIsInvalid " +
		"for an expired receipt, which Ack maps to ErrConflict (see TestInvalidReceipt)"
	motoDedupWindow = "moto 5.2.5 deduplicates only against messages still in the queue; SQS " +
		"keeps a deduplication id for 5 minutes after the send, deleted or not " +
		"(dedup while queued: TestFIFODedupWhileQueued)"
)

func TestQueueContract(t *testing.T) {
	s := &suiteQueues{routes: map[string]route{}}
	queuetest.Run(t, s, queuetest.Names(s.names), queuetest.MaxReceives(testReceives),
		queuetest.Skip(queuetest.CaseFIFOInFlightBlocks, sameGroupBatch),
		queuetest.Skip(queuetest.CaseDeadLetter, sameGroupBatch+" (dead letters: TestDeadLetter)"),
		queuetest.Skip(queuetest.CaseStaleReceipt, motoStaleReceipt),
		queuetest.Skip(queuetest.CaseFIFODedup, motoDedupWindow),
	)
}
