package sqsqueue

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// createAPI is the part of the SQS client CreateQueues calls.
type createAPI interface {
	CreateQueue(ctx context.Context, in *sqs.CreateQueueInput, optFns ...func(*sqs.Options)) (*sqs.CreateQueueOutput, error)
	GetQueueAttributes(ctx context.Context, in *sqs.GetQueueAttributesInput, optFns ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error)
}

// Queue settings of CreateQueues (the deployed queues belong to the CDK stack).
const (
	// MaxReceives is the number of receives after which a message moves to its DLQ (the
	// deployed queues' maxReceiveCount, see domain.MaxReceives).
	MaxReceives = domain.MaxReceives
	// VisibilityTimeoutSeconds is the queues' default; the worker's Receive passes its own.
	VisibilityTimeoutSeconds = 180
	// dlqRetentionSeconds keeps dead letters 14 days, SQS's maximum.
	dlqRetentionSeconds = 14 * 24 * 3600
)

// CreateOption configures CreateQueues.
type CreateOption func(*createConfig)

type createConfig struct{ maxReceives int }

// ReceiveLimit redrives to the DLQs after n receives instead of MaxReceives (tests that
// exercise the redrive itself).
func ReceiveLimit(n int) CreateOption { return func(c *createConfig) { c.maxReceives = n } }

// CreateQueues creates the product's queues for tests and the moto mode of `make run`:
// "<prefix>-commands.fifo" (FIFO, content-based dedup off) and "<prefix>-polls" (standard),
// each redriving to its DLQ ("<prefix>-commands-dlq.fifo", "<prefix>-polls-dlq") after
// MaxReceives receives (or ReceiveLimit's). Existing queues with the same attributes are reused.
func CreateQueues(ctx context.Context, api createAPI, prefix string, opts ...CreateOption) (URLs, error) {
	c := createConfig{maxReceives: MaxReceives}
	for _, o := range opts {
		o(&c)
	}
	var urls URLs
	var err error
	fifo := map[string]string{
		string(types.QueueAttributeNameFifoQueue):                 "true",
		string(types.QueueAttributeNameContentBasedDeduplication): "false",
	}
	if urls.CommandsDLQ, err = createQueue(ctx, api, prefix+"-commands-dlq.fifo", fifo, "", 0); err != nil {
		return URLs{}, err
	}
	if urls.Commands, err = createQueue(ctx, api, prefix+"-commands.fifo", fifo, urls.CommandsDLQ, c.maxReceives); err != nil {
		return URLs{}, err
	}
	if urls.PollsDLQ, err = createQueue(ctx, api, prefix+"-polls-dlq", nil, "", 0); err != nil {
		return URLs{}, err
	}
	if urls.Polls, err = createQueue(ctx, api, prefix+"-polls", nil, urls.PollsDLQ, c.maxReceives); err != nil {
		return URLs{}, err
	}
	return urls, nil
}

// createQueue creates one queue; with a dlqURL it redrives there, else it is itself a DLQ.
func createQueue(ctx context.Context, api createAPI, name string, base map[string]string, dlqURL string, maxReceives int) (string, error) {
	attrs := map[string]string{
		string(types.QueueAttributeNameVisibilityTimeout): strconv.Itoa(VisibilityTimeoutSeconds),
	}
	for k, v := range base {
		attrs[k] = v
	}
	if dlqURL == "" {
		attrs[string(types.QueueAttributeNameMessageRetentionPeriod)] = strconv.Itoa(dlqRetentionSeconds)
	} else {
		out, err := api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(dlqURL),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn},
		})
		if err != nil {
			return "", classify("read arn of "+dlqURL, err)
		}
		policy, err := json.Marshal(map[string]any{
			"deadLetterTargetArn": out.Attributes[string(types.QueueAttributeNameQueueArn)],
			"maxReceiveCount":     maxReceives,
		})
		if err != nil {
			return "", err
		}
		attrs[string(types.QueueAttributeNameRedrivePolicy)] = string(policy)
	}
	out, err := api.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		return "", classify(fmt.Sprintf("create queue %s", name), err)
	}
	return aws.ToString(out.QueueUrl), nil
}
