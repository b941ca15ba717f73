package worker

import (
	"context"
	"strconv"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"
)

// DefaultReserve is the time a message may need: the handler starts none when less is left
// before the Lambda deadline (a command makes a few CloudFront calls at a few per second).
const DefaultReserve = 10 * time.Second

// Queues is what the SQS handler needs of the queues its records come from.
type Queues interface {
	// QueueName is the domain name (domain.QueueCommands, "commands" + DLQSuffix, …) of the
	// queue with this ARN; ok is false for a queue it does not know.
	QueueName(arn string) (name string, ok bool)
	// Release makes a received message visible again after delay (ChangeMessageVisibility).
	Release(ctx context.Context, queue, receipt string, delay time.Duration) error
}

// HandleSQS processes a batch and reports each failed message alone, so one bad message never
// fails (and re-runs) the whole batch:
//   - a failed message becomes visible again after the delay its error asks for (not after the
//     queue's visibility timeout), so a short wait costs a short wait;
//   - a panic fails only its message;
//   - once less than Reserve is left before the deadline, no message is started: the rest are
//     returned as failures, visible again at once;
//   - on a FIFO queue, after a message of a group fails, the rest of that group in the batch
//     are returned as failures (visible at once, behind it), so the group keeps its order;
//   - a record from a dead-letter queue fails its operation (HandleDeadLetter).
func (h Handler) HandleSQS(ctx context.Context, ev lambdaevents.SQSEvent) (lambdaevents.SQSEventResponse, error) {
	var resp lambdaevents.SQSEventResponse
	deadline, hasDeadline := ctx.Deadline()
	reserve := h.Reserve
	if reserve <= 0 {
		reserve = DefaultReserve
	}
	failedGroups := map[string]bool{} // event source ARN + group
	fail := func(m lambdaevents.SQSMessage, queue string, delay time.Duration) {
		resp.BatchItemFailures = append(resp.BatchItemFailures, lambdaevents.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		if h.Queues == nil || queue == "" {
			return
		}
		if err := h.Queues.Release(ctx, queue, m.ReceiptHandle, delay); err != nil {
			h.log().WarnContext(ctx, "could not change the visibility of a failed message; the queue's visibility timeout will return it",
				"messageId", m.MessageId, "error", err)
		}
	}
	for i, m := range ev.Records {
		queue := h.queueName(m.EventSourceARN)
		group := m.Attributes["MessageGroupId"]
		if group != "" && failedGroups[m.EventSourceARN+"\x00"+group] {
			fail(m, queue, 0)
			continue
		}
		if hasDeadline && time.Until(deadline) < reserve {
			h.log().WarnContext(ctx, "deadline near: returning the rest of the batch", "unstarted", len(ev.Records)-i)
			for _, rest := range ev.Records[i:] {
				fail(rest, h.queueName(rest.EventSourceARN), 0)
			}
			break
		}
		var err error
		if IsDeadLetterQueue(queue) {
			err = h.HandleDeadLetter(ctx, []byte(m.Body))
		} else {
			err = h.HandleBody(ctx, []byte(m.Body))
		}
		if err == nil {
			continue
		}
		receives, _ := strconv.Atoi(m.Attributes["ApproximateReceiveCount"])
		delay := RetryDelay(err, receives)
		h.log().WarnContext(ctx, "message failed; it will be retried", "messageId", m.MessageId, "queue", queue,
			"receiveCount", receives, "delay", delay, "error", err)
		fail(m, queue, delay)
		if group != "" {
			failedGroups[m.EventSourceARN+"\x00"+group] = true
		}
	}
	return resp, nil
}

func (h Handler) queueName(arn string) string {
	if h.Queues == nil {
		return ""
	}
	name, ok := h.Queues.QueueName(arn)
	if !ok {
		return ""
	}
	return name
}
