package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestApiStack_EveryMethodHasTheCognitoAuthorizer: with no console origin there is no CORS, and
// every method, `/` and `/{proxy+}`, requires a user-pool token.
func TestApiStack_EveryMethodHasTheCognitoAuthorizer(t *testing.T) {
	defer failOnPanic(t)
	tpl := altFixture(t).template("Api")
	tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::Method"), jsii.Number(2))
	tpl.AllResourcesProperties(jsii.String("AWS::ApiGateway::Method"), props(map[string]any{
		"HttpMethod":         "ANY",
		"AuthorizationType":  "COGNITO_USER_POOLS",
		"AuthorizerId":       map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Authorizer"))},
		"RequestParameters":  map[string]any{"method.request.header.Authorization": true},
		"RequestValidatorId": map[string]any{"Ref": assertions.Match_AnyValue()},
		"Integration": objectLike(map[string]any{
			"Type": "AWS_PROXY",
			"Uri":  objectLike(map[string]any{"Fn::Join": arrayWith(arrayWith(objectLike(map[string]any{"Fn::ImportValue": assertions.Match_StringLikeRegexp(jsii.String("ApiFunction"))})))}),
		}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::Authorizer"), props(map[string]any{
		"Type":           "COGNITO_USER_POOLS",
		"IdentitySource": "method.request.header.Authorization",
		"ProviderARNs":   []any{map[string]any{"Fn::ImportValue": assertions.Match_StringLikeRegexp(jsii.String("Cfm-Auth:.*UserPool"))}},
	}))
	tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::GatewayResponse"), jsii.Number(0))
	tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::RequestValidator"), props(map[string]any{
		"ValidateRequestParameters": true, "ValidateRequestBody": true,
	}))
}

// TestApiStack_CORSPreflightIsTheOnlyUnauthenticatedPath: with a console origin, the only
// methods without the authorizer are OPTIONS preflights answered by a MOCK integration (they
// never reach the function), for that one origin.
func TestApiStack_CORSPreflightIsTheOnlyUnauthenticatedPath(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	methods := f.resources("Api", "AWS::ApiGateway::Method")
	require.Len(t, methods, 4)
	for id, m := range methods {
		p := m["Properties"].(map[string]any)
		integration := p["Integration"].(map[string]any)
		if p["AuthorizationType"] == "COGNITO_USER_POOLS" {
			assert.Equal(t, "ANY", p["HttpMethod"], id)
			assert.Equal(t, "AWS_PROXY", integration["Type"], id)
			continue
		}
		assert.Equal(t, "OPTIONS", p["HttpMethod"], id)
		assert.Equal(t, "MOCK", integration["Type"], "%s: a preflight never reaches the function", id)
		origin := integration["IntegrationResponses"].([]any)[0].(map[string]any)["ResponseParameters"].(map[string]any)["method.response.header.Access-Control-Allow-Origin"]
		assert.Equal(t, "'https://console.example.com'", origin, id)
	}
	f.template("Api").HasResourceProperties(jsii.String("AWS::ApiGateway::GatewayResponse"), props(map[string]any{
		"ResponseType":       "DEFAULT_4XX",
		"ResponseParameters": objectLike(map[string]any{"gatewayresponse.header.Access-Control-Allow-Origin": "'https://console.example.com'"}),
	}))
}

func TestApiStack_StageThrottlingAndLogsWithoutSecrets(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	f.template("Api").HasResourceProperties(jsii.String("AWS::ApiGateway::Stage"), props(map[string]any{
		"StageName": apiStageName,
		"MethodSettings": arrayWith(objectLike(map[string]any{
			"HttpMethod": "*", "ResourcePath": "/*",
			"ThrottlingRateLimit": apiRateLimit, "ThrottlingBurstLimit": apiBurstLimit,
			"LoggingLevel": "ERROR", "DataTraceEnabled": false,
		})),
		"AccessLogSetting": objectLike(map[string]any{"DestinationArn": map[string]any{"Fn::GetAtt": arrayWith(assertions.Match_StringLikeRegexp(jsii.String("^AccessLogs")))}}),
	}))
	var stage map[string]any
	for _, s := range f.resources("Api", "AWS::ApiGateway::Stage") {
		stage = s["Properties"].(map[string]any)
	}
	format := stage["AccessLogSetting"].(map[string]any)["Format"].(string)
	var fields map[string]string
	require.NoError(t, json.Unmarshal([]byte(format), &fields), "access log format is JSON")
	assert.Equal(t, "$context.requestId", fields["requestId"])
	for k, v := range fields {
		lower := strings.ToLower(k + " " + v)
		for _, secret := range []string{"authorization", "token", "header", "$input", "body"} {
			assert.NotContains(t, lower, secret, "access log field %s=%s", k, v)
		}
	}
}

func TestApiStack_WebACLGuardsTheStage(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Api")
	tpl.HasResourceProperties(jsii.String("AWS::WAFv2::WebACL"), props(map[string]any{
		"Scope":         "REGIONAL",
		"DefaultAction": map[string]any{"Allow": map[string]any{}},
		"Rules": assertions.Match_ArrayWith(&[]any{
			objectLike(map[string]any{"Name": "AWSManagedRulesCommonRuleSet", "Statement": map[string]any{"ManagedRuleGroupStatement": map[string]any{"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}),
			objectLike(map[string]any{"Name": "AWSManagedRulesKnownBadInputsRuleSet", "Statement": map[string]any{"ManagedRuleGroupStatement": map[string]any{"VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}}}),
			objectLike(map[string]any{
				"Action":    map[string]any{"Block": map[string]any{}},
				"Statement": map[string]any{"RateBasedStatement": map[string]any{"Limit": wafRateLimit, "AggregateKeyType": "IP"}},
			}),
		}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::WAFv2::WebACLAssociation"), props(map[string]any{
		"WebACLArn": map[string]any{"Fn::GetAtt": []any{"WebAcl", "Arn"}},
		"ResourceArn": map[string]any{"Fn::Join": []any{"", arrayWith(
			map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^ApiDeploymentStagev1"))},
		)}},
	}))
}
