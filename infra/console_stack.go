package main

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// The console's Content-Security-Policy, the same policy cfm-local sends
// (handlers/console.PageCSP): scripts from the console's own origin only, no inline script, no
// eval, Trusted Types for every DOM script sink (one policy: the routing worker's URL), and
// network access only to the API and the Cognito endpoints.
const (
	consoleWorkerPath = "/assets/routing-worker.js"
	// consoleWorkerCSP is handlers/console.WorkerCSP: the routing worker may load the generated
	// routing code it builds as a blob and reach nothing.
	consoleWorkerCSP = "default-src 'none'; script-src 'self' blob:; connect-src 'none'"
)

func consolePageCSP(connect []string) string {
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src 'self' " + strings.Join(connect, " ") + "; worker-src 'self'; manifest-src 'self'; " +
		"frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types cfm-worker"
}

// ConsoleStackProps configures the console's hosting.
type ConsoleStackProps struct {
	awscdk.StackProps
	// Domain and CertificateARN (us-east-1), when set, are the console's own name and
	// certificate (TLS 1.2 only); otherwise it is served on its *.cloudfront.net name.
	Domain, CertificateARN string
	// Connect lists the origins the console calls besides its own: the API and Cognito. They
	// are known before the API exists (the API's CORS needs this stack's domain first).
	Connect []string
}

// ConsoleStack hosts the web console: a private S3 bucket read by a CloudFront distribution
// through Origin Access Control, HTTPS only, HTTP/2 and HTTP/3, with a response-headers policy
// carrying the strict CSP. The files and config.json are deployed by ConsoleContentStack.
type ConsoleStack struct {
	awscdk.Stack
	Bucket       awss3.Bucket
	Distribution awscloudfront.Distribution
	PageHeaders  awscloudfront.ResponseHeadersPolicy
	domain       string
}

// Origin is the console's https origin (its custom domain, or the distribution's name).
func (s *ConsoleStack) Origin() string {
	if s.domain != "" {
		return "https://" + s.domain
	}
	return "https://" + *s.Distribution.DistributionDomainName()
}

func securityHeaders(csp string) *awscloudfront.ResponseSecurityHeadersBehavior {
	return &awscloudfront.ResponseSecurityHeadersBehavior{
		ContentSecurityPolicy: &awscloudfront.ResponseHeadersContentSecurityPolicy{ContentSecurityPolicy: jsii.String(csp), Override: jsii.Bool(true)},
		ContentTypeOptions:    &awscloudfront.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
		FrameOptions:          &awscloudfront.ResponseHeadersFrameOptions{FrameOption: awscloudfront.HeadersFrameOption_DENY, Override: jsii.Bool(true)},
		ReferrerPolicy:        &awscloudfront.ResponseHeadersReferrerPolicy{ReferrerPolicy: awscloudfront.HeadersReferrerPolicy_NO_REFERRER, Override: jsii.Bool(true)},
		StrictTransportSecurity: &awscloudfront.ResponseHeadersStrictTransportSecurity{
			AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(730)), IncludeSubdomains: jsii.Bool(true), Override: jsii.Bool(true),
		},
	}
}

// NewConsoleStack creates the console's bucket, log bucket and distribution.
func NewConsoleStack(scope constructs.Construct, id string, props *ConsoleStackProps) *ConsoleStack {
	if props == nil {
		props = &ConsoleStackProps{}
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &ConsoleStack{Stack: stack, domain: props.Domain}

	// Logs: S3 server access logs of the site bucket and CloudFront standard logs (which are
	// written with ACLs, hence BucketOwnerPreferred).
	logs := awss3.NewBucket(stack, jsii.String("Logs"), &awss3.BucketProps{
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED,
		LifecycleRules:    &[]*awss3.LifecycleRule{{Expiration: awscdk.Duration_Days(jsii.Number(90))}},
		RemovalPolicy:     awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(logs, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-S1"),
		Reason: jsii.String("This is the console's access-log bucket; logging it into itself would loop."),
	}}, jsii.Bool(false))

	s.Bucket = awss3.NewBucket(stack, jsii.String("Site"), &awss3.BucketProps{
		BlockPublicAccess:      awss3.BlockPublicAccess_BLOCK_ALL(),
		Encryption:             awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:             jsii.Bool(true),
		ObjectOwnership:        awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		ServerAccessLogsBucket: logs,
		ServerAccessLogsPrefix: jsii.String("s3/"),
		Versioned:              jsii.Bool(true),
		LifecycleRules:         &[]*awss3.LifecycleRule{{NoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(30))}},
		RemovalPolicy:          awscdk.RemovalPolicy_RETAIN,
	})

	s.PageHeaders = awscloudfront.NewResponseHeadersPolicy(stack, jsii.String("PageHeaders"), &awscloudfront.ResponseHeadersPolicyProps{
		Comment:                 jsii.String("CloudFront Manager console: strict CSP (no inline script, no eval, Trusted Types)"),
		SecurityHeadersBehavior: securityHeaders(consolePageCSP(props.Connect)),
	})
	workerHeaders := awscloudfront.NewResponseHeadersPolicy(stack, jsii.String("WorkerHeaders"), &awscloudfront.ResponseHeadersPolicyProps{
		Comment:                 jsii.String("CloudFront Manager console routing worker: runs generated routing code, no network"),
		SecurityHeadersBehavior: securityHeaders(consoleWorkerCSP),
	})

	origin := awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(s.Bucket, &awscloudfrontorigins.S3BucketOriginWithOACProps{
		OriginAccessLevels: &[]awscloudfront.AccessLevel{awscloudfront.AccessLevel_READ},
	})
	behavior := func(headers awscloudfront.IResponseHeadersPolicy) *awscloudfront.BehaviorOptions {
		return &awscloudfront.BehaviorOptions{
			Origin:                origin,
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
			CachePolicy:           awscloudfront.CachePolicy_CACHING_OPTIMIZED(),
			ResponseHeadersPolicy: headers,
			Compress:              jsii.Bool(true),
		}
	}
	// The console routes in the browser: an unknown path (S3 answers 403 through OAC) is the app.
	spa := func(status float64) *awscloudfront.ErrorResponse {
		return &awscloudfront.ErrorResponse{HttpStatus: jsii.Number(status), ResponseHttpStatus: jsii.Number(200),
			ResponsePagePath: jsii.String("/index.html"), Ttl: awscdk.Duration_Seconds(jsii.Number(0))}
	}
	dp := &awscloudfront.DistributionProps{
		Comment:             jsii.String("CloudFront Manager web console"),
		DefaultBehavior:     behavior(s.PageHeaders),
		AdditionalBehaviors: &map[string]*awscloudfront.BehaviorOptions{consoleWorkerPath: behavior(workerHeaders)},
		DefaultRootObject:   jsii.String("index.html"),
		ErrorResponses:      &[]*awscloudfront.ErrorResponse{spa(403), spa(404)},
		HttpVersion:         awscloudfront.HttpVersion_HTTP2_AND_3,
		EnableIpv6:          jsii.Bool(true),
		PriceClass:          awscloudfront.PriceClass_PRICE_CLASS_100,
		EnableLogging:       jsii.Bool(true),
		LogBucket:           logs,
		LogFilePrefix:       jsii.String("cloudfront/"),
	}
	if props.Domain != "" {
		dp.DomainNames = jsii.Strings(props.Domain)
		dp.Certificate = awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("Certificate"), jsii.String(props.CertificateARN))
		dp.MinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021
	}
	s.Distribution = awscloudfront.NewDistribution(stack, jsii.String("Distribution"), dp)
	suppressions := []*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-CFR1"), Reason: jsii.String("The console is a static app for the company's users wherever they are; access is controlled by Cognito sign-in, not geography.")},
		{Id: jsii.String("AwsSolutions-CFR2"), Reason: jsii.String("Static files only, no server-side processing: every request that matters goes to the API, which has its own web ACL. A CloudFront web ACL would have to live in us-east-1.")},
	}
	if props.Domain == "" {
		suppressions = append(suppressions, &cdknag.NagPackSuppression{Id: jsii.String("AwsSolutions-CFR4"),
			Reason: jsii.String("Without consoleOrigin/consoleCertificateArn the console is served on its *.cloudfront.net name, whose default certificate's security policy AWS fixes at TLSv1; set both to serve it with TLS 1.2 only (TLSv1.2_2021, SNI).")})
	}
	cdknag.NagSuppressions_AddResourceSuppressions(s.Distribution, &suppressions, jsii.Bool(false))

	awscdk.NewCfnOutput(stack, jsii.String("ConsoleURL"), &awscdk.CfnOutputProps{Value: jsii.String(s.Origin() + "/")})
	awscdk.NewCfnOutput(stack, jsii.String("ConsoleDistributionDomain"), &awscdk.CfnOutputProps{Value: s.Distribution.DistributionDomainName()})
	return s
}

// ConsoleContentStackProps are what the console's files and config.json need.
type ConsoleContentStackProps struct {
	awscdk.StackProps
	Hosting *ConsoleStack
	// Dist is the built console (console/dist).
	Dist string
	// Settings is config.json (handlers/console.Settings); values may be tokens.
	Settings map[string]any
}

// ConsoleContentStack deploys console/dist and config.json into the console bucket and
// invalidates the distribution. It is a stack of its own because config.json names the API and
// the user pool client, which are created after the hosting (their CORS and callback URLs name
// the console's domain).
type ConsoleContentStack struct {
	awscdk.Stack
}

// NewConsoleContentStack creates the deployment.
func NewConsoleContentStack(scope constructs.Construct, id string, props *ConsoleContentStackProps) *ConsoleContentStack {
	if props == nil || props.Hosting == nil || props.Dist == "" {
		panic(fmt.Sprintf("NewConsoleContentStack %s: props with Hosting and Dist are required", id))
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	awss3deployment.NewBucketDeployment(stack, jsii.String("Files"), &awss3deployment.BucketDeploymentProps{
		Sources: &[]awss3deployment.ISource{
			awss3deployment.Source_Asset(jsii.String(props.Dist), nil),
			awss3deployment.Source_JsonData(jsii.String("config.json"), props.Settings, nil),
		},
		DestinationBucket: props.Hosting.Bucket,
		// Every file revalidates (ETag): a deploy is visible at once, and config.json is never stale.
		CacheControl:      &[]awss3deployment.CacheControl{awss3deployment.CacheControl_FromString(jsii.String("no-cache"))},
		Distribution:      props.Hosting.Distribution,
		DistributionPaths: jsii.Strings("/*"),
		Prune:             jsii.Bool(true),
		MemoryLimit:       jsii.Number(256),
	})
	// The handler is CDK's singleton function of the stack (construct id Custom::CDKBucketDeployment<hash>).
	var handler constructs.IConstruct
	for _, c := range *stack.Node().Children() {
		if strings.HasPrefix(*c.Node().Id(), "Custom::CDKBucketDeployment") {
			handler = c
		}
	}
	if handler == nil {
		panic("NewConsoleContentStack: the BucketDeployment handler was not found")
	}
	role := handler.Node().FindChild(jsii.String("ServiceRole"))
	suppress := func(c constructs.IConstruct, id, reason string) {
		cdknag.NagSuppressions_AddResourceSuppressions(c, &[]*cdknag.NagPackSuppression{{Id: jsii.String(id), Reason: jsii.String(reason)}}, jsii.Bool(false))
	}
	suppress(handler, "AwsSolutions-L1", "The BucketDeployment handler's runtime is chosen by the CDK version pinned in infra/go.mod and moves with it.")
	suppress(role, "AwsSolutions-IAM4", "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs; it runs only during deployments.")
	suppress(role.Node().FindChild(jsii.String("DefaultPolicy")), "AwsSolutions-IAM5",
		"CDK's BucketDeployment handler copies objects: s3:GetObject*/List* on the asset, s3:PutObject*/DeleteObject* on the console bucket's objects (bucket/*), cloudfront:CreateInvalidation.")
	return &ConsoleContentStack{Stack: stack}
}
