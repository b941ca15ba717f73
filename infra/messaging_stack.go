package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// MessagingStackProps configures the queues and the bus.
type MessagingStackProps struct {
	awscdk.StackProps
	// BusName is the product's EventBridge bus; the us-east-1 forwarder targets it by name.
	BusName string
	// WorkerTimeout is the timeout of the worker, which consumes both queues.
	WorkerTimeout awscdk.Duration
	// AlarmEmail, when set, subscribes to the alarm topic at deploy time.
	AlarmEmail string
}

// MessagingStack holds the command and poll queues, their DLQs and the product's event bus.
type MessagingStack struct {
	awscdk.Stack
	Commands *WorkQueue
	Polls    *WorkQueue
	Bus      awsevents.EventBus
	// Alarms is the topic every alarm of the product notifies (this stack's and the others').
	Alarms *AlarmTopic
}

// NewMessagingStack creates the alarm topic, the FIFO command queue and the standard poll queue
// (each with a DLQ, a DLQ-depth alarm and a message-age alarm), and the event bus with an
// archive of everything published on it.
func NewMessagingStack(scope constructs.Construct, id string, props *MessagingStackProps) *MessagingStack {
	if props == nil {
		props = &MessagingStackProps{}
	}
	if props.BusName == "" {
		props.BusName = defaultBusName
	}
	if props.WorkerTimeout == nil {
		props.WorkerTimeout = awscdk.Duration_Seconds(jsii.Number(workerTimeoutSeconds))
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &MessagingStack{Stack: stack}
	s.Alarms = NewAlarmTopic(stack, "Alarms", props.AlarmEmail)

	s.Commands = NewWorkQueue(stack, "Commands", &WorkQueueProps{
		FIFO: true, ConsumerTimeout: props.WorkerTimeout, Description: "CloudFront Manager commands", AlarmTopic: s.Alarms.Topic,
	})
	s.Polls = NewWorkQueue(stack, "Polls", &WorkQueueProps{
		ConsumerTimeout: props.WorkerTimeout, Description: "CloudFront Manager deployment polls", AlarmTopic: s.Alarms.Topic,
	})

	s.Bus = awsevents.NewEventBus(stack, jsii.String("Bus"), &awsevents.EventBusProps{
		EventBusName: jsii.String(props.BusName),
	})
	s.Bus.Archive(jsii.String("Archive"), &awsevents.BaseArchiveProps{
		Description: jsii.String("Every event on the CloudFront Manager bus, for replay"),
		// An archive needs a pattern; the account matches every event on the bus.
		EventPattern: &awsevents.EventPattern{Account: jsii.Strings(*stack.Account())},
		Retention:    awscdk.Duration_Days(jsii.Number(90)),
	})

	awscdk.NewCfnOutput(stack, jsii.String("CommandQueueUrl"), &awscdk.CfnOutputProps{Value: s.Commands.Queue.QueueUrl()})
	awscdk.NewCfnOutput(stack, jsii.String("PollQueueUrl"), &awscdk.CfnOutputProps{Value: s.Polls.Queue.QueueUrl()})
	awscdk.NewCfnOutput(stack, jsii.String("EventBusName"), &awscdk.CfnOutputProps{Value: s.Bus.EventBusName()})
	awscdk.NewCfnOutput(stack, jsii.String("AlarmTopicArn"), &awscdk.CfnOutputProps{Value: s.Alarms.Topic.TopicArn()})
	return s
}
