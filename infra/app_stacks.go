package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// Stacks are the app's stacks, returned so tests can assert on each template.
type Stacks struct {
	Data              *DataStack
	Messaging         *MessagingStack
	Auth              *AuthStack
	Compute           *ComputeStack
	Api               *ApiStack
	CloudTrailForward *CloudTrailForwardStack
	Console           *ConsoleStack        // console_wiring.go
	ConsoleContent    *ConsoleContentStack // console_wiring.go
}

// All lists the stacks (the awscdk.Stack inside each, which is what jsii calls accept).
func (s *Stacks) All() []awscdk.Stack {
	return []awscdk.Stack{s.Data.Stack, s.Messaging.Stack, s.Auth.Stack, s.Compute.Stack, s.Api.Stack, s.CloudTrailForward.Stack,
		s.Console.Stack, s.ConsoleContent.Stack}
}

// featureFlags are CDK feature flags the stacks rely on. NewStacks sets them on the app, so the
// CLI synth and the tests build identical templates.
var featureFlags = map[string]any{
	// Server access logs are delivered through a bucket policy instead of the legacy
	// LogDeliveryWrite ACL (which needs ACLs enabled on the target bucket).
	"@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
	// Cross-stack references (table, queues, bus, user pool, api function) are exports that
	// CloudFormation keeps the producer from deleting while a consumer uses them.
	"@aws-cdk/core:defaultCrossStackReferences": "strong",
}

// NewStacks creates every stack of CloudFront Manager under app. All but the forwarder live in
// the home region; the forwarder lives in us-east-1, where CloudTrail records CloudFront.
func NewStacks(app awscdk.App, cfg Config) *Stacks {
	for k, v := range featureFlags {
		app.Node().SetContext(jsii.String(k), v)
	}
	home := awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(cfg.Account), Region: jsii.String(cfg.HomeRegion)}}
	with := func(description string) awscdk.StackProps {
		p := home
		p.Description = jsii.String("CloudFront Manager: " + description)
		return p
	}
	s := &Stacks{}
	// The console's hosting comes first: its origin is the OAuth callback, the API's CORS
	// origin and the API function's CFM_CONSOLE_ORIGIN.
	s.Console = newConsoleHosting(app, cfg, with("web console hosting"))
	cfg.ConsoleOrigin = s.Console.Origin()
	s.Data = NewDataStack(app, "Cfm-Data", &DataStackProps{StackProps: with("state table"), KMSKeyARN: cfg.KMSKeyARN})
	s.Messaging = NewMessagingStack(app, "Cfm-Messaging", &MessagingStackProps{StackProps: with("command and poll queues, event bus, alarm topic"), BusName: cfg.BusName, AlarmEmail: cfg.AlarmEmail})
	s.Auth = NewAuthStack(app, "Cfm-Auth", &AuthStackProps{StackProps: with("user pool"), ConsoleOrigin: cfg.ConsoleOrigin, DomainPrefix: cfg.AuthDomainPrefix, CLICallbackPort: cfg.CLICallbackPort})
	s.Compute = NewComputeStack(app, "Cfm-Compute", &ComputeStackProps{
		StackProps:     with("functions"),
		AssetDir:       cfg.AssetDir,
		PolicyJSON:     cfg.PolicyJSON,
		ResourcePrefix: cfg.ResourcePrefix,
		Table:          s.Data.Table,
		TableKey:       s.Data.Key,
		Commands:       s.Messaging.Commands.Queue,
		Polls:          s.Messaging.Polls.Queue,
		CommandsDLQ:    s.Messaging.Commands.DeadLetterQueue,
		PollsDLQ:       s.Messaging.Polls.DeadLetterQueue,
		Bus:            s.Messaging.Bus,
		JWTIssuer:      s.Auth.Issuer(),
		JWTAudience:    *s.Auth.Client.UserPoolClientId(),
		JWKSURL:        s.Auth.JWKSURL(),
		ConsoleOrigin:  cfg.ConsoleOrigin,
		AlarmTopic:     s.Messaging.Alarms.Topic,
	})
	s.Api = NewApiStack(app, "Cfm-Api", &ApiStackProps{
		StackProps:    with("REST API and web ACL"),
		Handler:       s.Compute.API.Function,
		UserPool:      s.Auth.UserPool,
		ConsoleOrigin: cfg.ConsoleOrigin,
		AlarmTopic:    s.Messaging.Alarms.Topic,
		Domain:        cfg.ApiDomain,
	})

	edge := awscdk.StackProps{
		Env:         &awscdk.Environment{Account: jsii.String(cfg.Account), Region: jsii.String(edgeRegion)},
		Description: jsii.String("CloudFront Manager: forwards CloudFront API calls from us-east-1 to the product bus"),
		// Cross-region references are not possible; the product bus is addressed by its ARN.
		CrossRegionReferences: jsii.Bool(false),
	}
	s.CloudTrailForward = NewCloudTrailForwardStack(app, "Cfm-CloudTrailForward", &CloudTrailForwardStackProps{
		StackProps: edge, HomeRegion: cfg.HomeRegion, BusName: cfg.BusName, CreateTrail: cfg.CreateTrail,
	})
	s.ConsoleContent = newConsoleContent(app, cfg, with("web console files and config.json"), s)

	// Deploy order only (no references): the rule's target bus must exist first.
	s.CloudTrailForward.AddStackDependency(s.Messaging.Stack, jsii.String("targets the product bus by ARN"))

	for _, st := range s.All() {
		awscdk.Tags_Of(st).Add(jsii.String("Product"), jsii.String("cloudfront-manager"), nil)
	}
	return s
}
