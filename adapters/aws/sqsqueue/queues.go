// Package sqsqueue implements domain.Sender on Amazon SQS, and the consumer side (Receive,
// Ack, Release) that the local-AWS mode of `make run` polls with, having no Lambda event
// source mapping.
//
// domain.QueueCommands is a FIFO queue (MessageGroupId = Message.Group,
// MessageDeduplicationId = Message.DedupID, content-based dedup off), domain.QueuePolls a
// standard queue with per-message DelaySeconds (docs/aws-resources.md).
package sqsqueue

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/cloudfront-manager/cfm/domain"
)

// sqsAPI is the part of the SQS client the queues call.
type sqsAPI interface {
	SendMessage(ctx context.Context, in *sqs.SendMessageInput, optFns ...func(*sqs.Options)) (*sqs.SendMessageOutput, error)
	ReceiveMessage(ctx context.Context, in *sqs.ReceiveMessageInput, optFns ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error)
	DeleteMessage(ctx context.Context, in *sqs.DeleteMessageInput, optFns ...func(*sqs.Options)) (*sqs.DeleteMessageOutput, error)
	ChangeMessageVisibility(ctx context.Context, in *sqs.ChangeMessageVisibilityInput, optFns ...func(*sqs.Options)) (*sqs.ChangeMessageVisibilityOutput, error)
}

// DLQSuffix names a queue's dead-letter queue for Receive and Ack: "commands" + DLQSuffix.
const DLQSuffix = "-dlq"

// URLs locates the queues (CFM_COMMAND_QUEUE_URL, CFM_POLL_QUEUE_URL). The dead-letter
// queues are optional: with their URLs, Receive and Ack also reach "commands-dlq" and
// "polls-dlq" (for redriving by hand in the local-AWS mode).
type URLs struct {
	Commands    string // FIFO
	Polls       string // standard
	CommandsDLQ string
	PollsDLQ    string
}

// Queues sends to and receives from the product's queues by their domain names.
type Queues struct {
	api  sqsAPI
	urls map[string]string
	wait time.Duration
}

var _ domain.Sender = (*Queues)(nil)

// Option configures Queues.
type Option func(*Queues)

// WithWaitTime makes Receive long-poll for up to d (at most 20 s) when nothing is visible;
// the default, 0, is short polling.
func WithWaitTime(d time.Duration) Option { return func(q *Queues) { q.wait = min(d, 20*time.Second) } }

// New returns Queues on the given URLs; api is usually awsconfig.NewSQS(cfg).
func New(api sqsAPI, urls URLs, opts ...Option) *Queues {
	q := &Queues{api: api, urls: map[string]string{}}
	for name, url := range map[string]string{
		domain.QueueCommands: urls.Commands, domain.QueuePolls: urls.Polls,
		domain.QueueCommands + DLQSuffix: urls.CommandsDLQ, domain.QueuePolls + DLQSuffix: urls.PollsDLQ,
	} {
		if url != "" {
			q.urls[name] = url
		}
	}
	for _, o := range opts {
		o(q)
	}
	return q
}

// url resolves a domain queue name.
func (q *Queues) url(name string) (string, error) {
	url, ok := q.urls[name]
	if !ok {
		return "", domain.Permanent(fmt.Errorf("queue %q: no URL configured", name))
	}
	return url, nil
}

// QueueName is the domain name of the configured queue with this ARN
// ("arn:aws:sqs:<region>:<account>:<queue name>"): the one whose URL ends in "/<queue name>".
// The Lambda event source names its queue by ARN; ok is false for a queue not configured.
func (q *Queues) QueueName(arn string) (string, bool) {
	i := strings.LastIndexByte(arn, ':')
	if !strings.HasPrefix(arn, "arn:") || i < 0 || i == len(arn)-1 {
		return "", false
	}
	queue := arn[i+1:]
	for name, url := range q.urls {
		if strings.HasSuffix(url, "/"+queue) {
			return name, true
		}
	}
	return "", false
}

// isFIFO: an SQS FIFO queue's name, and so its URL, ends in ".fifo".
func isFIFO(url string) bool { return strings.HasSuffix(url, ".fifo") }

// seconds rounds d up to whole seconds within [0, max].
func seconds(d time.Duration, maxSeconds int32) int32 {
	if d <= 0 {
		return 0
	}
	s := (d + time.Second - 1) / time.Second
	return int32(min(s, time.Duration(maxSeconds)))
}
