package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// maxReceiveCount is how often a message is received before it is parked in the DLQ: the
// backstop for poison only (domain.MaxReceives, the same number). The worker changes a failed
// message's visibility to the delay its error asks for, which costs a receive per retry, and
// counts attempts in the operation itself: it fails an operation after 40 attempts, or after 5
// in a row with the same non-transient error. 100 is above those 40 plus the receives a message
// behind a failed one in its FIFO group collects, so the worker, not SQS, ends every operation
// it can load; the DLQs get only what it cannot handle at all (and it consumes them too).
const maxReceiveCount = 100

// staleMessageSeconds: a message older than the operation timeout (2 hours) can no longer
// succeed; one that old means nobody is consuming the queue.
const staleMessageSeconds = 2 * 60 * 60

// visibilityFactor: AWS recommends a queue visibility timeout of at least six times the
// consumer function's timeout, so a batch being retried by Lambda is never received twice.
const visibilityFactor = 6

// WorkQueueProps describes one queue and its dead-letter queue.
type WorkQueueProps struct {
	FIFO bool
	// ConsumerTimeout is the timeout of the function that consumes the queue.
	ConsumerTimeout awscdk.Duration
	// Description names the queue in the alarm text.
	Description string
	// AlarmTopic, when set, is notified by the queue's alarms.
	AlarmTopic awssns.ITopic
}

// WorkQueue is a queue with a DLQ (after maxReceiveCount receives), SQS-managed encryption,
// TLS-only access, an alarm that fires when anything lands in the DLQ and one when the
// oldest message waits longer than its receives can take (a stalled or starved consumer).
type WorkQueue struct {
	constructs.Construct
	Queue           awssqs.Queue
	DeadLetterQueue awssqs.Queue
	DLQAlarm        awscloudwatch.Alarm
	AgeAlarm        awscloudwatch.Alarm
}

// NewWorkQueue creates the queue pair and its alarm under scope.
func NewWorkQueue(scope constructs.Construct, id string, props *WorkQueueProps) *WorkQueue {
	if props == nil {
		props = &WorkQueueProps{}
	}
	if props.ConsumerTimeout == nil {
		props.ConsumerTimeout = awscdk.Duration_Seconds(jsii.Number(60))
	}
	c := constructs.NewConstruct(scope, &id)
	w := &WorkQueue{Construct: c}

	var fifo *bool
	if props.FIFO {
		fifo = jsii.Bool(true)
	}
	w.DeadLetterQueue = awssqs.NewQueue(c, jsii.String("DeadLetterQueue"), &awssqs.QueueProps{
		Fifo:            fifo,
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	qp := &awssqs.QueueProps{
		Fifo:              fifo,
		Encryption:        awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		RetentionPeriod:   awscdk.Duration_Days(jsii.Number(4)),
		VisibilityTimeout: awscdk.Duration_Seconds(jsii.Number(*props.ConsumerTimeout.ToSeconds(nil) * visibilityFactor)),
		DeadLetterQueue: &awssqs.DeadLetterQueue{
			Queue:           w.DeadLetterQueue,
			MaxReceiveCount: jsii.Number(maxReceiveCount),
		},
	}
	if props.FIFO {
		// MessageDeduplicationId is the operation id; content-based dedup would drop a
		// legitimate resend of the same command body for a new operation.
		qp.ContentBasedDeduplication = jsii.Bool(false)
	}
	w.Queue = awssqs.NewQueue(c, jsii.String("Queue"), qp)

	alarms := newAlarms(c, props.AlarmTopic,
		// The worker consumes the DLQ (it fails the message's operation at once), so the depth
		// stays near 0: the alarm counts arrivals instead, each one something the worker could
		// not handle at all.
		alarmSpec{"DeadLetterAlarm", props.Description + ": a message reached the dead-letter queue (its operation failed; the worker could not handle it)",
			w.DeadLetterQueue.MetricNumberOfMessagesReceived(sum(5)), 0},
		alarmSpec{"OldestMessageAlarm", props.Description + ": the oldest message is older than the operation timeout (no consumer is taking it)",
			w.Queue.MetricApproximateAgeOfOldestMessage(maximum(5)), staleMessageSeconds},
	)
	w.DLQAlarm, w.AgeAlarm = alarms[0], alarms[1]
	return w
}
