package main

import (
	"fmt"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// Function timeouts. The queues' visibility timeouts derive from workerTimeoutSeconds.
const (
	apiTimeoutSeconds = 29 // API Gateway's integration timeout
	// The worker's batches must finish well inside its timeout under CloudFront throttling.
	// CloudFront's control plane allows a few requests per second per account, and the adapter
	// paces each worker process at 5/s, so a call may wait up to throttledCallSeconds (pacing
	// plus the SDK's throttling retries); a command makes up to commandCloudFrontCalls calls (a
	// multi-origin create: policy, function create/publish, distribution, tag, status), a poll
	// up to pollCloudFrontCalls (status, then the origins' bucket policies once Deployed).
	// batchSeconds(…) ≤ workerTimeoutSeconds/2 for both queues (compute_stack_test.go); the
	// handler also stops starting messages 10 s before the deadline and returns the rest.
	workerTimeoutSeconds   = 120
	commandBatchSize       = 2
	pollBatchSize          = 10
	commandCloudFrontCalls = 12
	pollCloudFrontCalls    = 3
	throttledCallSeconds   = 2
	// The scheduled drift check reads every deployed distribution from CloudFront at the
	// adapter's 5 requests/s: 300 s covers about 1500 distributions (a CloudTrail record takes
	// a few calls; the timeout only bounds it).
	watchTimeoutSeconds   = 300
	sweeperTimeoutSeconds = 60
	// Each SQS event source polls with at most eventSourceMaxConcurrency invocations (2 is the
	// service minimum). The worker reserves their sum over its four sources (both queues and
	// their DLQs), so the pollers are never throttled: throttled receives count towards
	// maxReceiveCount. Only the two work queues' four concurrent invocations call CloudFront
	// much (the DLQ sources fail operations, reading a distribution's status at most), which
	// stays well inside CloudFront's control-plane rate limits.
	eventSourceMaxConcurrency = 2
	workerEventSources        = 4
	workerReservedConcurrency = workerEventSources * eventSourceMaxConcurrency
	// The watch function reads CloudFront (GetDistributionConfig per record and per managed
	// distribution in the drift check); capping it keeps a burst of CloudTrail records from
	// using the account's CloudFront request rate the worker converges with. Throttled
	// asynchronous invocations are retried by Lambda for up to watchMaxEventAge.
	watchReservedConcurrency = 2
	// One sweep at a time: a sweep that overlaps the next scheduled one would only resend the
	// same stuck intents twice.
	sweeperReservedConcurrency = 1
	// Lambda's own retries of a failed asynchronous watch invocation (the maximum) and how long
	// an event may wait for them before it goes to the failure queue.
	watchRetryAttempts = 2
	watchMaxEventAge   = 6 * 60 // minutes
	// driftCheckRate is how often the scheduled drift check compares every deployed
	// distribution with CloudFront (CloudTrail records catch most changes within minutes).
	driftCheckRate = 60 // minutes
)

// ComputeStackProps wires the functions to the data, messaging and auth stacks.
type ComputeStackProps struct {
	awscdk.StackProps
	AssetDir       string
	PolicyJSON     string
	ResourcePrefix string
	Table          awsdynamodb.ITable
	TableKey       awskms.IKey // nil for the AWS managed key
	Commands       awssqs.IQueue
	Polls          awssqs.IQueue
	// CommandsDLQ and PollsDLQ are the work queues' dead-letter queues: the worker consumes
	// them too and fails the operation of every message that arrives there.
	CommandsDLQ awssqs.IQueue
	PollsDLQ    awssqs.IQueue
	Bus         awsevents.IEventBus
	JWTIssuer   string
	JWTAudience string
	JWKSURL     string
	// AlarmTopic, when set, is notified by the stack's alarms.
	AlarmTopic awssns.ITopic
}

// ComputeStack holds the four backend functions and the Lambda@Edge execution role.
type ComputeStack struct {
	awscdk.Stack
	API, Worker, Watch, Sweeper *BackendFunction
	EdgeRole                    *EdgeRole
	// WatchFailures holds watch events that failed after every retry (the function's failure
	// destination and the rules' dead-letter queue).
	WatchFailures awssqs.Queue
}

// NewComputeStack creates the api, worker, watch and sweeper functions, each with its own role.
func NewComputeStack(scope constructs.Construct, id string, props *ComputeStackProps) *ComputeStack {
	if props == nil || props.Table == nil || props.Commands == nil || props.Polls == nil || props.CommandsDLQ == nil ||
		props.PollsDLQ == nil || props.Bus == nil {
		panic(fmt.Sprintf("NewComputeStack %s: props with Table, Commands, Polls, their DLQs and Bus are required", id))
	}
	if props.ResourcePrefix == "" {
		props.ResourcePrefix = defaultResourcePrefix
	}
	if props.AssetDir == "" {
		props.AssetDir = defaultAssetDir
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &ComputeStack{Stack: stack}
	zip := func(name string) string { return filepath.Join(props.AssetDir, name+".zip") }

	s.EdgeRole = NewEdgeRole(stack, "EdgeFunctionRole", props.ResourcePrefix)

	s.API = NewBackendFunction(stack, "Api", &BackendFunctionProps{
		Zip: zip("api"), Description: "CloudFront Manager HTTP API",
		Timeout: awscdk.Duration_Seconds(jsii.Number(apiTimeoutSeconds)),
		Environment: map[string]string{
			"CFM_TABLE_NAME":        *props.Table.TableName(),
			"CFM_COMMAND_QUEUE_URL": *props.Commands.QueueUrl(),
			"CFM_POLICY":            props.PolicyJSON,
			"CFM_JWT_ISSUER":        props.JWTIssuer,
			"CFM_JWT_AUDIENCE":      props.JWTAudience,
			"CFM_JWKS_URL":          props.JWKSURL,
			// Managed origin bucket names must start with "<prefix>-" (IAM allows no others).
			"CFM_RESOURCE_PREFIX": props.ResourcePrefix,
		},
	})
	s.Worker = NewBackendFunction(stack, "Worker", &BackendFunctionProps{
		Zip: zip("worker"), Description: "CloudFront Manager worker: converges commands and deployment polls",
		Timeout:             awscdk.Duration_Seconds(jsii.Number(workerTimeoutSeconds)),
		ReservedConcurrency: workerReservedConcurrency,
		Environment: map[string]string{
			"CFM_TABLE_NAME":        *props.Table.TableName(),
			"CFM_COMMAND_QUEUE_URL": *props.Commands.QueueUrl(),
			"CFM_POLL_QUEUE_URL":    *props.Polls.QueueUrl(),
			"CFM_COMMAND_DLQ_URL":   *props.CommandsDLQ.QueueUrl(),
			"CFM_POLL_DLQ_URL":      *props.PollsDLQ.QueueUrl(),
			"CFM_EVENT_BUS_NAME":    *props.Bus.EventBusName(),
			"CFM_POLICY":            props.PolicyJSON,
			"CFM_EDGE_ROLE_ARN":     *s.EdgeRole.Role.RoleArn(),
			"CFM_RESOURCE_PREFIX":   props.ResourcePrefix,
		},
	})
	s.Watch = NewBackendFunction(stack, "Watch", &BackendFunctionProps{
		Zip: zip("watch"), Description: "CloudFront Manager watch: CloudTrail events for CloudFront, drift",
		Timeout:             awscdk.Duration_Seconds(jsii.Number(watchTimeoutSeconds)),
		ReservedConcurrency: watchReservedConcurrency,
		Environment: map[string]string{
			"CFM_TABLE_NAME":        *props.Table.TableName(),
			"CFM_COMMAND_QUEUE_URL": *props.Commands.QueueUrl(),
			"CFM_POLL_QUEUE_URL":    *props.Polls.QueueUrl(),
			"CFM_EVENT_BUS_NAME":    *props.Bus.EventBusName(),
			// CloudTrail records made by this role are the product's own calls, not drift.
			"CFM_WORKER_ROLE_ARN": *s.Worker.Role.RoleArn(),
		},
	})
	s.Sweeper = NewBackendFunction(stack, "Sweeper", &BackendFunctionProps{
		Zip: zip("sweeper"), Description: "CloudFront Manager sweeper: resends stuck intents, fails expired operations",
		Timeout:             awscdk.Duration_Seconds(jsii.Number(sweeperTimeoutSeconds)),
		ReservedConcurrency: sweeperReservedConcurrency,
		Environment: map[string]string{
			"CFM_TABLE_NAME":        *props.Table.TableName(),
			"CFM_COMMAND_QUEUE_URL": *props.Commands.QueueUrl(),
			"CFM_EVENT_BUS_NAME":    *props.Bus.EventBusName(),
		},
	})

	s.WatchFailures = newFailureQueue(stack, "WatchFailures")
	s.Watch.Function.ConfigureAsyncInvoke(&awslambda.EventInvokeConfigOptions{
		RetryAttempts: jsii.Number(watchRetryAttempts),
		MaxEventAge:   awscdk.Duration_Minutes(jsii.Number(watchMaxEventAge)),
		OnFailure:     awslambdadestinations.NewSqsDestination(s.WatchFailures),
	})

	grantBackend(s, props)
	grantWorkerAWS(stack, s.Worker, s.EdgeRole, props.ResourcePrefix)
	grantAPIAWS(stack, s.API, props.ResourcePrefix)
	grantWatchAWS(s.Watch, props.ResourcePrefix)
	s.wireTriggers(props)

	for _, f := range []struct {
		name string
		fn   *BackendFunction
	}{{"Api", s.API}, {"Worker", s.Worker}, {"Watch", s.Watch}, {"Sweeper", s.Sweeper}} {
		functionAlarms(stack, props.AlarmTopic, f.fn, f.name)
	}
	newAlarms(stack, props.AlarmTopic, alarmSpec{"WatchFailuresAlarm",
		"CloudFront Manager watch: events failed after every retry (drift records or drift checks lost until replayed)",
		s.WatchFailures.MetricApproximateNumberOfMessagesVisible(maximum(1)), 0})
	awscdk.NewCfnOutput(stack, jsii.String("EdgeRoleArn"), &awscdk.CfnOutputProps{Value: s.EdgeRole.Role.RoleArn()})
	return s
}

// wireTriggers connects the worker to both queues and their DLQs, the watch function to CloudTrail events
// for CloudFront on the product bus and to the drift-check schedule, and the sweeper to a
// five-minute schedule. Events EventBridge cannot deliver to the watch function go to the
// failure queue too (a function error is retried by Lambda, see ConfigureAsyncInvoke).
func (s *ComputeStack) wireTriggers(props *ComputeStackProps) {
	for _, src := range []struct {
		queue awssqs.IQueue
		batch int
	}{{props.Commands, commandBatchSize}, {props.Polls, pollBatchSize}, {props.CommandsDLQ, pollBatchSize}, {props.PollsDLQ, pollBatchSize}} {
		s.Worker.Function.AddEventSource(awslambdaeventsources.NewSqsEventSource(src.queue, &awslambdaeventsources.SqsEventSourceProps{
			BatchSize:               jsii.Number(src.batch),
			ReportBatchItemFailures: jsii.Bool(true),
			MaxConcurrency:          jsii.Number(eventSourceMaxConcurrency),
		}))
	}

	awsevents.NewRule(s.Stack, jsii.String("CloudFrontApiCalls"), &awsevents.RuleProps{
		Description:  jsii.String("CloudTrail-recorded CloudFront API calls (forwarded from us-east-1) to the watch function"),
		EventBus:     props.Bus,
		EventPattern: cloudFrontAPICallPattern(),
		Targets:      &[]awsevents.IRuleTarget{s.watchTarget()},
	})
	// The schedule's event (detail-type "Scheduled Event", testdata/eventbridge/scheduled-event.json)
	// is what handlers/watch runs app.Watch.CheckAll on; no input transformation.
	awsevents.NewRule(s.Stack, jsii.String("DriftCheckSchedule"), &awsevents.RuleProps{
		Description: jsii.String("Runs the CloudFront Manager periodic drift check (watch function)"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(driftCheckRate))),
		Targets:     &[]awsevents.IRuleTarget{s.watchTarget()},
	})
	awsevents.NewRule(s.Stack, jsii.String("SweeperSchedule"), &awsevents.RuleProps{
		Description: jsii.String("Runs the CloudFront Manager sweeper"),
		Schedule:    awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(5))),
		Targets:     &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(s.Sweeper.Function, nil)},
	})
}

// watchTarget invokes the watch function; EventBridge retries delivery for 2 hours, then
// parks the event in the failure queue.
func (s *ComputeStack) watchTarget() awsevents.IRuleTarget {
	return awseventstargets.NewLambdaFunction(s.Watch.Function, &awseventstargets.LambdaFunctionProps{
		RetryAttempts:   jsii.Number(8),
		MaxEventAge:     awscdk.Duration_Hours(jsii.Number(2)),
		DeadLetterQueue: s.WatchFailures,
	})
}

// newFailureQueue is a dead-letter queue for asynchronous invocations and rule targets
// (SQS-managed encryption, TLS only, 14 days).
func newFailureQueue(scope constructs.Construct, id string) awssqs.Queue {
	q := awssqs.NewQueue(scope, jsii.String(id), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(q, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SQS3"),
		Reason: jsii.String("This queue is itself a dead-letter queue: the failure destination of asynchronous invocations and the rule targets' DLQ (cdk-nag only recognises DLQs of other queues)."),
	}}, jsii.Bool(false))
	return q
}

// cloudFrontAPICallPattern matches CloudTrail's records of CloudFront API calls.
func cloudFrontAPICallPattern() *awsevents.EventPattern {
	return &awsevents.EventPattern{
		Source:     jsii.Strings("aws.cloudfront"),
		DetailType: jsii.Strings("AWS API Call via CloudTrail"),
		Detail:     &map[string]any{"eventSource": []string{"cloudfront.amazonaws.com"}},
	}
}
