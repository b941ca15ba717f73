package sqsqueue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/handlers/worker"
)

type hinted struct{ delay time.Duration }

func (h hinted) Handle(context.Context, events.Command) error {
	return domain.RetryAfter(errors.New("DistributionNotDisabled"), h.delay)
}

// TestHintedRetryChangesTheVisibilityOnSQS: the Lambda handler's path on moto. The queue is
// found by its event source ARN, and a failed command's message becomes visible again after
// the delay its error asks for, not after the queue's visibility timeout.
func TestHintedRetryChangesTheVisibilityOnSQS(t *testing.T) {
	client, urls, q := newQueues(t)
	ctx := context.Background()
	arn := func(url string) string {
		out, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn}})
		require.NoError(t, err)
		return out.Attributes[string(types.QueueAttributeNameQueueArn)]
	}
	commandsARN := arn(urls.Commands)
	for url, want := range map[string]string{urls.Commands: domain.QueueCommands, urls.CommandsDLQ: domain.QueueCommands + sqsqueue.DLQSuffix,
		urls.Polls: domain.QueuePolls, urls.PollsDLQ: domain.QueuePolls + sqsqueue.DLQSuffix} {
		name, ok := q.QueueName(arn(url))
		assert.True(t, ok, url)
		assert.Equal(t, want, name, url)
	}
	_, ok := q.QueueName("arn:aws:sqs:us-east-1:123456789012:someone-elses-queue")
	assert.False(t, ok)

	cmd := events.Command{Type: events.CommandExecute, Version: events.CommandVersion, OperationID: "op-1", ResourceID: "dist-1"}
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "dist-1", DedupID: "op-1", Body: cmd.Marshal()}))
	ds := receiveAll(t, q, domain.QueueCommands, long) // hidden for 10 minutes, as the event source would
	require.Len(t, ds, 1)

	h := worker.Handler{Exec: hinted{delay: 2 * time.Second}, Queues: q}
	resp, err := h.HandleSQS(ctx, lambdaevents.SQSEvent{Records: []lambdaevents.SQSMessage{{MessageId: ds[0].ID,
		ReceiptHandle: ds[0].Receipt, Body: string(ds[0].Body), EventSourceARN: commandsARN,
		Attributes: map[string]string{"MessageGroupId": ds[0].Group, "ApproximateReceiveCount": "1"}}}})
	require.NoError(t, err)
	assert.Equal(t, []lambdaevents.SQSBatchItemFailure{{ItemIdentifier: ds[0].ID}}, resp.BatchItemFailures)
	assert.Empty(t, receiveAll(t, q, domain.QueueCommands, long), "hidden for the hinted delay")
	time.Sleep(2500 * time.Millisecond)
	again := receiveAll(t, q, domain.QueueCommands, long)
	require.Len(t, again, 1, "visible after the hinted 2 s, not the 10-minute visibility")
	assert.Equal(t, 2, again[0].ReceiveCount)
}
