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
	// Without a console origin only the two envelope answers exist, without CORS headers.
	tpl.ResourceCountIs(jsii.String("AWS::ApiGateway::GatewayResponse"), jsii.Number(len(gatewayErrors)))
	tpl.AllResourcesProperties(jsii.String("AWS::ApiGateway::GatewayResponse"), props(map[string]any{"ResponseParameters": assertions.Match_Absent()}))
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
		"TracingEnabled":   true,
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

// TestApiStack_GatewayErrorsUseTheEnvelope: a WAF block and a body over API Gateway's limit
// are answered in the API's {"success":false,"error":{code,message}} envelope, like the
// function's own 403 and 413.
func TestApiStack_GatewayErrorsUseTheEnvelope(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	want := map[string][2]string{"WAF_FILTERED": {"403", "forbidden"}, "REQUEST_TOO_LARGE": {"413", "body_too_large"}}
	seen := 0
	for id, r := range f.resources("Api", "AWS::ApiGateway::GatewayResponse") {
		p := r["Properties"].(map[string]any)
		w, ok := want[p["ResponseType"].(string)]
		if !ok {
			continue
		}
		seen++
		assert.Equal(t, w[0], p["StatusCode"], id)
		var body struct {
			Success bool `json:"success"`
			Error   struct{ Code, Message string }
		}
		require.NoError(t, json.Unmarshal([]byte(p["ResponseTemplates"].(map[string]any)["application/json"].(string)), &body), id)
		assert.False(t, body.Success)
		assert.Equal(t, w[1], body.Error.Code, id)
		assert.NotEmpty(t, body.Error.Message, id)
		assert.Equal(t, "'https://console.example.com'", p["ResponseParameters"].(map[string]any)["gatewayresponse.header.Access-Control-Allow-Origin"], id)
	}
	assert.Equal(t, len(want), seen)
}

// TestApiStack_CustomDomainIsTLS12Only: with apiDomainName and apiCertificateArn the API is
// served on that regional domain with the TLS_1_2 policy, and the default execute-api
// endpoint (which accepts TLS 1.0) is disabled; without them the default endpoint stays.
func TestApiStack_CustomDomainIsTLS12Only(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Api")
	tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::DomainName"), props(map[string]any{
		"DomainName":             "api.example.com",
		"SecurityPolicy":         "TLS_1_2",
		"EndpointConfiguration":  map[string]any{"Types": []any{"REGIONAL"}},
		"RegionalCertificateArn": testAPICertificate,
	}))
	tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::BasePathMapping"), props(map[string]any{
		"DomainName": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Domain"))},
		"RestApiId":  map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Api"))},
		"Stage":      map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^ApiDeploymentStagev1"))},
	}))
	tpl.HasResourceProperties(jsii.String("AWS::ApiGateway::RestApi"), props(map[string]any{"DisableExecuteApiEndpoint": true}))
	tpl.HasOutput(jsii.String("ApiUrl"), props(map[string]any{"Value": "https://api.example.com/"}))

	alt := altFixture(t).template("Api")
	alt.ResourceCountIs(jsii.String("AWS::ApiGateway::DomainName"), jsii.Number(0))
	alt.HasResourceProperties(jsii.String("AWS::ApiGateway::RestApi"), props(map[string]any{"DisableExecuteApiEndpoint": false}))
}

// TestApiStack_ExecutionLogsExpire: the execution log group API Gateway would create without
// a retention exists first, named as API Gateway names it, with the access logs' retention.
func TestApiStack_ExecutionLogsExpire(t *testing.T) {
	defer failOnPanic(t)
	f := mainFixture(t)
	tpl := f.template("Api")
	tpl.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), props(map[string]any{
		"LogGroupName": map[string]any{"Fn::Join": []any{"", []any{
			"API-Gateway-Execution-Logs_", map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Api"))}, "/" + apiStageName,
		}}},
		"RetentionInDays": 90,
	}))
	tpl.AllResourcesProperties(jsii.String("AWS::Logs::LogGroup"), props(map[string]any{"RetentionInDays": 90}))
	for id, st := range f.resources("Api", "AWS::ApiGateway::Stage") {
		deps, _ := json.Marshal(st["DependsOn"])
		assert.Contains(t, string(deps), "ExecutionLogs", "%s is created after its log group", id)
	}
}

// TestApiStack_ServerErrorsAlarm: 5XX answers of the stage alarm on the alarm topic.
func TestApiStack_ServerErrorsAlarm(t *testing.T) {
	defer failOnPanic(t)
	mainFixture(t).template("Api").HasResourceProperties(jsii.String("AWS::CloudWatch::Alarm"), props(map[string]any{
		"MetricName": "5XXError", "Namespace": "AWS/ApiGateway", "Statistic": "Sum", "Threshold": 0,
		"Dimensions":   []any{map[string]any{"Name": "ApiName", "Value": "cloudfront-manager"}, objectLike(map[string]any{"Name": "Stage"})},
		"AlarmActions": []any{alarmTopicImport()},
	}))
}

func TestApiStack_WebACLGuardsTheStage(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Api")
	tpl.HasResourceProperties(jsii.String("AWS::WAFv2::WebACL"), props(map[string]any{
		"Scope":         "REGIONAL",
		"DefaultAction": map[string]any{"Allow": map[string]any{}},
		"Rules": assertions.Match_ArrayWith(&[]any{
			// Its 8 KB body-size rule only counts: the function's 1 MiB limit (413 in the envelope)
			// decides, since WAF can inspect no more than the first 16 KB of a body.
			objectLike(map[string]any{"Name": "AWSManagedRulesCommonRuleSet", "Statement": map[string]any{"ManagedRuleGroupStatement": map[string]any{
				"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet",
				"RuleActionOverrides": []any{map[string]any{"Name": "SizeRestrictions_BODY", "ActionToUse": map[string]any{"Count": map[string]any{}}}},
			}}}),
			objectLike(map[string]any{"Name": "AWSManagedRulesKnownBadInputsRuleSet", "Statement": map[string]any{"ManagedRuleGroupStatement": map[string]any{"VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}}}),
			objectLike(map[string]any{
				"Action":    map[string]any{"Block": map[string]any{"CustomResponse": map[string]any{"ResponseCode": 429, "CustomResponseBodyKey": "throttled"}}},
				"Statement": map[string]any{"RateBasedStatement": map[string]any{"Limit": wafRateLimit, "AggregateKeyType": "IP"}},
			}),
		}),
		"CustomResponseBodies": map[string]any{"throttled": map[string]any{
			"ContentType": "APPLICATION_JSON",
			"Content":     `{"error":{"code":"throttled","message":"too many requests from this address; retry later"},"success":false}`,
		}},
	}))
	// WAF logs what it blocked or counted, never the Authorization header.
	tpl.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), props(map[string]any{"LogGroupName": wafLogGroupName, "RetentionInDays": 90}))
	tpl.HasResourceProperties(jsii.String("AWS::WAFv2::LoggingConfiguration"), props(map[string]any{
		"ResourceArn": map[string]any{"Fn::GetAtt": []any{"WebAcl", "Arn"}},
		"LogDestinationConfigs": []any{map[string]any{"Fn::Join": []any{"", []any{
			"arn:", map[string]any{"Ref": "AWS::Partition"}, ":logs:eu-west-1:" + testAccount + ":log-group:",
			map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^WebAclLogs"))}, // no ":*"
		}}}},
		"RedactedFields": []any{map[string]any{"SingleHeader": map[string]any{"Name": "authorization"}}},
		"LoggingFilter":  objectLike(map[string]any{"DefaultBehavior": "DROP"}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::WAFv2::WebACLAssociation"), props(map[string]any{
		"WebACLArn": map[string]any{"Fn::GetAtt": []any{"WebAcl", "Arn"}},
		"ResourceArn": map[string]any{"Fn::Join": []any{"", arrayWith(
			map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^ApiDeploymentStagev1"))},
		)}},
	}))
}
