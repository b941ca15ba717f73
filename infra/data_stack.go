package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// DataStackProps configures the data stack. KMSKeyARN, when set, encrypts the table with that
// customer managed key instead of the AWS managed one.
type DataStackProps struct {
	awscdk.StackProps
	KMSKeyARN string
}

// DataStack holds the product's single DynamoDB table (docs/aws-resources.md).
type DataStack struct {
	awscdk.Stack
	Table awsdynamodb.Table
	// Key is the customer managed key of the table, nil when it uses the AWS managed key.
	Key awskms.IKey
}

// NewDataStack creates the table: pk only, GSIs byKind/byParent/byStatus/byOwner (projection ALL),
// TTL on expiresAt, on-demand, point-in-time recovery, deletion protection, retained on delete.
func NewDataStack(scope constructs.Construct, id string, props *DataStackProps) *DataStack {
	if props == nil {
		props = &DataStackProps{}
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &DataStack{Stack: stack}

	tp := &awsdynamodb.TableProps{
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("pk"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		DeletionProtection:  jsii.Bool(true),
		TimeToLiveAttribute: jsii.String("expiresAt"),
		RemovalPolicy:       awscdk.RemovalPolicy_RETAIN,
		Encryption:          awsdynamodb.TableEncryption_AWS_MANAGED,
	}
	if props.KMSKeyARN != "" {
		s.Key = awskms.Key_FromKeyArn(stack, jsii.String("TableKey"), jsii.String(props.KMSKeyARN))
		tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
		tp.EncryptionKey = s.Key
	}
	s.Table = awsdynamodb.NewTable(stack, jsii.String("Table"), tp)
	for _, gsi := range [][2]string{{"byKind", "kind"}, {"byParent", "parent"}, {"byStatus", "kindStatus"}, {"byOwner", "kindOwner"}} {
		s.Table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
			IndexName:      jsii.String(gsi[0]),
			PartitionKey:   &awsdynamodb.Attribute{Name: jsii.String(gsi[1]), Type: awsdynamodb.AttributeType_STRING},
			SortKey:        &awsdynamodb.Attribute{Name: jsii.String("sk"), Type: awsdynamodb.AttributeType_STRING},
			ProjectionType: awsdynamodb.ProjectionType_ALL,
		})
	}
	awscdk.NewCfnOutput(stack, jsii.String("TableName"), &awscdk.CfnOutputProps{Value: s.Table.TableName()})
	return s
}
