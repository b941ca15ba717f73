package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var functionNames = []string{"HTTP API", "worker", "watch", "sweeper"}

func TestComputeStack_FunctionsRunTheBuiltZipsWithTheirOwnRoles(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Compute")
	tpl.ResourceCountIs(jsii.String("AWS::Lambda::Function"), jsii.Number(4))
	tpl.AllResourcesProperties(jsii.String("AWS::Lambda::Function"), props(map[string]any{
		"Runtime":       "provided.al2023",
		"Architectures": []any{"arm64"},
		"Handler":       "bootstrap",
		"LoggingConfig": map[string]any{"LogGroup": map[string]any{"Ref": assertions.Match_AnyValue()}},
	}))
	tpl.AllResourcesProperties(jsii.String("AWS::Logs::LogGroup"), props(map[string]any{"RetentionInDays": 30}))

	roles := map[string]bool{}
	logGroups := map[string]bool{}
	for _, name := range functionNames {
		p := functionByDescription(t, f, name)["Properties"].(map[string]any)
		roles[fmt.Sprint(p["Role"])] = true
		logGroups[fmt.Sprint(p["LoggingConfig"])] = true
	}
	assert.Len(t, roles, 4, "each function has its own role")
	assert.Len(t, logGroups, 4, "each function has its own log group")
	// No AWS managed policy on any role: every permission is a reviewed statement.
	for id, r := range f.resources("Compute", "AWS::IAM::Role") {
		assert.NotContains(t, r["Properties"], "ManagedPolicyArns", id)
	}
}

func TestComputeStack_EnvironmentFollowsTheResourceContract(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	want := map[string][]string{
		"HTTP API": {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLICY", "CFM_JWT_ISSUER", "CFM_JWT_AUDIENCE", "CFM_JWKS_URL", "CFM_RESOURCE_PREFIX", "CFM_CONSOLE_ORIGIN"},
		"worker":   {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLL_QUEUE_URL", "CFM_COMMAND_DLQ_URL", "CFM_POLL_DLQ_URL", "CFM_EVENT_BUS_NAME", "CFM_POLICY", "CFM_EDGE_ROLE_ARN", "CFM_RESOURCE_PREFIX"},
		"watch":    {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLL_QUEUE_URL", "CFM_EVENT_BUS_NAME", "CFM_WORKER_ROLE_ARN"},
		"sweeper":  {"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_POLL_QUEUE_URL", "CFM_EVENT_BUS_NAME"},
	}
	for name, keys := range want {
		vars := functionByDescription(t, f, name)["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
		var got []string
		for k := range vars {
			got = append(got, k)
		}
		assert.ElementsMatch(t, keys, got, name)
	}

	worker := functionByDescription(t, f, "worker")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	assert.Equal(t, map[string]any{"Fn::GetAtt": []any{f.edgeRoleID(t), "Arn"}}, worker["CFM_EDGE_ROLE_ARN"])
	assert.Equal(t, "cfm", worker["CFM_RESOURCE_PREFIX"])
	watch := functionByDescription(t, f, "watch")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	workerRole := functionByDescription(t, f, "worker")["Properties"].(map[string]any)["Role"]
	assert.Equal(t, workerRole, watch["CFM_WORKER_ROLE_ARN"], "the watch function tells the worker's own calls from drift")

	// The policy delivered is the policy file, with the allowedAliasDomains context applied.
	api := functionByDescription(t, f, "HTTP API")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	var policy map[string]any
	require.NoError(t, json.Unmarshal([]byte(api["CFM_POLICY"].(string)), &policy))
	assert.Equal(t, []any{"example.com", "cdn.example.org"}, policy["allowedAliasDomains"])
	assert.Equal(t, "TLSv1.2_2021", policy["minimumTlsVersion"])
	assert.Equal(t, api["CFM_POLICY"], worker["CFM_POLICY"])

	issuer := fmt.Sprint(api["CFM_JWT_ISSUER"])
	assert.Contains(t, issuer, "https://cognito-idp.eu-west-1.amazonaws.com/")
	assert.Contains(t, fmt.Sprint(api["CFM_JWKS_URL"]), "/.well-known/jwks.json")
	assert.Contains(t, fmt.Sprint(api["CFM_JWT_AUDIENCE"]), "Cfm-Auth:ExportsOutputRefUserPoolConsoleClient")
}

func TestComputeStack_WorkerConsumesBothQueuesWithPartialBatchFailures(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Compute")
	tpl.ResourceCountIs(jsii.String("AWS::Lambda::EventSourceMapping"), jsii.Number(workerEventSources))
	worker := functionID(t, f, "worker")
	// The work queues, and their DLQs (whose records fail their operations).
	for queue, batch := range map[string]int{"CommandsQueue": commandBatchSize, "PollsQueue": pollBatchSize,
		"CommandsDeadLetterQueue": pollBatchSize, "PollsDeadLetterQueue": pollBatchSize} {
		tpl.HasResourceProperties(jsii.String("AWS::Lambda::EventSourceMapping"), props(map[string]any{
			"FunctionName":          map[string]any{"Ref": worker},
			"EventSourceArn":        map[string]any{"Fn::ImportValue": assertions.Match_StringLikeRegexp(jsii.String(queue))},
			"BatchSize":             batch,
			"FunctionResponseTypes": []any{"ReportBatchItemFailures"},
			"ScalingConfig":         map[string]any{"MaximumConcurrency": eventSourceMaxConcurrency},
		}))
	}
	env := functionByDescription(t, f, "worker")["Properties"].(map[string]any)["Environment"].(map[string]any)["Variables"].(map[string]any)
	for _, v := range []string{"CFM_COMMAND_DLQ_URL", "CFM_POLL_DLQ_URL"} {
		ref, _ := json.Marshal(env[v])
		assert.Contains(t, string(ref), "DeadLetterQueue", "%s names a DLQ", v)
	}
	// Reserved concurrency covers every poller, so none of them is throttled into the DLQ.
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), props(map[string]any{
		"Description":                  assertions.Match_StringLikeRegexp(jsii.String("worker")),
		"ReservedConcurrentExecutions": workerEventSources * eventSourceMaxConcurrency,
	}))
	reserved := map[string]any{}
	for _, name := range functionNames {
		if n, ok := functionByDescription(t, f, name)["Properties"].(map[string]any)["ReservedConcurrentExecutions"]; ok {
			reserved[name] = n
		}
	}
	// The watch function is capped so CloudTrail bursts and drift checks cannot use up the
	// CloudFront request rate the worker needs; one sweep runs at a time; the API is unreserved
	// (a cap there would refuse requests, and reserving takes from the account's pool).
	assert.Equal(t, map[string]any{"worker": float64(workerReservedConcurrency), "watch": float64(watchReservedConcurrency),
		"sweeper": float64(sweeperReservedConcurrency)}, reserved)
}

// A batch of healthy messages cannot outrun the worker's timeout under CloudFront throttling:
// each queue's batch, at the worst call count per message and the worst wait per call, takes
// at most half the timeout (the other half is margin; the handler also returns unstarted
// messages 10 s before the deadline).
func TestComputeStack_WorkerBatchesFitItsTimeoutUnderThrottling(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	timeout := functionByDescription(t, f, "worker")["Properties"].(map[string]any)["Timeout"].(float64)
	require.Equal(t, float64(workerTimeoutSeconds), timeout)
	batches := map[string]float64{}
	for _, m := range f.resources("Compute", "AWS::Lambda::EventSourceMapping") {
		p := m["Properties"].(map[string]any)
		arn, _ := json.Marshal(p["EventSourceArn"])
		for _, q := range []string{"CommandsQueue", "PollsQueue"} {
			if strings.Contains(string(arn), q) {
				batches[q] = p["BatchSize"].(float64)
			}
		}
	}
	require.Len(t, batches, 2)
	assert.LessOrEqual(t, batches["CommandsQueue"]*commandCloudFrontCalls*throttledCallSeconds, timeout/2, "commands")
	assert.LessOrEqual(t, batches["PollsQueue"]*pollCloudFrontCalls*throttledCallSeconds, timeout/2, "polls")
	assert.Less(t, batches["CommandsQueue"], float64(10), "the default batch of 10 commands cannot keep up with throttling")
}

func TestComputeStack_TriggersForWatchAndSweeper(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Compute")
	tpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), props(map[string]any{
		"EventBusName": map[string]any{"Fn::ImportValue": assertions.Match_StringLikeRegexp(jsii.String("Cfm-Messaging:ExportsOutputRefBus"))},
		"EventPattern": cloudTrailPatternJSON(),
		"Targets":      []any{objectLike(map[string]any{"Arn": map[string]any{"Fn::GetAtt": []any{functionID(t, f, "watch"), "Arn"}}})},
	}))
	tpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), props(map[string]any{
		"ScheduleExpression": "rate(1 minute)",
		"Targets":            []any{objectLike(map[string]any{"Arn": map[string]any{"Fn::GetAtt": []any{functionID(t, f, "sweeper"), "Arn"}}})},
	}))
	// The drift check runs on a schedule, as the default "Scheduled Event" (no input), which
	// handlers/watch dispatches to app.Watch.CheckAll.
	drift := tpl.FindResources(jsii.String("AWS::Events::Rule"), props(map[string]any{"Properties": objectLike(map[string]any{
		"ScheduleExpression": assertions.Match_StringLikeRegexp(jsii.String(`^rate\(`)),
		"Targets":            []any{objectLike(map[string]any{"Arn": map[string]any{"Fn::GetAtt": []any{functionID(t, f, "watch"), "Arn"}}})},
	})}))
	require.Len(t, *drift, 1)
	for _, r := range *drift {
		p := (*r)["Properties"].(map[string]any)
		assert.Equal(t, "rate(1 hour)", p["ScheduleExpression"], "driftCheckRate")
		assert.NotContains(t, p["Targets"].([]any)[0], "Input")
		assert.NotContains(t, p["Targets"].([]any)[0], "InputTransformer")
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "eventbridge", "scheduled-event.json"))
	require.NoError(t, err)
	var ev map[string]any
	require.NoError(t, json.Unmarshal(raw, &ev))
	assert.Equal(t, "Scheduled Event", ev["detail-type"], "the fixture the watch Lambda's test runs is a schedule's event")
}

// TestComputeStack_FailedWatchEventsAreKeptAndAlarm: a watch invocation that fails after
// Lambda's retries goes to the failure queue (its on-failure destination), as does an event
// EventBridge cannot deliver (each watch rule's DLQ); the queue's depth alarms.
func TestComputeStack_FailedWatchEventsAreKeptAndAlarm(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Compute")
	queue := ""
	for id := range f.resources("Compute", "AWS::SQS::Queue") {
		if strings.HasPrefix(id, "WatchFailures") {
			queue = id
		}
	}
	require.NotEmpty(t, queue)
	queueArn := map[string]any{"Fn::GetAtt": []any{queue, "Arn"}}
	tpl.HasResourceProperties(jsii.String("AWS::SQS::Queue"), props(map[string]any{"SqsManagedSseEnabled": true, "MessageRetentionPeriod": 14 * 24 * 3600}))
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::EventInvokeConfig"), props(map[string]any{
		"FunctionName":             map[string]any{"Ref": functionID(t, f, "watch")},
		"MaximumRetryAttempts":     watchRetryAttempts,
		"MaximumEventAgeInSeconds": watchMaxEventAge * 60,
		"DestinationConfig":        map[string]any{"OnFailure": map[string]any{"Destination": queueArn}},
	}))
	watchRules := 0
	for id, r := range f.resources("Compute", "AWS::Events::Rule") {
		for _, target := range r["Properties"].(map[string]any)["Targets"].([]any) {
			tg := target.(map[string]any)
			if fmt.Sprint(tg["Arn"]) == fmt.Sprint(map[string]any{"Fn::GetAtt": []any{functionID(t, f, "watch"), "Arn"}}) {
				watchRules++
				assert.Equal(t, map[string]any{"Arn": queueArn}, tg["DeadLetterConfig"], id)
			}
		}
	}
	assert.Equal(t, 2, watchRules, "CloudTrail records and the drift schedule")
	// The drift check reads every deployed distribution at 5 requests/s within one invocation.
	assert.Equal(t, float64(watchTimeoutSeconds), functionByDescription(t, f, "watch")["Properties"].(map[string]any)["Timeout"])
	// EventBridge may send to the queue only for those rules.
	tpl.HasResourceProperties(jsii.String("AWS::SQS::QueuePolicy"), props(map[string]any{
		"PolicyDocument": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
			"Principal": map[string]any{"Service": "events.amazonaws.com"},
			"Condition": map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": assertions.Match_AnyValue()}},
		}))}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), props(map[string]any{
		"MetricName": "ApproximateNumberOfMessagesVisible", "Namespace": "AWS/SQS", "Threshold": 0,
		"Dimensions":   []any{map[string]any{"Name": "QueueName", "Value": map[string]any{"Fn::GetAtt": []any{queue, "QueueName"}}}},
		"AlarmActions": []any{alarmTopicImport()},
	}))
}

// TestComputeStack_EveryFunctionAlarmsOnErrorsAndThrottles, notifying the alarm topic.
func TestComputeStack_EveryFunctionAlarmsOnErrorsAndThrottles(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Compute")
	for _, name := range functionNames {
		for _, metric := range []string{"Errors", "Throttles"} {
			tpl.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), props(map[string]any{
				"MetricName": metric, "Namespace": "AWS/Lambda", "Statistic": "Sum", "Period": 300,
				"Threshold": 0, "ComparisonOperator": "GreaterThanThreshold",
				"Dimensions":   []any{map[string]any{"Name": "FunctionName", "Value": map[string]any{"Ref": functionID(t, f, name)}}},
				"AlarmActions": []any{alarmTopicImport()},
				"OKActions":    []any{alarmTopicImport()},
			}))
		}
	}
	tpl.ResourceCountIs(jsii.String("AWS::CloudWatch::Alarm"), jsii.Number(2*len(functionNames)+1))
}

// alarmTopicImport is how the Compute and Api stacks reference the alarm topic.
func alarmTopicImport() map[string]any {
	return map[string]any{"Fn::ImportValue": assertions.Match_StringLikeRegexp(jsii.String(`^Cfm-Messaging:ExportsOutputRefAlarmsTopic`))}
}

func cloudTrailPatternJSON() map[string]any {
	return map[string]any{
		"source":      []any{"aws.cloudfront"},
		"detail-type": []any{"AWS API Call via CloudTrail"},
		"detail":      map[string]any{"eventSource": []any{"cloudfront.amazonaws.com"}},
	}
}

func TestComputeStack_IAMIsScopedPerFunction(t *testing.T) {
	f := mainFixture(t)
	all := map[string][]map[string]any{}
	for _, name := range functionNames {
		all[name] = policyOf(t, f, name)
	}
	for name, sts := range all {
		for _, st := range sts {
			require.Equal(t, "Allow", st["Effect"])
			for _, a := range actions(st) {
				assert.NotEqual(t, "*", a, name)
				assert.False(t, strings.HasSuffix(a, ":*"), "%s: service-wide action %s", name, a)
				if a == "iam:PassRole" {
					assert.Equal(t, "worker", name, "only the worker passes a role")
					assert.Equal(t, map[string]any{"Fn::GetAtt": []any{f.edgeRoleID(t), "Arn"}}, st["Resource"], "and only the edge role")
					assert.Equal(t, map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "lambda.amazonaws.com"}}, st["Condition"])
				}
				if strings.HasPrefix(a, "cloudfront:") {
					assert.Contains(t, []string{"worker", "watch"}, name, "%s must not call %s", name, a)
				}
				if strings.HasPrefix(a, "lambda:") || strings.HasPrefix(a, "iam:") {
					assert.Equal(t, "worker", name, "%s must not call %s", name, a)
				}
				if strings.HasPrefix(a, "s3:") || strings.HasPrefix(a, "acm:") {
					assert.Contains(t, []string{"worker", "HTTP API"}, name, "%s must not call %s", name, a)
					if name == "HTTP API" {
						assert.Regexp(t, `^(s3|acm):(Get|List|Describe)`, a, "the API only reads S3 and ACM")
					}
				}
				if a == "dynamodb:Scan" {
					t.Errorf("%s may scan the table", name)
				}
			}
			if st["Resource"] == "*" {
				assert.Subset(t, []string{"cloudfront:ListOriginAccessControls", "cloudfront:ListOriginRequestPolicies", "cloudfront:ListResponseHeadersPolicies", "cloudfront:ListDistributions", "acm:ListCertificates"}, actions(st), "%s: only list actions without resource-level permissions get *", name)
			}
		}
	}

	// Existing distributions: every action except plain CreateDistribution is tag-conditioned.
	for _, name := range []string{"worker", "watch"} {
		for _, st := range all[name] {
			res, _ := json.Marshal(st["Resource"])
			if !strings.Contains(string(res), ":distribution/*") || st["Sid"] == "CreateDistribution" {
				continue
			}
			cond, _ := json.Marshal(st["Condition"])
			assert.Regexp(t, `"aws:(Resource|Request)Tag/ManagedBy":"cfm"`, string(cond), "%s %s", name, st["Sid"])
		}
	}

	// The watch function only reads CloudFront.
	for _, st := range all["watch"] {
		for _, a := range actions(st) {
			if strings.HasPrefix(a, "cloudfront:") {
				assert.Regexp(t, `^cloudfront:(Get|List)`, a)
			}
		}
	}
	// Lambda@Edge functions: product prefix, us-east-1 only.
	for _, st := range all["worker"] {
		if st["Sid"] == "EdgeFunctions" {
			res, _ := json.Marshal(st["Resource"])
			assert.Contains(t, string(res), ":lambda:us-east-1:111111111111:function:cfm-*")
		}
		if st["Sid"] == "OriginBuckets" {
			res, _ := json.Marshal(st["Resource"])
			assert.Contains(t, string(res), ":s3:::cfm-*")
		}
	}
}

func TestComputeStack_EdgeRoleIsSeparateAndLogsOnly(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	id := f.edgeRoleID(t)
	role := f.resources("Compute", "AWS::IAM::Role")[id]
	trust, _ := json.Marshal(role["Properties"].(map[string]any)["AssumeRolePolicyDocument"])
	assert.Contains(t, string(trust), `"Service":"lambda.amazonaws.com"`)
	assert.Contains(t, string(trust), `"Service":"edgelambda.amazonaws.com"`)
	for _, name := range functionNames {
		assert.NotEqual(t, map[string]any{"Fn::GetAtt": []any{id, "Arn"}}, functionByDescription(t, f, name)["Properties"].(map[string]any)["Role"])
	}
	for _, p := range f.resources("Compute", "AWS::IAM::Policy") {
		if p["Properties"].(map[string]any)["Roles"].([]any)[0].(map[string]any)["Ref"] != id {
			continue
		}
		for _, st := range statements(p) {
			for _, a := range actions(st) {
				assert.True(t, strings.HasPrefix(a, "logs:"), "edge role may only log, got %s", a)
			}
		}
	}
}

// edgeRoleID is the logical id of the Lambda@Edge execution role.
func (f *fixture) edgeRoleID(t *testing.T) string {
	t.Helper()
	for id := range f.resources("Compute", "AWS::IAM::Role") {
		if strings.HasPrefix(id, "EdgeFunctionRole") {
			return id
		}
	}
	t.Fatal("no edge function role")
	return ""
}
