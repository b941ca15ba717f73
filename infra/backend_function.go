package main

import (
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// BackendFunctionProps describes one of the product's Go Lambdas.
type BackendFunctionProps struct {
	// Zip is the path of the deployment package holding `bootstrap`.
	Zip         string
	Description string
	Timeout     awscdk.Duration
	MemoryMB    float64
	Environment map[string]string
	// ReservedConcurrency caps parallel invocations (0 = unreserved).
	ReservedConcurrency float64
	LogRetention        awslogs.RetentionDays
}

// BackendFunction is a provided.al2023/arm64 Lambda with its own role and its own log group.
// The role starts with nothing but write access to that log group (no AWS managed policy);
// callers add exactly the statements the function needs.
type BackendFunction struct {
	constructs.Construct
	Function awslambda.Function
	Role     awsiam.Role
	LogGroup awslogs.LogGroup
}

// NewBackendFunction creates the role, the log group and the function under scope.
func NewBackendFunction(scope constructs.Construct, id string, props *BackendFunctionProps) *BackendFunction {
	if props == nil {
		props = &BackendFunctionProps{}
	}
	if props.Timeout == nil {
		props.Timeout = awscdk.Duration_Seconds(jsii.Number(30))
	}
	if props.MemoryMB == 0 {
		props.MemoryMB = 256
	}
	if props.LogRetention == "" {
		props.LogRetention = awslogs.RetentionDays_ONE_MONTH
	}
	c := constructs.NewConstruct(scope, &id)
	b := &BackendFunction{Construct: c}

	b.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention: props.LogRetention,
		// Kept on `cdk destroy` (audit trail); the retention bounds their cost.
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	b.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("CloudFront Manager " + id + " function"),
	})
	b.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("OwnLogGroup"),
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: jsii.Strings(*b.LogGroup.LogGroupArn()),
	}))

	env := map[string]*string{}
	for k, v := range props.Environment {
		env[k] = jsii.String(v)
	}
	fp := &awslambda.FunctionProps{
		Description:  jsii.String(props.Description),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         awslambda.Code_FromAsset(jsii.String(filepath.Clean(props.Zip)), nil),
		Role:         b.Role,
		LogGroup:     b.LogGroup,
		Timeout:      props.Timeout,
		MemorySize:   jsii.Number(props.MemoryMB),
		Environment:  &env,
	}
	if props.ReservedConcurrency > 0 {
		fp.ReservedConcurrentExecutions = jsii.Number(props.ReservedConcurrency)
	}
	b.Function = awslambda.NewFunction(c, jsii.String("Function"), fp)
	return b
}

// Allow adds one statement to the function's role.
func (b *BackendFunction) Allow(sid string, actions, resources []string, conditions map[string]any) {
	st := &awsiam.PolicyStatementProps{
		Sid:       jsii.String(sid),
		Actions:   jsii.Strings(actions...),
		Resources: jsii.Strings(resources...),
	}
	if conditions != nil {
		cond := map[string]any(conditions)
		st.Conditions = &cond
	}
	b.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(st))
}
