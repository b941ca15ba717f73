package cloudfront

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// listFake lists distributions one per page and answers GetDistribution for them; "EDENIED"
// is another team's (AccessDenied).
type listFake struct {
	sdkAPI
	dists []types.Distribution
	gets  []string
}

func (f *listFake) ListDistributions(_ context.Context, in *sdk.ListDistributionsInput, _ ...func(*sdk.Options)) (*sdk.ListDistributionsOutput, error) {
	i := 0
	if in.Marker != nil {
		i = int((*in.Marker)[0] - '0')
	}
	d := f.dists[i]
	l := &types.DistributionList{IsTruncated: aws.Bool(i+1 < len(f.dists)),
		Items: []types.DistributionSummary{{Id: d.Id, LastModifiedTime: d.LastModifiedTime}}}
	if i+1 < len(f.dists) {
		l.NextMarker = aws.String(string(rune('0' + i + 1)))
	}
	return &sdk.ListDistributionsOutput{DistributionList: l}, nil
}

func (f *listFake) GetDistribution(_ context.Context, in *sdk.GetDistributionInput, _ ...func(*sdk.Options)) (*sdk.GetDistributionOutput, error) {
	f.gets = append(f.gets, *in.Id)
	if *in.Id == "EDENIED" {
		return nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "not yours"}
	}
	for _, d := range f.dists {
		if *d.Id == *in.Id {
			return &sdk.GetDistributionOutput{Distribution: &d, ETag: aws.String("E1")}, nil
		}
	}
	return nil, &smithy.GenericAPIError{Code: "NoSuchDistribution", Message: "gone"}
}

func TestFindDistributionReadsOnlyRecentCandidates(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	dist := func(id, ref string, modified time.Time) types.Distribution {
		return types.Distribution{Id: aws.String(id), ARN: aws.String("arn:aws:cloudfront::1:distribution/" + id), LastModifiedTime: aws.Time(modified),
			DistributionConfig: &types.DistributionConfig{CallerReference: aws.String(ref)}}
	}
	f := &listFake{dists: []types.Distribution{
		dist("EOLD", "op-1", now.Add(-24*time.Hour)), dist("EDENIED", "op-x", now), dist("EOTHER", "op-2", now.Add(time.Minute)),
		dist("EMINE", "op-1", now.Add(2*time.Minute)),
	}}
	c := newClient(f)
	got, err := c.FindDistribution(context.Background(), "op-1", now)
	require.NoError(t, err)
	assert.Equal(t, "EMINE", got.ID, "on the last page; the old one with the same reference is not read")
	assert.Equal(t, []string{"EDENIED", "EOTHER", "EMINE"}, f.gets, "only distributions modified since the operation began; a forbidden one skipped")

	_, err = c.FindDistribution(context.Background(), "op-9", now)
	assert.ErrorIs(t, err, domain.ErrNotFound)

	f.gets = nil
	c.readAllOnFind = true
	got, err = c.FindDistribution(context.Background(), "op-1", now)
	require.NoError(t, err)
	assert.Equal(t, "EOLD", got.ID, "an emulator's times are not trusted")
}
