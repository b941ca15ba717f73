package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// EdgeRole is the execution role of the Lambda@Edge functions the worker creates. It is
// separate from every backend role and can do nothing but write its functions' logs.
type EdgeRole struct {
	constructs.Construct
	Role awsiam.Role
}

// NewEdgeRole creates the role, assumable by Lambda and Lambda@Edge's replicas.
func NewEdgeRole(scope constructs.Construct, id, prefix string) *EdgeRole {
	c := constructs.NewConstruct(scope, &id)
	stack := awscdk.Stack_Of(c)
	r := &EdgeRole{Construct: c}
	r.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewCompositePrincipal(
			awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
			awsiam.NewServicePrincipal(jsii.String("edgelambda.amazonaws.com"), nil),
		),
		Description: jsii.String("Execution role of CloudFront Manager's Lambda@Edge functions (logs only)"),
	})
	// Replicas log to /aws/lambda/us-east-1.<name> in the region that ran them; the function
	// itself (console tests) to /aws/lambda/<name> in us-east-1.
	logs := func(region, group string) string {
		return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s:*", *stack.Partition(), region, *stack.Account(), group)
	}
	r.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("EdgeFunctionLogs"),
		Actions: jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: jsii.Strings(
			logs("*", "/aws/lambda/"+edgeRegion+"."+prefix+"-*"),
			logs(edgeRegion, "/aws/lambda/"+prefix+"-*"),
		),
	}))
	suppressIAM5(r.Role, []iam5{
		{`logs:\*:[^:]+:log-group:/aws/lambda/us-east-1\.` + prefix + `-\*:\*`, "Lambda@Edge replicas write logs in whichever region served the request, to groups named after the function; restricted to the product prefix."},
		{`logs:us-east-1:[^:]+:log-group:/aws/lambda/` + prefix + `-\*:\*`, "Log groups of the product's edge functions in us-east-1, named after the (generated) function; restricted to the product prefix."},
	})
	return r
}
