package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// AlarmTopic is the SNS topic every alarm of the product notifies, encrypted with its own key
// (CloudWatch cannot publish to a topic under the AWS managed SNS key).
type AlarmTopic struct {
	constructs.Construct
	Topic awssns.Topic
	Key   awskms.Key
}

// NewAlarmTopic creates the topic; email, when set, is subscribed at deploy time (the address
// confirms the subscription from the mail SNS sends).
func NewAlarmTopic(scope constructs.Construct, id, email string) *AlarmTopic {
	c := constructs.NewConstruct(scope, &id)
	a := &AlarmTopic{Construct: c}
	a.Key = awskms.NewKey(c, jsii.String("Key"), &awskms.KeyProps{
		Description:       jsii.String("CloudFront Manager alarm notifications"),
		EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy:     awscdk.RemovalPolicy_DESTROY,
	})
	a.Key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("CloudWatchAlarmsPublish"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"), // a key policy's resource is the key itself
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": *awscdk.Stack_Of(c).Account()}},
	}), nil)
	a.Topic = awssns.NewTopic(c, jsii.String("Topic"), &awssns.TopicProps{
		DisplayName: jsii.String("CloudFront Manager alarms"),
		MasterKey:   a.Key,
		EnforceSSL:  jsii.Bool(true),
	})
	if email != "" {
		a.Topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(email), nil))
	}
	return a
}

// alarmSpec is one alarm: a metric over one period compared with a threshold.
type alarmSpec struct {
	id, description string
	metric          awscloudwatch.IMetric
	threshold       float64
}

// newAlarms creates each alarm (missing data is not breaching: no traffic is healthy) and
// points it, when topic is set, at the alarm topic, for both ALARM and OK.
func newAlarms(scope constructs.Construct, topic awssns.ITopic, specs ...alarmSpec) []awscloudwatch.Alarm {
	var out []awscloudwatch.Alarm
	for _, s := range specs {
		a := awscloudwatch.NewAlarm(scope, jsii.String(s.id), &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(s.description),
			Metric:             s.metric,
			Threshold:          jsii.Number(s.threshold),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			EvaluationPeriods:  jsii.Number(1),
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
		if topic != nil {
			action := awscloudwatchactions.NewSnsAction(topic)
			a.AddAlarmAction(action)
			a.AddOkAction(action)
		}
		out = append(out, a)
	}
	return out
}

// sum and maximum are the metric options of the alarms: a statistic over five minutes or one.
func sum(minutes float64) *awscloudwatch.MetricOptions {
	return &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(minutes)), Statistic: jsii.String("Sum")}
}

func maximum(minutes float64) *awscloudwatch.MetricOptions {
	return &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(minutes)), Statistic: jsii.String("Maximum")}
}

// functionAlarms: any error or throttle of the function.
func functionAlarms(scope constructs.Construct, topic awssns.ITopic, b *BackendFunction, name string) {
	newAlarms(scope, topic,
		alarmSpec{name + "ErrorsAlarm", "CloudFront Manager " + name + ": invocations failed (crash or timeout)", b.Function.MetricErrors(sum(5)), 0},
		alarmSpec{name + "ThrottlesAlarm", "CloudFront Manager " + name + ": invocations throttled", b.Function.MetricThrottles(sum(5)), 0},
	)
}
