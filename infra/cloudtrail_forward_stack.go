package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudtrail"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// trailName names the optional trail, so its ARN is known to the bucket policy before it exists.
const trailName = "cloudfront-manager"

// CloudTrailForwardStackProps configures the us-east-1 pieces. The stack's own env must be
// us-east-1: CloudFront is a global service whose API calls CloudTrail records there only.
type CloudTrailForwardStackProps struct {
	awscdk.StackProps
	HomeRegion string
	BusName    string
	// CreateTrail adds a single-region trail. EventBridge only receives "AWS API Call via
	// CloudTrail" events while a trail logs them; leave it off when the account (or the
	// organization) already has one covering us-east-1's management events.
	CreateTrail bool
}

// CloudTrailForwardStack holds the default-bus rule that forwards CloudFront API calls to the
// product's bus in the home region, and the optional trail.
type CloudTrailForwardStack struct {
	awscdk.Stack
	Rule  awsevents.Rule
	Trail awscloudtrail.CfnTrail // nil unless CreateTrail
}

// NewCloudTrailForwardStack creates the forwarding rule (and the trail when asked).
func NewCloudTrailForwardStack(scope constructs.Construct, id string, props *CloudTrailForwardStackProps) *CloudTrailForwardStack {
	if props == nil {
		props = &CloudTrailForwardStackProps{}
	}
	if props.BusName == "" {
		props.BusName = defaultBusName
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	if props.HomeRegion == "" {
		props.HomeRegion = *stack.Region()
	}
	s := &CloudTrailForwardStack{Stack: stack}

	busArn := fmt.Sprintf("arn:%s:events:%s:%s:event-bus/%s", *stack.Partition(), props.HomeRegion, *stack.Account(), props.BusName)
	bus := awsevents.EventBus_FromEventBusArn(stack, jsii.String("ProductBus"), jsii.String(busArn))
	s.Rule = awsevents.NewRule(stack, jsii.String("ForwardCloudFrontApiCalls"), &awsevents.RuleProps{
		Description:  jsii.String("CloudFront API calls recorded by CloudTrail, to the CloudFront Manager bus in " + props.HomeRegion),
		EventPattern: cloudFrontAPICallPattern(),
		Targets:      &[]awsevents.IRuleTarget{awseventstargets.NewEventBus(bus, nil)},
	})

	if props.CreateTrail {
		s.Trail = newCloudFrontTrail(stack)
	}
	return s
}

// newCloudFrontTrail creates a single-region trail of write management events (global service
// events included, which is where CloudFront's land) with an encrypted, TLS-only bucket whose
// server access logs go to a second bucket.
func newCloudFrontTrail(stack awscdk.Stack) awscloudtrail.CfnTrail {
	bucketProps := func() *awss3.BucketProps {
		return &awss3.BucketProps{
			Encryption:        awss3.BucketEncryption_S3_MANAGED,
			EnforceSSL:        jsii.Bool(true),
			BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
			ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
			Versioned:         jsii.Bool(true),
			RemovalPolicy:     awscdk.RemovalPolicy_RETAIN,
			LifecycleRules: &[]*awss3.LifecycleRule{{
				Expiration:                  awscdk.Duration_Days(jsii.Number(365)),
				NoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(30)),
			}},
		}
	}
	accessLogs := awss3.NewBucket(stack, jsii.String("TrailAccessLogs"), bucketProps())
	cdknag.NagSuppressions_AddResourceSuppressions(accessLogs, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-S1"),
		Reason: jsii.String("This bucket is the server access log target of the trail bucket; logging it too would need a third bucket, and so on."),
	}}, jsii.Bool(false))

	tp := bucketProps()
	tp.ServerAccessLogsBucket = accessLogs
	tp.ServerAccessLogsPrefix = jsii.String("trail-bucket/")
	trailBucket := awss3.NewBucket(stack, jsii.String("TrailBucket"), tp)

	// The trail is an L1 resource so that its bucket policy is ours: CloudTrail may write only
	// for this trail (aws:SourceArn), which the L2 construct's policy does not require.
	trailArn := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("cloudtrail"), Resource: jsii.String("trail"), ResourceName: jsii.String(trailName),
	})
	cloudTrail := awsiam.NewServicePrincipal(jsii.String("cloudtrail.amazonaws.com"), nil)
	thisTrail := map[string]any{"aws:SourceArn": *trailArn}
	trailBucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("CloudTrailAclCheck"), Principals: &[]awsiam.IPrincipal{cloudTrail},
		Actions: jsii.Strings("s3:GetBucketAcl"), Resources: jsii.Strings(*trailBucket.BucketArn()),
		Conditions: &map[string]any{"StringEquals": thisTrail},
	}))
	trailBucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("CloudTrailWrite"), Principals: &[]awsiam.IPrincipal{cloudTrail},
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: jsii.Strings(*trailBucket.ArnForObjects(jsii.String("AWSLogs/" + *stack.Account() + "/*"))),
		Conditions: &map[string]any{"StringEquals": map[string]any{
			"aws:SourceArn": *trailArn, "s3:x-amz-acl": "bucket-owner-full-control",
		}},
	}))
	trail := awscloudtrail.NewCfnTrail(stack, jsii.String("Trail"), &awscloudtrail.CfnTrailProps{
		TrailName:                  jsii.String(trailName),
		IsLogging:                  jsii.Bool(true),
		S3BucketName:               trailBucket.BucketName(),
		IsMultiRegionTrail:         jsii.Bool(false),
		IncludeGlobalServiceEvents: jsii.Bool(true),
		EnableLogFileValidation:    jsii.Bool(true),
		EventSelectors: &[]any{&awscloudtrail.CfnTrail_EventSelectorProperty{
			IncludeManagementEvents: jsii.Bool(true), ReadWriteType: jsii.String("WriteOnly"),
		}},
	})
	trail.Node().AddDependency(trailBucket.Policy())
	return trail
}
