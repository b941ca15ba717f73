package main

import (
	"context"
	"encoding/json"
	"testing"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
	"github.com/cloudfront-manager/cfm/cmd/lambda/lambdatest"
	"github.com/cloudfront-manager/cfm/domain"
)

// TestSQSBatchWithAPoisonMessage: a real command converges (CloudFront on moto), a body that is
// no command is reported alone as a batch item failure, a command for an unknown operation is
// dropped.
func TestSQSBatchWithAPoisonMessage(t *testing.T) {
	env := lambdatest.Env(t, lambdatest.NewIssuer(t))
	lambdatest.Setenv(t, env)
	ctx := context.Background()
	h, err := newHandler(ctx)
	require.NoError(t, err)

	e, err := compose.ReadEnv(compose.Worker)
	require.NoError(t, err)
	deps := compose.Deps(awstest.Config(t), e)
	acc, err := intake.Distributions{Deps: deps}.Create(ctx, domain.Principal{Username: "alice", Groups: []string{domain.GroupDevelopers}},
		domain.DistributionRequest{Name: "from sqs", Config: domain.DistributionConfig{Comment: "sqs",
			Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "o1", DomainName: "sqs-assets.s3.us-east-1.amazonaws.com",
				S3OriginConfig: &domain.S3OriginConfig{}}}},
			DefaultCacheBehavior: &domain.CacheBehavior{TargetOriginId: "o1", ViewerProtocolPolicy: "redirect-to-https"}}}, "")
	require.NoError(t, err)

	var ev lambdaevents.SQSEvent
	require.NoError(t, json.Unmarshal(lambdatest.Fixture(t, "sqs/worker-commands-batch.json",
		map[string]string{"OPERATION_ID": acc.Operation.ID, "DISTRIBUTION_ID": acc.Resource.ID}), &ev))
	resp, err := h(ctx, ev)
	require.NoError(t, err)
	assert.Equal(t, []lambdaevents.SQSBatchItemFailure{{ItemIdentifier: "2e1424d4-f796-459a-8184-9c92662be6da"}}, resp.BatchItemFailures)

	d, err := intake.Distributions{Deps: deps}.Get(ctx, domain.Principal{Username: "alice", Groups: []string{domain.GroupDevelopers}}, acc.Resource.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, d.CloudFrontID, "the command created the distribution on moto")
	assert.NotEmpty(t, d.ARN)

	// The poll queue's event source shape goes through the same handler.
	require.NoError(t, json.Unmarshal(lambdatest.Fixture(t, "sqs/worker-poll.json", nil), &ev))
	resp, err = h(ctx, ev)
	require.NoError(t, err)
	assert.Empty(t, resp.BatchItemFailures)
}
