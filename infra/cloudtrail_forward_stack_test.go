package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
)

func busTarget(region string) map[string]any {
	return map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":events:" + region + ":" + testAccount + ":event-bus/" + defaultBusName}}}
}

// TestCloudTrailForward_RuleForwardsCloudFrontCallsToTheHomeBus: the rule sits on us-east-1's
// default bus and targets the product bus in the home region through a role.
func TestCloudTrailForward_RuleForwardsCloudFrontCallsToTheHomeBus(t *testing.T) {
	defer failOnPanic(t)
	for name, f := range map[string]*fixture{"eu-west-1": mainFixture(t), "us-east-1": altFixture(t)} {
		assert.Equal(t, edgeRegion, *f.stacks.CloudTrailForward.Region(), name)
		assert.Equal(t, name, *f.stacks.Messaging.Region())
		tpl := f.template("CloudTrailForward")
		tpl.ResourceCountIs(jsii.String("AWS::Events::Rule"), jsii.Number(1))
		tpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), props(map[string]any{
			"EventBusName": assertions.Match_Absent(), // the default bus, where CloudTrail delivers
			"EventPattern": cloudTrailPatternJSON(),
			"Targets": []any{objectLike(map[string]any{
				"Arn":     busTarget(name),
				"RoleArn": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("EventsRole")))},
			})},
		}))
		tpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), props(map[string]any{
			"PolicyDocument": objectLike(map[string]any{"Statement": []any{objectLike(map[string]any{
				"Action": "events:PutEvents", "Resource": busTarget(name),
			})}}),
		}))
	}
}

func TestCloudTrailForward_OptionalTrail(t *testing.T) {
	defer failOnPanic(t)
	altFixture(t).template("CloudTrailForward").ResourceCountIs(jsii.String("AWS::CloudTrail::Trail"), jsii.Number(0))
	altFixture(t).template("CloudTrailForward").ResourceCountIs(jsii.String("AWS::S3::Bucket"), jsii.Number(0))

	tpl := mainFixture(t).template("CloudTrailForward")
	tpl.HasResourceProperties(jsii.String("AWS::CloudTrail::Trail"), props(map[string]any{
		"IsMultiRegionTrail":         false,
		"IncludeGlobalServiceEvents": true, // CloudFront's calls are global service events
		"EnableLogFileValidation":    true,
		"EventSelectors":             []any{map[string]any{"IncludeManagementEvents": true, "ReadWriteType": "WriteOnly"}},
		"S3BucketName":               map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^TrailBucket"))},
	}))
	tpl.ResourceCountIs(jsii.String("AWS::S3::Bucket"), jsii.Number(2))
	tpl.AllResourcesProperties(jsii.String("AWS::S3::Bucket"), props(map[string]any{
		"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
			map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}},
		}},
		"PublicAccessBlockConfiguration": map[string]any{"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
	}))
	tpl.HasResourceProperties(jsii.String("AWS::S3::Bucket"), props(map[string]any{
		"LoggingConfiguration": map[string]any{"DestinationBucketName": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^TrailAccessLogs"))}, "LogFilePrefix": "trail-bucket/"},
	}))
	tpl.AllResourcesProperties(jsii.String("AWS::S3::BucketPolicy"), props(map[string]any{
		"PolicyDocument": objectLike(map[string]any{"Statement": arrayWith(objectLike(map[string]any{
			"Effect": "Deny", "Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		}))}),
	}))
	tpl.AllResources(jsii.String("AWS::S3::Bucket"), props(map[string]any{"DeletionPolicy": "Retain"}))

	// CloudTrail may read the ACL and write only on behalf of this trail (aws:SourceArn).
	trailArn := map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":cloudtrail:us-east-1:" + testAccount + ":trail/" + trailName}}}
	cloudTrailStatements := 0
	for id, p := range mainFixture(t).resources("CloudTrailForward", "AWS::S3::BucketPolicy") {
		for _, st := range statements(p) {
			principal, _ := json.Marshal(st["Principal"])
			if !strings.Contains(string(principal), "cloudtrail.amazonaws.com") {
				continue
			}
			cloudTrailStatements++
			assert.Equal(t, trailArn, st["Condition"].(map[string]any)["StringEquals"].(map[string]any)["aws:SourceArn"], "%s %v", id, st["Sid"])
		}
	}
	assert.Equal(t, 2, cloudTrailStatements, "GetBucketAcl and PutObject")
	tpl.HasResourceProperties(jsii.String("AWS::CloudTrail::Trail"), props(map[string]any{"TrailName": trailName, "IsLogging": true}))
}
