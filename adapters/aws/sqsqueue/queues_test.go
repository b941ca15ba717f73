package sqsqueue_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/domain"
)

const long = 10 * time.Minute

// receiveAll collects what a few short polls return.
func receiveAll(t *testing.T, q *sqsqueue.Queues, name string, visibility time.Duration) []sqsqueue.Delivery {
	t.Helper()
	var all []sqsqueue.Delivery
	for range 3 {
		ds, err := q.Receive(context.Background(), name, 10, visibility)
		require.NoError(t, err)
		all = append(all, ds...)
	}
	return all
}

func bodies(ds []sqsqueue.Delivery) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, string(d.Body))
	}
	return out
}

func TestSendReceive(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "d-1", DedupID: "op-1", Body: []byte(`{"op":"op-1"}`)}))
	ds := receiveAll(t, q, domain.QueueCommands, long)
	require.Len(t, ds, 1)
	d := ds[0]
	assert.Equal(t, `{"op":"op-1"}`, string(d.Body))
	assert.Equal(t, "d-1", d.Group)
	assert.Equal(t, 1, d.ReceiveCount)
	assert.NotEmpty(t, d.ID)
	assert.NotEmpty(t, d.Receipt)
	assert.WithinRange(t, d.SentAt, before, time.Now().Add(time.Second))
	require.NoError(t, q.Ack(ctx, domain.QueueCommands, d.Receipt))
	assert.Empty(t, receiveAll(t, q, domain.QueueCommands, long))
}

// TestFIFOGroupBlocked: while a message of a group is in flight, no other message of that
// group is delivered; other groups are.
func TestFIFOGroupBlocked(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	for _, m := range [][3]string{{"g", "1", "first"}, {"g", "2", "second"}, {"h", "3", "other"}} {
		require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: m[0], DedupID: m[1], Body: []byte(m[2])}))
	}
	var first sqsqueue.Delivery
	for first.Body == nil || string(first.Body) == "other" {
		ds, err := q.Receive(ctx, domain.QueueCommands, 1, long)
		require.NoError(t, err)
		require.Len(t, ds, 1)
		first = ds[0]
	}
	require.Equal(t, "first", string(first.Body))
	assert.NotContains(t, bodies(receiveAll(t, q, domain.QueueCommands, long)), "second")
	require.NoError(t, q.Ack(ctx, domain.QueueCommands, first.Receipt))
	assert.Contains(t, bodies(receiveAll(t, q, domain.QueueCommands, long)), "second", "the group moves on after the ack")
}

func TestFIFODedupWhileQueued(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "op-1", Body: []byte("one")}))
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "op-1", Body: []byte("again")}),
		"a duplicate is accepted and dropped")
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "h", DedupID: "op-1", Body: []byte("other group")}))
	assert.Equal(t, []string{"one"}, bodies(receiveAll(t, q, domain.QueueCommands, long)))
}

// TestPollDelay: DelaySeconds is the Delay rounded up to a second.
func TestPollDelay(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("later"), Delay: 1100 * time.Millisecond}))
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("now")}))
	assert.Equal(t, []string{"now"}, bodies(receiveAll(t, q, domain.QueuePolls, long)))
	time.Sleep(1200 * time.Millisecond) // past 1.1 s, not past the 2 s it was rounded up to
	assert.Empty(t, receiveAll(t, q, domain.QueuePolls, long), "rounded up, not down")
	time.Sleep(time.Second)
	assert.Equal(t, []string{"later"}, bodies(receiveAll(t, q, domain.QueuePolls, long)))
}

// TestDeadLetter: after MaxReceives receives a message moves to its DLQ, on both queues.
func TestDeadLetter(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "g", DedupID: "p", Body: []byte("poison")}))
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("poison")}))
	for _, name := range []string{domain.QueueCommands, domain.QueuePolls} {
		for i := 1; i <= testReceives; i++ {
			ds := receiveAll(t, q, name, long)
			require.Equal(t, []string{"poison"}, bodies(ds), "%s receive %d", name, i)
			assert.Equal(t, i, ds[0].ReceiveCount)
			require.NoError(t, q.Release(ctx, name, ds[0].Receipt, 0))
		}
		assert.Empty(t, receiveAll(t, q, name, long), "%s: not delivered past MaxReceives", name)
		dead := receiveAll(t, q, name+sqsqueue.DLQSuffix, long)
		assert.Equal(t, []string{"poison"}, bodies(dead), "%s: dead-lettered", name)
	}
}

// TestInvalidReceipt: a receipt SQS rejects is ErrConflict for Ack and Release.
func TestInvalidReceipt(t *testing.T) {
	_, _, q := newQueues(t)
	ctx := context.Background()
	err := q.Ack(ctx, domain.QueueCommands, "not-a-receipt")
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "ReceiptHandleIsInvalid")
	err = q.Release(ctx, domain.QueuePolls, "not-a-receipt", time.Second)
	require.ErrorIs(t, err, domain.ErrConflict)
}

// TestMissingQueue: a queue URL that does not exist is configuration, never ErrNotFound.
func TestMissingQueue(t *testing.T) {
	client, urls, _ := newQueues(t)
	q := sqsqueue.New(client, sqsqueue.URLs{Commands: urls.Commands + "-gone.fifo", Polls: urls.Polls + "-gone"})
	err := q.Send(context.Background(), domain.QueuePolls, domain.Message{Body: []byte("x")})
	require.Error(t, err)
	assert.NotErrorIs(t, err, domain.ErrNotFound)
	assert.False(t, domain.IsPermanent(err))
	_, err = q.Receive(context.Background(), domain.QueueCommands, 1, time.Second)
	require.Error(t, err)
}

// TestCreateQueues pins what the CDK stack must match: FIFO without content-based dedup,
// redrive to the DLQ after MaxReceives, and that a second call reuses the queues.
func TestCreateQueues(t *testing.T) {
	client := awsconfig.NewSQS(awstest.Config(t))
	prefix := awstest.Name(t, "cfm")
	urls := createQueues(t, client, prefix)
	assert.True(t, strings.HasSuffix(urls.Commands, "/"+prefix+"-commands.fifo"), urls.Commands)
	assert.True(t, strings.HasSuffix(urls.CommandsDLQ, "/"+prefix+"-commands-dlq.fifo"), urls.CommandsDLQ)
	assert.True(t, strings.HasSuffix(urls.Polls, "/"+prefix+"-polls"), urls.Polls)
	assert.True(t, strings.HasSuffix(urls.PollsDLQ, "/"+prefix+"-polls-dlq"), urls.PollsDLQ)

	attrs := func(url string) map[string]string {
		out, err := client.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
			QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
		require.NoError(t, err)
		return out.Attributes
	}
	dlqArn := attrs(urls.CommandsDLQ)["QueueArn"]
	commands := attrs(urls.Commands)
	assert.Equal(t, "true", commands["FifoQueue"])
	assert.Equal(t, "false", commands["ContentBasedDeduplication"])
	assert.JSONEq(t, `{"deadLetterTargetArn":"`+dlqArn+`","maxReceiveCount":`+strconv.Itoa(testReceives)+`}`, commands["RedrivePolicy"])
	polls := attrs(urls.Polls)
	assert.Empty(t, polls["FifoQueue"])
	assert.JSONEq(t, `{"deadLetterTargetArn":"`+attrs(urls.PollsDLQ)["QueueArn"]+`","maxReceiveCount":`+strconv.Itoa(testReceives)+`}`, polls["RedrivePolicy"])

	byDefault, err := sqsqueue.CreateQueues(context.Background(), client, prefix+"-d")
	require.NoError(t, err)
	assert.JSONEq(t, `{"deadLetterTargetArn":"`+attrs(byDefault.CommandsDLQ)["QueueArn"]+`","maxReceiveCount":100}`, attrs(byDefault.Commands)["RedrivePolicy"],
		"the product's limit: a backstop for poison, not a count of retries")
	for _, url := range []string{byDefault.Commands, byDefault.CommandsDLQ, byDefault.Polls, byDefault.PollsDLQ} {
		_, err := client.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
		require.NoError(t, err)
	}

	again, err := sqsqueue.CreateQueues(context.Background(), client, prefix, sqsqueue.ReceiveLimit(testReceives))
	require.NoError(t, err)
	assert.Equal(t, urls, again)
}
