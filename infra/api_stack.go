package main

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awswafv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

const (
	apiStageName      = "v1"
	apiRateLimit      = 25 // steady requests per second for the whole stage
	apiBurstLimit     = 50
	accessLogRetained = awslogs.RetentionDays_THREE_MONTHS
)

// ApiStackProps wires the REST API to the api function and the user pool.
type ApiStackProps struct {
	awscdk.StackProps
	Handler  awslambda.IFunction
	UserPool awscognito.IUserPool
	// ConsoleOrigin (https://host) enables CORS for that one origin; empty means no CORS at
	// all, and then no method is without the Cognito authorizer.
	ConsoleOrigin string
	// AlarmTopic, when set, is notified by the API's alarm.
	AlarmTopic awssns.ITopic
	// Domain, when its name is set, serves the API on a custom domain with TLS 1.2 at least;
	// the default execute-api endpoint (which also accepts TLS 1.0 and 1.1) is then disabled.
	Domain ApiDomain
}

// ApiStack holds the REST API, its stage, access logs and web ACL.
type ApiStack struct {
	awscdk.Stack
	Api    awsapigateway.RestApi
	WebACL awswafv2.CfnWebACL
	Domain awsapigateway.DomainName // nil without a custom domain
}

// accessLogFields is the JSON access log line. It carries no Authorization header, token or
// request body: only request metadata and the caller's user id (`sub`).
var accessLogFields = map[string]string{
	"requestId":          "$context.requestId",
	"requestTime":        "$context.requestTimeEpoch",
	"ip":                 "$context.identity.sourceIp",
	"userAgent":          "$context.identity.userAgent",
	"httpMethod":         "$context.httpMethod",
	"resourcePath":       "$context.resourcePath",
	"path":               "$context.path",
	"protocol":           "$context.protocol",
	"status":             "$context.status",
	"responseLength":     "$context.responseLength",
	"responseLatency":    "$context.responseLatency",
	"integrationLatency": "$context.integrationLatency",
	"integrationStatus":  "$context.integration.status",
	"user":               "$context.authorizer.claims.sub",
	"errorMessage":       "$context.error.message",
	"authorizerError":    "$context.authorizer.error",
	"wafResponseCode":    "$context.wafResponseCode",
}

// NewApiStack creates the REST API: `/` and `/{proxy+}` ANY → the api function (proxy
// integration), a Cognito user-pool authorizer on every method, request validation, stage
// throttling, JSON access logs, error-level execution logs without data traces, and a WAF.
func NewApiStack(scope constructs.Construct, id string, props *ApiStackProps) *ApiStack {
	if props == nil || props.Handler == nil || props.UserPool == nil {
		panic(fmt.Sprintf("NewApiStack %s: props with Handler and UserPool are required", id))
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &ApiStack{Stack: stack}

	accessLogs := awslogs.NewLogGroup(stack, jsii.String("AccessLogs"), &awslogs.LogGroupProps{
		Retention: accessLogRetained, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	format, err := json.Marshal(accessLogFields)
	if err != nil {
		panic(err)
	}
	authorizer := awsapigateway.NewCognitoUserPoolsAuthorizer(stack, jsii.String("Authorizer"), &awsapigateway.CognitoUserPoolsAuthorizerProps{
		CognitoUserPools: &[]awscognito.IUserPool{props.UserPool},
		IdentitySource:   jsii.String("method.request.header.Authorization"),
	})
	apiProps := &awsapigateway.RestApiProps{
		RestApiName:    jsii.String("cloudfront-manager"),
		Description:    jsii.String("CloudFront Manager API"),
		EndpointTypes:  &[]awsapigateway.EndpointType{awsapigateway.EndpointType_REGIONAL},
		CloudWatchRole: jsii.Bool(true),
		// The account-wide API Gateway logging role outlives this API.
		CloudWatchRoleRemovalPolicy: awscdk.RemovalPolicy_RETAIN,
		DisableExecuteApiEndpoint:   jsii.Bool(props.Domain.Name != ""),
		DeployOptions: &awsapigateway.StageOptions{
			StageName:            jsii.String(apiStageName),
			ThrottlingRateLimit:  jsii.Number(apiRateLimit),
			ThrottlingBurstLimit: jsii.Number(apiBurstLimit),
			LoggingLevel:         awsapigateway.MethodLoggingLevel_ERROR,
			DataTraceEnabled:     jsii.Bool(false), // data traces would log request headers and bodies
			MetricsEnabled:       jsii.Bool(true),
			TracingEnabled:       jsii.Bool(true), // X-Ray traces of sampled requests (no bodies)
			AccessLogDestination: awsapigateway.NewLogGroupLogDestination(accessLogs),
			AccessLogFormat:      awsapigateway.AccessLogFormat_Custom(jsii.String(string(format))),
		},
		DefaultMethodOptions: &awsapigateway.MethodOptions{
			AuthorizationType: awsapigateway.AuthorizationType_COGNITO,
			Authorizer:        authorizer,
		},
	}
	if props.ConsoleOrigin != "" {
		apiProps.DefaultCorsPreflightOptions = &awsapigateway.CorsOptions{
			AllowOrigins: jsii.Strings(props.ConsoleOrigin),
			AllowMethods: jsii.Strings("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
			AllowHeaders: jsii.Strings("Authorization", "Content-Type", "Idempotency-Key", "If-Match"),
			MaxAge:       awscdk.Duration_Hours(jsii.Number(1)),
		}
	}
	s.Api = awsapigateway.NewRestApi(stack, jsii.String("Api"), apiProps)
	// API Gateway creates the execution log group on first use, without a retention; created
	// here first (the stage depends on it), it keeps accessLogRetained like the access logs.
	execLogs := awslogs.NewLogGroup(stack, jsii.String("ExecutionLogs"), &awslogs.LogGroupProps{
		LogGroupName:  awscdk.Fn_Join(jsii.String(""), jsii.Strings("API-Gateway-Execution-Logs_", *s.Api.RestApiId(), "/"+apiStageName)),
		Retention:     accessLogRetained,
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	s.Api.DeploymentStage().Node().AddDependency(execLogs)
	cdknag.NagSuppressions_AddResourceSuppressions(s.Api.Node().FindChild(jsii.String("CloudWatchRole")), &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM4"),
		Reason: jsii.String("The account-level API Gateway logging role (AWS::ApiGateway::Account) uses " +
			"AmazonAPIGatewayPushToCloudWatchLogs, the policy AWS documents for it; it is assumable only by apigateway.amazonaws.com."),
		AppliesTo: &[]any{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"},
	}}, jsii.Bool(true))

	validator := s.Api.AddRequestValidator(jsii.String("Validator"), &awsapigateway.RequestValidatorOptions{
		// Parameters: the Authorization header must be present. Bodies: no models are attached
		// (proxy integration); the handler decodes every body strictly.
		ValidateRequestParameters: jsii.Bool(true),
		ValidateRequestBody:       jsii.Bool(true),
	})
	integration := awsapigateway.NewLambdaIntegration(props.Handler, &awsapigateway.LambdaIntegrationOptions{
		Proxy: jsii.Bool(true),
		// No extra invoke permission for the console's "Test" button: only the stage invokes.
		AllowTestInvoke: jsii.Bool(false),
	})
	method := &awsapigateway.MethodOptions{
		RequestValidator:  validator,
		RequestParameters: &map[string]*bool{"method.request.header.Authorization": jsii.Bool(true)},
	}
	s.Api.Root().AddMethod(jsii.String("ANY"), integration, method)
	s.Api.Root().AddResource(jsii.String("{proxy+}"), nil).AddMethod(jsii.String("ANY"), integration, method)

	s.addGatewayResponses(props.ConsoleOrigin)

	s.WebACL = newAPIWebACL(stack, "WebAcl")
	awswafv2.NewCfnWebACLAssociation(stack, jsii.String("WebAclAssociation"), &awswafv2.CfnWebACLAssociationProps{
		ResourceArn: s.Api.DeploymentStage().StageArn(),
		WebAclArn:   s.WebACL.AttrArn(),
	})
	newWAFLogging(stack, "WebAclLogs", s.WebACL)

	newAlarms(stack, props.AlarmTopic, alarmSpec{"ServerErrorsAlarm", "CloudFront Manager API: 5XX answers (function failures, timeouts, integration errors)",
		s.Api.DeploymentStage().MetricServerError(sum(5)), 0})

	url := s.Api.Url()
	if props.Domain.Name != "" {
		s.Domain = awsapigateway.NewDomainName(stack, jsii.String("Domain"), &awsapigateway.DomainNameProps{
			DomainName:     jsii.String(props.Domain.Name),
			Certificate:    awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("DomainCertificate"), jsii.String(props.Domain.CertificateARN)),
			EndpointType:   awsapigateway.EndpointType_REGIONAL,
			SecurityPolicy: awsapigateway.SecurityPolicy_TLS_1_2,
			Mapping:        s.Api,
		})
		url = jsii.String("https://" + props.Domain.Name + "/")
		// The DNS record (CNAME or alias) of the domain points here.
		awscdk.NewCfnOutput(stack, jsii.String("ApiDomainTarget"), &awscdk.CfnOutputProps{Value: s.Domain.DomainNameAliasDomainName()})
	}
	awscdk.NewCfnOutput(stack, jsii.String("ApiUrl"), &awscdk.CfnOutputProps{Value: url})
	return s
}

// gatewayErrors are the answers API Gateway gives itself, in the API's error envelope so
// clients read one shape: a WAF block (403), a body beyond API Gateway's own limit (413; the
// function refuses bodies over 1 MiB with the same code first).
var gatewayErrors = []struct {
	typ          awsapigateway.ResponseType
	status, code string
	message      string
}{
	{awsapigateway.ResponseType_WAF_FILTERED(), "403", "forbidden", "the request was blocked by the web application firewall"},
	{awsapigateway.ResponseType_REQUEST_TOO_LARGE(), "413", "body_too_large", "the request is too large"},
}

// addGatewayResponses sets the envelope answers above and, with a console origin, gives every
// answer of API Gateway itself (401 from the authorizer, 429, WAF 403) the CORS header, so
// the console can read them.
func (s *ApiStack) addGatewayResponses(consoleOrigin string) {
	headers := func() *map[string]*string {
		if consoleOrigin == "" {
			return nil
		}
		return &map[string]*string{
			"Access-Control-Allow-Origin": jsii.String("'" + consoleOrigin + "'"),
			"Vary":                        jsii.String("'Origin'"),
		}
	}
	for _, e := range gatewayErrors {
		body, err := json.Marshal(map[string]any{"success": false, "error": map[string]string{"code": e.code, "message": e.message}})
		if err != nil {
			panic(err)
		}
		s.Api.AddGatewayResponse(jsii.String("Envelope"+*e.typ.ResponseType()), &awsapigateway.GatewayResponseOptions{
			Type:            e.typ,
			StatusCode:      jsii.String(e.status),
			ResponseHeaders: headers(),
			Templates:       &map[string]*string{"application/json": jsii.String(string(body))},
		})
	}
	if consoleOrigin == "" {
		return
	}
	for _, rt := range []awsapigateway.ResponseType{awsapigateway.ResponseType_DEFAULT_4XX(), awsapigateway.ResponseType_DEFAULT_5XX()} {
		s.Api.AddGatewayResponse(jsii.String("Cors"+*rt.ResponseType()), &awsapigateway.GatewayResponseOptions{
			Type: rt, ResponseHeaders: headers(),
		})
	}
}
