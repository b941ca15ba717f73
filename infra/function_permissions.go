package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// tableActions is what domain.Store needs: item reads and writes (TransactWriteItems and
// TransactGetItems are authorised per contained action) and index queries. No Scan: request
// paths never scan, and neither does the sweeper (it queries byStatus).
var tableActions = []string{
	"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
	"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
}

// tableIndexes are the GSIs of docs/aws-resources.md, named so no statement needs index/*.
var tableIndexes = []string{"byKind", "byParent", "byStatus", "byOwner"}

// grantBackend gives each function the table, queue and bus access its role in the design needs.
func grantBackend(s *ComputeStack, props *ComputeStackProps) {
	tableResources := []string{*props.Table.TableArn()}
	for _, ix := range tableIndexes {
		tableResources = append(tableResources, *props.Table.TableArn()+"/index/"+ix)
	}
	send := func(qs ...awssqs.IQueue) []string {
		var arns []string
		for _, q := range qs {
			arns = append(arns, *q.QueueArn())
		}
		return arns
	}
	type access struct {
		fn      *BackendFunction
		queues  []awssqs.IQueue
		publish bool
	}
	for _, a := range []access{
		{s.API, []awssqs.IQueue{props.Commands}, false},
		{s.Worker, []awssqs.IQueue{props.Commands, props.Polls}, true}, // and consumes both DLQs (event sources)
		{s.Watch, []awssqs.IQueue{props.Commands, props.Polls}, true},
		{s.Sweeper, []awssqs.IQueue{props.Commands, props.Polls}, true},
	} {
		a.fn.Allow("Table", tableActions, tableResources, nil)
		if props.TableKey != nil {
			// What DynamoDB asks of the caller for a customer managed key (no kms:Encrypt: DynamoDB
			// encrypts with the data key it generates).
			a.fn.Allow("TableKey", []string{"kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"},
				[]string{*props.TableKey.KeyArn()},
				map[string]any{"StringEquals": map[string]any{"kms:ViaService": fmt.Sprintf("dynamodb.%s.amazonaws.com", *s.Region())}})
		}
		a.fn.Allow("SendCommands", []string{"sqs:SendMessage"}, send(a.queues...), nil)
		if a.publish {
			a.fn.Allow("PublishEvents", []string{"events:PutEvents"}, []string{*props.Bus.EventBusArn()}, nil)
		}
	}
}

// managedDistribution restricts a statement to distributions the product tagged as its own
// (the worker tags ManagedBy=<resource prefix>).
func managedDistribution(prefix string) map[string]any {
	return map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/" + managedByTagKey: prefix}}
}

// ownAccount pins an S3 statement to buckets of this account: bucket ARNs carry no account,
// so a name with the product prefix in another account would otherwise match.
func ownAccount(account string) map[string]any {
	return map[string]any{"StringEquals": map[string]any{"aws:ResourceAccount": account}}
}

// edgeLambdaPrincipal is the service principal CloudFront's Lambda@Edge replicator reads
// functions as; the worker grants it lambda:GetFunction on each edge function.
const edgeLambdaPrincipal = "edgelambda.amazonaws.com"

// grantWorkerAWS gives the worker the CloudFront, S3, ACM, Lambda and IAM actions it converges
// with. Names the product creates start with prefix; Lambda@Edge functions live in us-east-1.
func grantWorkerAWS(stack awscdk.Stack, w *BackendFunction, edge *EdgeRole, prefix string) {
	p, acct := *stack.Partition(), *stack.Account()
	cf := func(res string) string { return fmt.Sprintf("arn:%s:cloudfront::%s:%s", p, acct, res) }
	distributions := cf("distribution/*")

	// Distributions: the worker creates them only with the ManagedBy tag in the request
	// (CreateDistributionWithTags is authorized as cloudfront:CreateDistribution, whose
	// aws:RequestTag keys see the tags of the new distribution), and may act on, or tag, only a
	// distribution that already carries ManagedBy=<prefix>. So it cannot adopt a distribution
	// someone else created by tagging it (the takeover TagResource on any ARN used to allow),
	// nor hand one of its own over by rewriting the tag.
	w.Allow("CreateManagedDistributions", []string{"cloudfront:CreateDistribution"}, []string{distributions},
		map[string]any{"StringEquals": map[string]any{"aws:RequestTag/" + managedByTagKey: prefix}})
	w.Allow("TagOwnDistributions", []string{"cloudfront:TagResource"}, []string{distributions}, map[string]any{
		"StringEquals":         map[string]any{"aws:ResourceTag/" + managedByTagKey: prefix},
		"StringEqualsIfExists": map[string]any{"aws:RequestTag/" + managedByTagKey: prefix},
	})
	w.Allow("ManageOwnDistributions", []string{
		"cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution",
		"cloudfront:DeleteDistribution", "cloudfront:CreateInvalidation", "cloudfront:GetInvalidation",
		"cloudfront:ListInvalidations", "cloudfront:ListTagsForResource",
	}, []string{distributions}, managedDistribution(prefix))
	// Untagging, on its own distributions, never removes ManagedBy.
	w.Allow("UntagOwnDistributions", []string{"cloudfront:UntagResource"}, []string{distributions}, map[string]any{
		"StringEquals":                 map[string]any{"aws:ResourceTag/" + managedByTagKey: prefix},
		"ForAllValues:StringNotEquals": map[string]any{"aws:TagKeys": []string{managedByTagKey}},
	})
	w.Allow("OriginAccessControls", []string{
		"cloudfront:CreateOriginAccessControl", "cloudfront:GetOriginAccessControl",
		"cloudfront:GetOriginAccessControlConfig", "cloudfront:UpdateOriginAccessControl",
		"cloudfront:DeleteOriginAccessControl",
	}, []string{cf("origin-access-control/*")}, nil)
	w.Allow("OriginRequestPolicies", []string{
		"cloudfront:CreateOriginRequestPolicy", "cloudfront:GetOriginRequestPolicy", "cloudfront:UpdateOriginRequestPolicy",
	}, []string{cf("origin-request-policy/*")}, nil)
	// Response headers policies: the security-headers preset and the CORS and custom policies,
	// ensured by name and deleted once no distribution uses them (CloudFront refuses an in-use
	// delete). Their ARNs hold CloudFront-generated ids and support no tag conditions.
	w.Allow("ResponseHeadersPolicies", []string{
		"cloudfront:CreateResponseHeadersPolicy", "cloudfront:GetResponseHeadersPolicy", "cloudfront:DeleteResponseHeadersPolicy",
	}, []string{cf("response-headers-policy/*")}, nil)
	w.Allow("CloudFrontFunctions", []string{
		"cloudfront:CreateFunction", "cloudfront:DescribeFunction", "cloudfront:GetFunction",
		"cloudfront:UpdateFunction", "cloudfront:PublishFunction", "cloudfront:DeleteFunction",
	}, []string{cf("function/" + prefix + "-*")}, nil)
	// ListDistributions: the deployment watcher's one read per tick and page, and before failing
	// a create the worker looks for the distribution its CallerReference made (a lost response)
	// to adopt or delete it rather than orphan it. List actions support no resource-level
	// permissions.
	w.Allow("CloudFrontListByName", []string{
		"cloudfront:ListOriginAccessControls", "cloudfront:ListOriginRequestPolicies", "cloudfront:ListResponseHeadersPolicies",
		"cloudfront:ListDistributions",
	}, []string{"*"}, nil)

	bucket := fmt.Sprintf("arn:%s:s3:::%s-*", p, prefix)
	w.Allow("OriginBuckets", []string{
		"s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation",
		"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
		"s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
		"s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls",
		"s3:GetBucketWebsite", "s3:PutBucketWebsite", "s3:DeleteBucketWebsite",
		"s3:GetBucketCORS", "s3:PutBucketCORS", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetBucketVersioning",
		"s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
	}, []string{bucket}, ownAccount(acct))
	// EmptyBucket before DeleteBucket: the only object-level actions.
	w.Allow("EmptyOriginBuckets", []string{"s3:DeleteObject", "s3:DeleteObjectVersion"}, []string{bucket + "/*"}, ownAccount(acct))

	w.Allow("ReadCertificates", []string{"acm:DescribeCertificate", "acm:ListTagsForCertificate"},
		[]string{fmt.Sprintf("arn:%s:acm:%s:%s:certificate/*", p, edgeRegion, acct)}, nil)
	w.Allow("ListCertificates", []string{"acm:ListCertificates"}, []string{"*"}, nil)

	edgeFn := fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s-*", p, edgeRegion, acct, prefix)
	w.Allow("EdgeFunctions", []string{
		"lambda:CreateFunction", "lambda:PublishVersion", "lambda:DeleteFunction", "lambda:GetFunction",
		"lambda:GetFunctionConfiguration",
		// CloudFront checks these on the caller when a distribution is associated with a version.
		"lambda:EnableReplication*", "lambda:DisableReplication*",
	}, []string{edgeFn, edgeFn + ":*"}, nil)
	// The only resource-policy grant the worker makes: lambda:GetFunction for Lambda@Edge's
	// service principal (lambdaedge.Client.AllowCloudFront), never for another principal.
	w.Allow("AllowEdgeLambdaService", []string{"lambda:AddPermission"}, []string{edgeFn, edgeFn + ":*"},
		map[string]any{"StringEquals": map[string]any{"lambda:Principal": edgeLambdaPrincipal}})
	w.Allow("PassEdgeRole", []string{"iam:PassRole"}, []string{*edge.Role.RoleArn()},
		map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "lambda.amazonaws.com"}})
	// The first Lambda@Edge association in an account creates the replicator's service-linked role.
	w.Allow("EdgeReplicatorRole", []string{"iam:CreateServiceLinkedRole"},
		[]string{fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/replicator.lambda.amazonaws.com/AWSServiceRoleForLambdaReplicator", p, acct)},
		map[string]any{"StringLike": map[string]any{"iam:AWSServiceName": "replicator.lambda.amazonaws.com"}})

	suppressIAM5(w.Role, []iam5{
		{`cloudfront::[^:]+:distribution/\*`, "CloudFront generates distribution ids at creation. Creation is conditioned on aws:RequestTag/ManagedBy (tag on create); every statement on existing distributions, TagResource included, on aws:ResourceTag/ManagedBy, so only distributions the product created are reachable."},
		{`cloudfront::[^:]+:origin-access-control/\*`, "OAC ARNs hold CloudFront-generated ids (not names) and OACs support no tag conditions; the worker deletes only OACs recorded in its table."},
		{`cloudfront::[^:]+:origin-request-policy/\*`, "Origin request policy ARNs hold CloudFront-generated ids and support no tag conditions; the worker ensures one policy by name."},
		{`cloudfront::[^:]+:response-headers-policy/\*`, "Response headers policy ARNs hold CloudFront-generated ids and support no tag conditions; the worker ensures its policies by content-derived name and deletes only those."},
		{`cloudfront::[^:]+:function/` + prefix + `-\*`, "CloudFront Function ARNs hold the name; restricted to the product prefix."},
		{`^Resource::\*$`, "ListOriginAccessControls, ListOriginRequestPolicies, ListResponseHeadersPolicies, ListDistributions and acm:ListCertificates support no resource-level permissions (find-by-name and by-CallerReference recovery, certificate picker)."},
		{`s3:::` + prefix + `-\*`, "Managed origin buckets are created on request; restricted to bucket names with the product prefix."},
		{`acm:us-east-1:[^:]+:certificate/\*`, "Read-only: ACM generates certificate ids; CloudFront only accepts us-east-1 certificates."},
		{`lambda:us-east-1:[^:]+:function:` + prefix + `-\*`, "Lambda@Edge functions are created on request; restricted to the product prefix in us-east-1 (and their versions)."},
		{`^Action::lambda:(Enable|Disable)Replication\*$`, "CloudFront documents lambda:EnableReplication* / DisableReplication* (wildcard form) as the permission it checks when associating Lambda@Edge."},
	})
}

// grantAPIAWS gives the API the reads its intake makes outside the table: ACM certificates
// (picker, alias coverage check) and managed origin buckets (policy view, emptiness check
// before a delete). No CloudFront, no writes.
func grantAPIAWS(stack awscdk.Stack, api *BackendFunction, prefix string) {
	p, acct := *stack.Partition(), *stack.Account()
	api.Allow("ReadCertificates", []string{"acm:DescribeCertificate"},
		[]string{fmt.Sprintf("arn:%s:acm:%s:%s:certificate/*", p, edgeRegion, acct)}, nil)
	api.Allow("ListCertificates", []string{"acm:ListCertificates"}, []string{"*"}, nil)
	api.Allow("ReadOriginBuckets", []string{
		"s3:GetBucketPolicy", "s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket", "s3:ListBucketVersions",
	}, []string{fmt.Sprintf("arn:%s:s3:::%s-*", p, prefix)}, ownAccount(acct))
	suppressIAM5(api.Role, []iam5{
		{`^Resource::\*$`, "acm:ListCertificates supports no resource-level permissions (certificate picker)."},
		{`acm:us-east-1:[^:]+:certificate/\*`, "Read-only: ACM generates certificate ids; CloudFront only accepts us-east-1 certificates."},
		{`s3:::` + prefix + `-\*`, "Read-only (policy, versioning, listing for the emptiness check) on managed origin buckets, restricted to the product prefix."},
	})
}

// grantWatchAWS lets the watch function read the distributions the product manages.
func grantWatchAWS(watch *BackendFunction, prefix string) {
	stack := awscdk.Stack_Of(watch.Function)
	distributions := fmt.Sprintf("arn:%s:cloudfront::%s:distribution/*", *stack.Partition(), *stack.Account())
	watch.Allow("ReadOwnDistributions", []string{"cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:ListTagsForResource"},
		[]string{distributions}, managedDistribution(prefix))
	suppressIAM5(watch.Role, []iam5{
		{`cloudfront::[^:]+:distribution/\*`, "Read-only and conditioned on aws:ResourceTag/ManagedBy: CloudFront generates distribution ids, so the ARN cannot name them in advance."},
	})
}

// iam5 is one justified wildcard: a regular expression on cdk-nag's rendering of the finding.
type iam5 struct{ pattern, reason string }

// suppressIAM5 records each wildcard's reason on the role's default policy (the only place
// the role's statements live).
func suppressIAM5(role awsiam.Role, items []iam5) {
	policy := role.Node().FindChild(jsii.String("DefaultPolicy"))
	for _, it := range items {
		cdknag.NagSuppressions_AddResourceSuppressions(policy, &[]*cdknag.NagPackSuppression{{
			Id:        jsii.String("AwsSolutions-IAM5"),
			Reason:    jsii.String(it.reason),
			AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String("/" + it.pattern + "/")}},
		}}, jsii.Bool(true))
	}
}
