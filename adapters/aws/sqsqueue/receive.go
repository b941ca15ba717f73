package sqsqueue

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// MaxVisibilitySeconds is SQS's longest visibility timeout (12 hours).
const MaxVisibilitySeconds = 43200

// Delivery is one received message, shaped like the local queue's.
type Delivery struct {
	ID      string
	Receipt string
	Body    []byte
	Group   string // FIFO only
	// ReceiveCount counts deliveries of this message, this one included.
	ReceiveCount int
	SentAt       time.Time
}

// Receive delivers up to maxMessages (capped to 1..10) visible messages of the named queue
// and hides each for visibility (rounded up to seconds, at most 12 hours).
func (q *Queues) Receive(ctx context.Context, name string, maxMessages int, visibility time.Duration) ([]Delivery, error) {
	url, err := q.url(name)
	if err != nil {
		return nil, fmt.Errorf("receive from %s: %w", name, err)
	}
	out, err := q.api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:            aws.String(url),
		MaxNumberOfMessages: int32(min(max(maxMessages, 1), 10)),
		VisibilityTimeout:   seconds(visibility, MaxVisibilitySeconds),
		WaitTimeSeconds:     seconds(q.wait, 20),
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{
			types.MessageSystemAttributeNameApproximateReceiveCount,
			types.MessageSystemAttributeNameSentTimestamp,
			types.MessageSystemAttributeNameMessageGroupId,
		},
	})
	if err != nil {
		return nil, classify("receive from "+name, err)
	}
	ds := make([]Delivery, 0, len(out.Messages))
	for _, m := range out.Messages {
		d := Delivery{
			ID:      aws.ToString(m.MessageId),
			Receipt: aws.ToString(m.ReceiptHandle),
			Body:    []byte(aws.ToString(m.Body)),
			Group:   m.Attributes[string(types.MessageSystemAttributeNameMessageGroupId)],
		}
		d.ReceiveCount, _ = strconv.Atoi(m.Attributes[string(types.MessageSystemAttributeNameApproximateReceiveCount)])
		if ms, err := strconv.ParseInt(m.Attributes[string(types.MessageSystemAttributeNameSentTimestamp)], 10, 64); err == nil {
			d.SentAt = time.UnixMilli(ms).UTC()
		}
		ds = append(ds, d)
	}
	return ds, nil
}

// Ack deletes a received message. A receipt SQS no longer honours (the message was received
// again since, or the receipt is malformed) is an error that Is domain.ErrConflict.
func (q *Queues) Ack(ctx context.Context, name, receipt string) error {
	url, err := q.url(name)
	if err != nil {
		return fmt.Errorf("ack on %s: %w", name, err)
	}
	_, err = q.api.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: aws.String(receipt)})
	if err != nil {
		return classify("ack on "+name, err)
	}
	return nil
}

// Release makes a received message visible again after delay (ChangeMessageVisibility,
// rounded up to seconds, at most 12 hours); 0 returns it at once. Its receive count is kept.
func (q *Queues) Release(ctx context.Context, name, receipt string, delay time.Duration) error {
	url, err := q.url(name)
	if err != nil {
		return fmt.Errorf("release on %s: %w", name, err)
	}
	_, err = q.api.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{
		QueueUrl:          aws.String(url),
		ReceiptHandle:     aws.String(receipt),
		VisibilityTimeout: seconds(delay, MaxVisibilitySeconds),
	})
	if err != nil {
		return classify("release on "+name, err)
	}
	return nil
}
