package cloudfront

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// With CreateTags, a distribution is tagged in the same call that creates it, and recovering it
// after a lost response (CallerReference reuse) still finds the existing one.
func TestCreateDistributionWithTagsOnMoto(t *testing.T) {
	ctx := context.Background()
	cfg := awstest.Config(t)
	c := New(cfg, Options{Limiter: rate.NewLimiter(rate.Inf, 1), MaxAttempts: 2, CreateTags: map[string]string{"ManagedBy": "cfm"}})
	ref := awstest.Name(t, "op")
	created, err := c.CreateDistribution(ctx, s3Config(ref))
	require.NoError(t, err)

	raw := sdk.NewFromConfig(cfg, func(o *sdk.Options) { o.Region = "us-east-1" })
	tags, err := raw.ListTagsForResource(ctx, &sdk.ListTagsForResourceInput{Resource: aws.String(created.ARN)})
	require.NoError(t, err)
	require.NotNil(t, tags.Tags)
	got := map[string]string{}
	for _, tg := range tags.Tags.Items {
		got[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	assert.Equal(t, "cfm", got["ManagedBy"])

	_, err = c.CreateDistribution(ctx, s3Config(ref))
	var exists *domain.AlreadyExistsError
	require.ErrorAs(t, err, &exists)
	assert.Equal(t, created.ID, exists.ExistingID)
}
