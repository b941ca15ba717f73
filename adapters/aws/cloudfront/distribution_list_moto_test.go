package cloudfront

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// The watcher's read: every distribution of the account with its status, page by page.
func TestListDistributionStatusesOnMoto(t *testing.T) {
	ctx := context.Background()
	c := newMotoClient(t)
	created, err := c.CreateDistribution(ctx, s3Config(awstest.Name(t, "op")))
	require.NoError(t, err)
	var seen []domain.DeploymentStatus
	marker := ""
	for {
		page, next, err := c.ListDistributionStatuses(ctx, marker)
		require.NoError(t, err)
		seen = append(seen, page...)
		if next == "" {
			break
		}
		marker = next
	}
	var found *domain.DeploymentStatus
	for i := range seen {
		if seen[i].ID == created.ID {
			found = &seen[i]
		}
	}
	require.NotNil(t, found, "the new distribution is listed")
	assert.Equal(t, created.ARN, found.ARN)
	assert.Equal(t, created.DomainName, found.DomainName)
	assert.Contains(t, []string{domain.CloudStatusInProgress, domain.CloudStatusDeployed}, found.Status)
	assert.False(t, found.LastModifiedTime.IsZero())
}
