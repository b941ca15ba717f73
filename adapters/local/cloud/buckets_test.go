package cloud_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestBucketOwnershipAndRegion(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	require.NoError(t, c.AddForeignBucket("taken-name", "us-east-1"))
	err := c.CreateBucket(ctx, "taken-name", "us-east-1")
	assert.ErrorIs(t, err, domain.ErrConflict)
	assert.True(t, domain.IsPermanent(err), "BucketAlreadyExists is permanent")

	require.NoError(t, c.CreateBucket(ctx, "mine", "eu-west-1"))
	assert.True(t, domain.IsPermanent(c.CreateBucket(ctx, "mine", "ap-south-1")), "names are global")
	_, err = c.IsEmpty(ctx, "mine", "ap-south-1")
	assert.ErrorContains(t, err, "PermanentRedirect")
	assert.True(t, domain.IsPermanent(c.CreateBucket(ctx, "ok-name", "not a region")))
}

func TestBucketSettingsAreStoredAndChecked(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	require.NoError(t, c.CreateBucket(ctx, "site", "eu-west-1"))
	s := domain.BucketSettings{Website: &domain.WebsiteHosting{Enabled: true, IndexDocument: "index.html"}}
	require.NoError(t, c.ConfigureBucket(ctx, "site", "eu-west-1", s))
	got, err := c.BucketSettings("site")
	require.NoError(t, err)
	assert.Equal(t, s, got)
	for name, bad := range map[string]domain.BucketSettings{
		"website without index": {Website: &domain.WebsiteHosting{Enabled: true}},
		"CORS bad method":       {CORS: &domain.CORSConfiguration{Enabled: true, AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}}},
	} {
		assert.True(t, domain.IsPermanent(c.ConfigureBucket(ctx, "site", "eu-west-1", bad)), name)
	}
}

func TestPolicyMergeEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		stored string // policy before ("" = none)
		st     domain.PolicyStatement
		want   string // policy after ("" = none)
	}{
		{"keeps Id and single-object Statement",
			`{"Version":"2012-10-17","Id":"P1","Statement":{"Sid":"Theirs","Effect":"Deny"}}`,
			domain.PolicyStatement{Sid: "Mine", JSON: []byte(`{ "Sid": "Mine", "Effect": "Allow" }`)},
			`{"Version":"2012-10-17","Id":"P1","Statement":[{"Sid":"Theirs","Effect":"Deny"},{"Sid":"Mine","Effect":"Allow"}]}`},
		{"replaces in place",
			`{"Version":"2012-10-17","Statement":[{"Sid":"Mine","Effect":"Deny"},{"Sid":"Theirs","Effect":"Deny"}]}`,
			domain.PolicyStatement{Sid: "Mine", JSON: []byte(`{"Sid":"Mine","Effect":"Allow"}`)},
			`{"Version":"2012-10-17","Statement":[{"Sid":"Mine","Effect":"Allow"},{"Sid":"Theirs","Effect":"Deny"}]}`},
		{"removing an absent statement changes nothing",
			`{"Version":"2012-10-17","Statement":[{"Sid":"Theirs","Effect":"Deny"}]}`,
			domain.PolicyStatement{Sid: "Mine"},
			`{"Version":"2012-10-17","Statement":[{"Sid":"Theirs","Effect":"Deny"}]}`},
		{"removing from no policy is fine", "", domain.PolicyStatement{Sid: "Mine"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fast(t)
			ctx := t.Context()
			require.NoError(t, c.CreateBucket(ctx, "b-policy", "eu-west-1"))
			if tt.stored != "" {
				require.NoError(t, c.SetPolicy("b-policy", []byte(tt.stored)))
			}
			require.NoError(t, c.MergePolicyStatement(ctx, "b-policy", "eu-west-1", tt.st))
			got, err := c.GetPolicy(ctx, "b-policy", "eu-west-1")
			if tt.want == "" {
				assert.ErrorIs(t, err, domain.ErrNotFound)
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
		})
	}
}

func TestPolicyStatementMustBeWellFormed(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	require.NoError(t, c.CreateBucket(ctx, "b-bad", "eu-west-1"))
	for name, st := range map[string]domain.PolicyStatement{
		"no Sid":       {JSON: []byte(`{"Effect":"Allow"}`)},
		"Sid mismatch": {Sid: "A", JSON: []byte(`{"Sid":"B"}`)},
		"not JSON":     {Sid: "A", JSON: []byte(`nope`)},
		"an array":     {Sid: "A", JSON: []byte(`[{"Sid":"A"}]`)},
	} {
		assert.True(t, domain.IsPermanent(c.MergePolicyStatement(ctx, "b-bad", "eu-west-1", st)), name)
	}
}
