package eventbus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/eventbus"
	"github.com/cloudfront-manager/cfm/domain"
)

// envelope is an EventBridge event as a rule target receives it.
type envelope struct {
	Source     string          `json:"source"`
	DetailType string          `json:"detail-type"`
	Time       time.Time       `json:"time"`
	Detail     json.RawMessage `json:"detail"`
}

// TestPublishRoutesToQueue publishes on a bus on moto whose rule (source
// cloudfront-manager) targets an SQS queue, and reads the events back from the queue:
// two batches (12 events), the envelope fields and the detail as sent, with eventId added.
func TestPublishRoutesToQueue(t *testing.T) {
	cfg := awstest.Config(t)
	eb, sq := awsconfig.NewEventBridge(cfg), awsconfig.NewSQS(cfg)
	ctx := context.Background()
	name := awstest.Name(t, "cfm")

	_, err := eventbus.CreateBus(ctx, eb, name)
	require.NoError(t, err)
	_, err = eventbus.CreateBus(ctx, eb, name)
	require.NoError(t, err, "an existing bus is found")
	t.Cleanup(func() { _, _ = eb.DeleteEventBus(ctx, &eventbridge.DeleteEventBusInput{Name: aws.String(name)}) })

	q, err := sq.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = sq.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: q.QueueUrl}) })
	attrs, err := sq.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl,
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	require.NoError(t, err)
	_, err = eb.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String(name), EventBusName: aws.String(name),
		EventPattern: aws.String(`{"source":["` + domain.EventSource + `"]}`)})
	require.NoError(t, err)
	_, err = eb.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String(name), EventBusName: aws.String(name),
		Targets: []ebtypes.Target{{Id: aws.String("queue"), Arn: aws.String(attrs.Attributes["QueueArn"])}}})
	require.NoError(t, err)

	at := time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)
	var events []domain.Event
	for i := range 12 {
		events = append(events, domain.Event{ID: fmt.Sprint(i), Type: "distribution.deployed", Time: at,
			Detail: fmt.Appendf(nil, `{"distributionId":"d-%02d","n":%d}`, i, i)})
	}
	require.NoError(t, eventbus.New(eb, name).Publish(ctx, events...))

	got := map[string]envelope{}
	for try := 0; try < 20 && len(got) < len(events); try++ {
		out, err := sq.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		require.NoError(t, err)
		for _, m := range out.Messages {
			var e envelope
			require.NoError(t, json.Unmarshal([]byte(aws.ToString(m.Body)), &e), aws.ToString(m.Body))
			var d struct{ DistributionID string }
			require.NoError(t, json.Unmarshal(e.Detail, &d))
			got[d.DistributionID] = e
		}
	}
	require.Len(t, got, len(events))
	for i := range events {
		e := got[fmt.Sprintf("d-%02d", i)]
		assert.Equal(t, domain.EventSource, e.Source)
		assert.Equal(t, "distribution.deployed", e.DetailType)
		assert.True(t, at.Equal(e.Time), "time %s", e.Time)
		assert.JSONEq(t, fmt.Sprintf(`{"eventId":"%d","distributionId":"d-%02d","n":%d}`, i, i, i), string(e.Detail),
			"the detail, with our stable event id (the subscribers' dedup key)")
	}
}

// TestPublishToMissingBus: a bus that does not exist is configuration: an error, neither
// ErrNotFound nor permanent (moto fails the whole call with ResourceNotFoundException; a
// per-entry ResourceNotFoundException is treated alike, see TestFailedEntries).
func TestPublishToMissingBus(t *testing.T) {
	eb := awsconfig.NewEventBridge(awstest.Config(t))
	err := eventbus.New(eb, awstest.Name(t, "missing"), eventbus.WithRetries(1, 0)).
		Publish(context.Background(), domain.Event{Type: "x", Detail: []byte(`{}`)})
	require.Error(t, err)
	assert.NotErrorIs(t, err, domain.ErrNotFound)
	assert.False(t, domain.IsPermanent(err))
	assert.Contains(t, err.Error(), "ResourceNotFoundException")
}
