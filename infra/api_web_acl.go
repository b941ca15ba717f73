package main

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awswafv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

const (
	// wafRateLimit is the most requests one IP may send in any five-minute window.
	wafRateLimit = 1000
	// wafBodySizeRule is the common rule set's rule that blocks bodies over 8 KB. WAF inspects
	// at most the first 16 KB of a body behind API Gateway (64 KB at extra cost), so it cannot
	// enforce the API's 1 MiB limit at all; the function does, with 413 body_too_large in the
	// envelope. The rule only counts, so WAF blocks no body the API accepts (a 10-origin
	// config is about 6.7 KB, a templated one more), and its metric still shows large bodies.
	wafBodySizeRule = "SizeRestrictions_BODY"
	// wafLogGroupName: WAF only logs to CloudWatch groups whose name starts with aws-waf-logs-.
	wafLogGroupName = "aws-waf-logs-cloudfront-manager-api"
)

// newAPIWebACL creates the regional web ACL in front of the API stage: AWS's common rule set
// (its body-size rule counting only, see wafBodySizeRule), its known-bad-inputs rule set, and a
// per-IP rate limit answered 429 in the API's error envelope.
func newAPIWebACL(scope constructs.Construct, id string) awswafv2.CfnWebACL {
	visibility := func(name string) *awswafv2.CfnWebACL_VisibilityConfigProperty {
		return &awswafv2.CfnWebACL_VisibilityConfigProperty{
			CloudWatchMetricsEnabled: jsii.Bool(true),
			MetricName:               jsii.String(name),
			SampledRequestsEnabled:   jsii.Bool(true),
		}
	}
	managed := func(priority float64, name string, countOnly ...string) *awswafv2.CfnWebACL_RuleProperty {
		stmt := &awswafv2.CfnWebACL_ManagedRuleGroupStatementProperty{VendorName: jsii.String("AWS"), Name: jsii.String(name)}
		var overrides []any
		for _, rule := range countOnly {
			overrides = append(overrides, &awswafv2.CfnWebACL_RuleActionOverrideProperty{
				Name:        jsii.String(rule),
				ActionToUse: &awswafv2.CfnWebACL_RuleActionProperty{Count: map[string]any{}},
			})
		}
		if overrides != nil {
			stmt.RuleActionOverrides = &overrides
		}
		return &awswafv2.CfnWebACL_RuleProperty{
			Name:             jsii.String(name),
			Priority:         jsii.Number(priority),
			OverrideAction:   &awswafv2.CfnWebACL_OverrideActionProperty{None: map[string]any{}},
			Statement:        &awswafv2.CfnWebACL_StatementProperty{ManagedRuleGroupStatement: stmt},
			VisibilityConfig: visibility(name),
		}
	}
	throttled, err := json.Marshal(map[string]any{"success": false, "error": map[string]string{
		"code": "throttled", "message": "too many requests from this address; retry later"}})
	if err != nil {
		panic(err)
	}
	return awswafv2.NewCfnWebACL(scope, jsii.String(id), &awswafv2.CfnWebACLProps{
		Scope:            jsii.String("REGIONAL"),
		Description:      jsii.String("CloudFront Manager API"),
		DefaultAction:    &awswafv2.CfnWebACL_DefaultActionProperty{Allow: map[string]any{}},
		VisibilityConfig: visibility("cfm-api"),
		CustomResponseBodies: map[string]any{"throttled": &awswafv2.CfnWebACL_CustomResponseBodyProperty{
			ContentType: jsii.String("APPLICATION_JSON"), Content: jsii.String(string(throttled)),
		}},
		Rules: &[]any{
			managed(0, "AWSManagedRulesCommonRuleSet", wafBodySizeRule),
			managed(1, "AWSManagedRulesKnownBadInputsRuleSet"),
			&awswafv2.CfnWebACL_RuleProperty{
				Name:     jsii.String("RateLimitPerIP"),
				Priority: jsii.Number(2),
				Action: &awswafv2.CfnWebACL_RuleActionProperty{Block: &awswafv2.CfnWebACL_BlockActionProperty{
					CustomResponse: &awswafv2.CfnWebACL_CustomResponseProperty{
						ResponseCode: jsii.Number(429), CustomResponseBodyKey: jsii.String("throttled"),
					},
				}},
				Statement: &awswafv2.CfnWebACL_StatementProperty{
					RateBasedStatement: &awswafv2.CfnWebACL_RateBasedStatementProperty{
						Limit:            jsii.Number(wafRateLimit),
						AggregateKeyType: jsii.String("IP"),
					},
				},
				VisibilityConfig: visibility("cfm-api-rate"),
			},
		},
	})
}

// newWAFLogging logs the requests the web ACL blocked or counted (not every allowed one) to a
// CloudWatch log group, with the Authorization header redacted: no token reaches the logs.
func newWAFLogging(scope constructs.Construct, id string, acl awswafv2.CfnWebACL) awslogs.LogGroup {
	stack := awscdk.Stack_Of(scope)
	group := awslogs.NewLogGroup(scope, jsii.String(id), &awslogs.LogGroupProps{
		LogGroupName:  jsii.String(wafLogGroupName),
		Retention:     accessLogRetained,
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	// WAF wants the group's ARN without the ":*" suffix LogGroupArn carries.
	arn := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: group.LogGroupName(),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	// LoggingFilter and SingleHeader are free-form JSON in the resource schema: CloudFormation's
	// own property names, which CDK does not convert.
	keep := func(action string) map[string]any {
		return map[string]any{"Behavior": "KEEP", "Requirement": "MEETS_ANY",
			"Conditions": []any{map[string]any{"ActionCondition": map[string]any{"Action": action}}}}
	}
	awswafv2.NewCfnLoggingConfiguration(scope, jsii.String(id+"Config"), &awswafv2.CfnLoggingConfigurationProps{
		ResourceArn:           acl.AttrArn(),
		LogDestinationConfigs: &[]any{arn},
		RedactedFields: &[]any{&awswafv2.CfnLoggingConfiguration_FieldToMatchProperty{
			SingleHeader: map[string]any{"Name": "authorization"},
		}},
		LoggingFilter: map[string]any{"DefaultBehavior": "DROP", "Filters": []any{keep("BLOCK"), keep("COUNT")}},
	})
	return group
}
