package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awswafv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// wafRateLimit is the most requests one IP may send in any five-minute window.
const wafRateLimit = 1000

// newAPIWebACL creates the regional web ACL in front of the API stage: AWS's common rule set,
// its known-bad-inputs rule set, and a per-IP rate limit.
func newAPIWebACL(scope constructs.Construct, id string) awswafv2.CfnWebACL {
	visibility := func(name string) *awswafv2.CfnWebACL_VisibilityConfigProperty {
		return &awswafv2.CfnWebACL_VisibilityConfigProperty{
			CloudWatchMetricsEnabled: jsii.Bool(true),
			MetricName:               jsii.String(name),
			SampledRequestsEnabled:   jsii.Bool(true),
		}
	}
	managed := func(priority float64, name string) *awswafv2.CfnWebACL_RuleProperty {
		return &awswafv2.CfnWebACL_RuleProperty{
			Name:           jsii.String(name),
			Priority:       jsii.Number(priority),
			OverrideAction: &awswafv2.CfnWebACL_OverrideActionProperty{None: map[string]any{}},
			Statement: &awswafv2.CfnWebACL_StatementProperty{
				ManagedRuleGroupStatement: &awswafv2.CfnWebACL_ManagedRuleGroupStatementProperty{
					VendorName: jsii.String("AWS"),
					Name:       jsii.String(name),
				},
			},
			VisibilityConfig: visibility(name),
		}
	}
	return awswafv2.NewCfnWebACL(scope, jsii.String(id), &awswafv2.CfnWebACLProps{
		Scope:            jsii.String("REGIONAL"),
		Description:      jsii.String("CloudFront Manager API"),
		DefaultAction:    &awswafv2.CfnWebACL_DefaultActionProperty{Allow: map[string]any{}},
		VisibilityConfig: visibility("cfm-api"),
		Rules: &[]any{
			managed(0, "AWSManagedRulesCommonRuleSet"),
			managed(1, "AWSManagedRulesKnownBadInputsRuleSet"),
			&awswafv2.CfnWebACL_RuleProperty{
				Name:     jsii.String("RateLimitPerIP"),
				Priority: jsii.Number(2),
				Action:   &awswafv2.CfnWebACL_RuleActionProperty{Block: map[string]any{}},
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
