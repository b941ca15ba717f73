package converge_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestInvalidationRequestValidation(t *testing.T) {
	t.Parallel()
	many := make([]string, intake.MaxInvalidationPaths+1)
	for i := range many {
		many[i] = "/f" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
	}
	cases := []struct {
		name  string
		req   intake.InvalidationRequest
		field string // "" = valid
	}{
		{"one wildcard", intake.InvalidationRequest{Paths: []string{"/*"}}, ""},
		{"files and wildcards", intake.InvalidationRequest{Paths: []string{"/index.html", "/images/*", "/a%20b.png"}, CallerReference: "deploy-42"}, ""},
		{"non-ASCII is printable", intake.InvalidationRequest{Paths: []string{"/한국어/*"}}, ""},
		{"no paths", intake.InvalidationRequest{}, "paths"},
		{"too many paths", intake.InvalidationRequest{Paths: many}, "paths"},
		{"no leading slash", intake.InvalidationRequest{Paths: []string{"images/*"}}, "paths[0]"},
		{"star in the middle", intake.InvalidationRequest{Paths: []string{"/ok", "/a*/b"}}, "paths[1]"},
		{"two stars", intake.InvalidationRequest{Paths: []string{"/a**"}}, "paths[0]"},
		{"space", intake.InvalidationRequest{Paths: []string{"/a b"}}, "paths[0]"},
		{"control character", intake.InvalidationRequest{Paths: []string{"/a\nb"}}, "paths[0]"},
		{"too long", intake.InvalidationRequest{Paths: []string{"/" + strings.Repeat("a", intake.MaxInvalidationPathLength)}}, "paths[0]"},
		{"duplicate", intake.InvalidationRequest{Paths: []string{"/a", "/a"}}, "paths[1]"},
		{"caller reference with space", intake.InvalidationRequest{Paths: []string{"/*"}, CallerReference: "a b"}, "callerReference"},
		{"caller reference too long", intake.InvalidationRequest{Paths: []string{"/*"}, CallerReference: strings.Repeat("r", 129)}, "callerReference"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.req.Validate()
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			var ve *domain.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Fields[0].Field, ve.Error())
		})
	}
}

func TestInvalidateRefusals(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	ctx := context.Background()
	acc, err := h.dists().Create(ctx, dev, createRequest(), "")
	require.NoError(t, err)
	req := intake.InvalidationRequest{Paths: []string{"/*"}}
	_, err = h.dists().Invalidate(ctx, dev, acc.Resource.ID, req, "")
	require.ErrorIs(t, err, domain.ErrConflict, "not in CloudFront yet")
	_, err = h.dists().Invalidate(ctx, dev, "dist-missing", req, "")
	require.ErrorIs(t, err, domain.ErrNotFound)
	_, err = h.dists().Invalidate(ctx, dev, acc.Resource.ID, intake.InvalidationRequest{Paths: []string{"x"}}, "")
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
}

func TestInvalidateCallerReferenceIsIdempotentPerDistribution(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	req := intake.InvalidationRequest{Paths: []string{"/a", "/b/*"}, CallerReference: "release-7"}
	first, err := h.dists().Invalidate(ctx, dev, d.ID, req, "")
	require.NoError(t, err)
	assert.False(t, first.Replayed)
	again, err := h.dists().Invalidate(ctx, mutAdmin, d.ID, req, "")
	require.NoError(t, err)
	assert.True(t, again.Replayed)
	assert.Equal(t, first.Operation.ID, again.Operation.ID)
	assert.Equal(t, "release-7", again.CallerReference)

	_, err = h.dists().Invalidate(ctx, dev, d.ID, intake.InvalidationRequest{Paths: []string{"/c"}, CallerReference: "release-7"}, "")
	require.ErrorIs(t, err, domain.ErrConflict, "same reference, other paths")

	op := h.converge(t, first.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Equal(t, 1, h.cdn.count("CreateInvalidation"))
}
