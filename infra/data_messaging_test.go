package main

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDataStack_TableMatchesTheStoreContract(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Data")
	tpl.ResourceCountIs(jsii.String("AWS::DynamoDB::Table"), jsii.Number(1))
	gsi := func(name, key string) map[string]any {
		return map[string]any{
			"IndexName":  name,
			"KeySchema":  []any{map[string]any{"AttributeName": key, "KeyType": "HASH"}, map[string]any{"AttributeName": "sk", "KeyType": "RANGE"}},
			"Projection": map[string]any{"ProjectionType": "ALL"},
		}
	}
	tpl.HasResourceProperties(jsii.String("AWS::DynamoDB::Table"), props(map[string]any{
		"KeySchema":                        []any{map[string]any{"AttributeName": "pk", "KeyType": "HASH"}},
		"BillingMode":                      "PAY_PER_REQUEST",
		"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
		"DeletionProtectionEnabled":        true,
		"TimeToLiveSpecification":          map[string]any{"AttributeName": "expiresAt", "Enabled": true},
		"SSESpecification":                 map[string]any{"SSEEnabled": true},
		"GlobalSecondaryIndexes": assertions.Match_ArrayEquals(&[]any{
			gsi("byKind", "kind"), gsi("byParent", "parent"), gsi("byStatus", "kindStatus"), gsi("byOwner", "kindOwner"),
		}),
	}))
	tpl.HasResource(jsii.String("AWS::DynamoDB::Table"), props(map[string]any{
		"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain",
	}))
}

func TestDataStack_CustomerKeyFromContext(t *testing.T) {
	defer failOnPanic(t)
	f := altFixture(t)
	f.template("Data").HasResourceProperties(jsii.String("AWS::DynamoDB::Table"), props(map[string]any{
		"SSESpecification": map[string]any{"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": f.cfg.KMSKeyARN},
	}))
	// Every function may use the key, only through DynamoDB.
	policies := f.resources("Compute", "AWS::IAM::Policy")
	withKey := 0
	for _, p := range policies {
		for _, st := range statements(p) {
			if st["Sid"] == "TableKey" {
				withKey++
				assert.Equal(t, f.cfg.KMSKeyARN, st["Resource"])
				assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:ViaService": "dynamodb.us-east-1.amazonaws.com"}}, st["Condition"])
				assert.ElementsMatch(t, []string{"kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"}, actions(st), "no kms:Encrypt: DynamoDB encrypts with the data key")
			}
		}
	}
	assert.Equal(t, 4, withKey, "api, worker, watch and sweeper get the key statement")
}

func TestMessagingStack_QueuesHaveDLQsAndRedrive(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Messaging")
	tpl.ResourceCountIs(jsii.String("AWS::SQS::Queue"), jsii.Number(4))
	// Commands: FIFO, explicit dedup ids, FIFO DLQ after 100 receives (a backstop for poison:
	// the worker counts attempts in the operation, see work_queue.go).
	tpl.HasResourceProperties(jsii.String("AWS::SQS::Queue"), props(map[string]any{
		"FifoQueue":                 true,
		"ContentBasedDeduplication": false,
		"SqsManagedSseEnabled":      true,
		"RedrivePolicy": map[string]any{
			"deadLetterTargetArn": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^CommandsDeadLetterQueue")), "Arn")},
			"maxReceiveCount":     100,
		},
	}))
	// Polls: standard queue, DLQ after 100 receives.
	tpl.HasResourceProperties(jsii.String("AWS::SQS::Queue"), props(map[string]any{
		"FifoQueue":            assertions.Match_Absent(),
		"SqsManagedSseEnabled": true,
		"RedrivePolicy": map[string]any{
			"deadLetterTargetArn": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^PollsDeadLetterQueue")), "Arn")},
			"maxReceiveCount":     100,
		},
	}))

	queues := f.resources("Messaging", "AWS::SQS::Queue")
	fifo, dlqs := 0, 0
	for id, q := range queues {
		p := q["Properties"].(map[string]any)
		if p["FifoQueue"] == true {
			fifo++
		}
		if _, redrive := p["RedrivePolicy"]; !redrive {
			dlqs++
			assert.Equal(t, float64(14*24*3600), p["MessageRetentionPeriod"], "%s keeps parked messages 14 days", id)
		}
	}
	assert.Equal(t, 2, fifo, "the command queue and its DLQ are FIFO (a FIFO queue needs a FIFO DLQ)")
	assert.Equal(t, 2, dlqs)

	// Every queue refuses plain-HTTP requests.
	tpl.ResourceCountIs(jsii.String("AWS::SQS::QueuePolicy"), jsii.Number(4))
	tpl.AllResourcesProperties(jsii.String("AWS::SQS::QueuePolicy"), props(map[string]any{
		"PolicyDocument": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
			"Effect":    "Deny",
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		}))}),
	}))
}

func TestMessagingStack_VisibilityTimeoutIsSixTimesTheWorkerTimeout(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	worker := functionByDescription(t, f, "worker")
	timeout := worker["Properties"].(map[string]any)["Timeout"].(float64)
	require.Equal(t, float64(workerTimeoutSeconds), timeout)
	consumed := 0
	for id, q := range f.resources("Messaging", "AWS::SQS::Queue") {
		p := q["Properties"].(map[string]any)
		if _, redrive := p["RedrivePolicy"]; redrive {
			consumed++
			assert.GreaterOrEqual(t, p["VisibilityTimeout"], 6*timeout, "%s: visibility timeout vs worker timeout", id)
		}
	}
	assert.Equal(t, 2, consumed)
}

func TestMessagingStack_BusArchiveAndDLQAlarms(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Messaging")
	tpl.HasResourceProperties(jsii.String("AWS::Events::EventBus"), props(map[string]any{"Name": defaultBusName}))
	tpl.HasResourceProperties(jsii.String("AWS::Events::Archive"), props(map[string]any{
		"SourceArn": map[string]any{"Fn::GetAtt": arrayWith("Arn")}, "RetentionDays": 90,
	}))
	// Per queue: anything arriving in the DLQ (the worker consumes it, so depth would stay 0)
	// and the oldest message older than the operation timeout.
	tpl.ResourceCountIs(jsii.String("AWS::CloudWatch::Alarm"), jsii.Number(4))
	topic := map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^AlarmsTopic"))}
	for _, q := range []string{"Commands", "Polls"} {
		tpl.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), props(map[string]any{
			"MetricName": "NumberOfMessagesReceived", "Namespace": "AWS/SQS", "Statistic": "Sum", "Threshold": 0,
			"ComparisonOperator": "GreaterThanThreshold",
			"Dimensions": []any{map[string]any{"Name": "QueueName",
				"Value": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^"+q+"DeadLetterQueue")), "QueueName")}}},
			"AlarmActions": []any{topic}, "OKActions": []any{topic},
		}))
		tpl.HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), props(map[string]any{
			"MetricName": "ApproximateAgeOfOldestMessage", "Namespace": "AWS/SQS", "Statistic": "Maximum",
			"Threshold":          2 * 60 * 60,
			"ComparisonOperator": "GreaterThanThreshold",
			"Dimensions": []any{map[string]any{"Name": "QueueName",
				"Value": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^"+q+"Queue")), "QueueName")}}},
			"AlarmActions": []any{topic},
		}))
	}
}

// TestMessagingStack_AlarmTopicEncryptedAndSubscribedFromContext: the alarm topic is encrypted
// with a rotated key CloudWatch may use, refuses plain HTTP, and has the alarmEmail
// subscription only when the context sets one.
func TestMessagingStack_AlarmTopicEncryptedAndSubscribedFromContext(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Messaging")
	tpl.HasResourceProperties(jsii.String("AWS::SNS::Topic"), props(map[string]any{
		"KmsMasterKeyId": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^AlarmsKey")), "Arn")},
	}))
	tpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), props(map[string]any{
		"EnableKeyRotation": true,
		"KeyPolicy": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
			"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
			"Action":    []any{"kms:Decrypt", "kms:GenerateDataKey*"},
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": testAccount}},
		}))}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::SNS::TopicPolicy"), props(map[string]any{
		"PolicyDocument": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
			"Effect": "Deny", "Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		}))}),
	}))
	tpl.ResourceCountIs(jsii.String("AWS::SNS::Subscription"), jsii.Number(1))
	tpl.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), props(map[string]any{
		"Protocol": "email", "Endpoint": "ops@example.com",
		"TopicArn": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^AlarmsTopic"))},
	}))
	altFixture(t).template("Messaging").ResourceCountIs(jsii.String("AWS::SNS::Subscription"), jsii.Number(0))
}
