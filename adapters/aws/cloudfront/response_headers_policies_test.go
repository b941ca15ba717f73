package cloudfront

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// rhpFake is CloudFront's response headers policy API (moto 5.2.5 has none): custom policies
// listed one per page, IfMatch checked, a policy in use refused.
type rhpFake struct {
	sdkAPI
	calls    []string
	policies []types.ResponseHeadersPolicy
	inUse    map[string]bool
	race     bool // the next create loses to another creator
}

func (f *rhpFake) ListResponseHeadersPolicies(_ context.Context, in *sdk.ListResponseHeadersPoliciesInput, _ ...func(*sdk.Options)) (*sdk.ListResponseHeadersPoliciesOutput, error) {
	f.calls = append(f.calls, "List")
	if in.Type != types.ResponseHeadersPolicyTypeCustom {
		return nil, fmt.Errorf("fake: expected Type=custom, got %q", in.Type)
	}
	start := 0
	if in.Marker != nil {
		_, _ = fmt.Sscanf(*in.Marker, "%d", &start)
	}
	l := &types.ResponseHeadersPolicyList{}
	if start < len(f.policies) {
		l.Items = []types.ResponseHeadersPolicySummary{{Type: types.ResponseHeadersPolicyTypeCustom, ResponseHeadersPolicy: &f.policies[start]}}
		if start+1 < len(f.policies) {
			l.NextMarker = aws.String(fmt.Sprint(start + 1))
		}
	}
	return &sdk.ListResponseHeadersPoliciesOutput{ResponseHeadersPolicyList: l}, nil
}

func (f *rhpFake) CreateResponseHeadersPolicy(_ context.Context, in *sdk.CreateResponseHeadersPolicyInput, _ ...func(*sdk.Options)) (*sdk.CreateResponseHeadersPolicyOutput, error) {
	f.calls = append(f.calls, "Create")
	p := types.ResponseHeadersPolicy{Id: aws.String(fmt.Sprintf("00000000-0000-4000-8000-%012d", len(f.policies)+1)), ResponseHeadersPolicyConfig: in.ResponseHeadersPolicyConfig}
	f.policies = append(f.policies, p)
	if f.race {
		f.race = false
		return nil, &smithy.GenericAPIError{Code: "ResponseHeadersPolicyAlreadyExists", Message: "A response headers policy with this name already exists."}
	}
	return &sdk.CreateResponseHeadersPolicyOutput{ResponseHeadersPolicy: &p, ETag: aws.String("E1")}, nil
}

func (f *rhpFake) GetResponseHeadersPolicy(_ context.Context, in *sdk.GetResponseHeadersPolicyInput, _ ...func(*sdk.Options)) (*sdk.GetResponseHeadersPolicyOutput, error) {
	f.calls = append(f.calls, "Get")
	for i := range f.policies {
		if aws.ToString(f.policies[i].Id) == aws.ToString(in.Id) {
			return &sdk.GetResponseHeadersPolicyOutput{ResponseHeadersPolicy: &f.policies[i], ETag: aws.String("E1")}, nil
		}
	}
	return nil, &smithy.GenericAPIError{Code: "NoSuchResponseHeadersPolicy"}
}

func (f *rhpFake) DeleteResponseHeadersPolicy(_ context.Context, in *sdk.DeleteResponseHeadersPolicyInput, _ ...func(*sdk.Options)) (*sdk.DeleteResponseHeadersPolicyOutput, error) {
	f.calls = append(f.calls, "Delete")
	if aws.ToString(in.IfMatch) != "E1" {
		return nil, &smithy.GenericAPIError{Code: "PreconditionFailed"}
	}
	if f.inUse[aws.ToString(in.Id)] {
		return nil, &smithy.GenericAPIError{Code: "ResponseHeadersPolicyInUse"}
	}
	for i := range f.policies {
		if aws.ToString(f.policies[i].Id) == aws.ToString(in.Id) {
			f.policies = append(f.policies[:i], f.policies[i+1:]...)
			return &sdk.DeleteResponseHeadersPolicyOutput{}, nil
		}
	}
	return nil, &smithy.GenericAPIError{Code: "NoSuchResponseHeadersPolicy"}
}

func testSpec(name string) domain.ResponseHeadersPolicySpec {
	sec := domain.DefaultResponseHeadersRules().SecurityHeaders
	return domain.ResponseHeadersPolicySpec{Name: name, Comment: "test", Security: &sec,
		CORS:    &domain.CORSPreset{AllowOrigins: []string{"https://app.example.com"}, AllowMethods: []string{"GET", "OPTIONS"}, AllowHeaders: []string{"*"}, MaxAgeSeconds: 600},
		Headers: []domain.ResponseHeader{{Header: "X-Robots-Tag", Value: "noindex", Override: true}}}
}

func TestEnsureResponseHeadersPolicyFindsByNameBeforeCreating(t *testing.T) {
	f := &rhpFake{inUse: map[string]bool{}}
	c := newClient(f)
	ctx := context.Background()
	other, err := c.EnsureResponseHeadersPolicy(ctx, testSpec("cfm-cors-other"))
	require.NoError(t, err)
	id, err := c.EnsureResponseHeadersPolicy(ctx, testSpec("cfm-cors-abc"))
	require.NoError(t, err)
	assert.NotEqual(t, other, id)
	f.calls = nil
	again, err := c.EnsureResponseHeadersPolicy(ctx, testSpec("cfm-cors-abc"))
	require.NoError(t, err)
	assert.Equal(t, id, again)
	assert.Equal(t, []string{"List", "List"}, f.calls, "found on the second page; nothing created")

	f.race = true
	raced, err := c.EnsureResponseHeadersPolicy(ctx, testSpec("cfm-custom-raced"))
	require.NoError(t, err, "a lost race finds the other creator's policy")
	assert.Equal(t, aws.ToString(f.policies[len(f.policies)-1].Id), raced)

	f.inUse[id] = true
	assert.ErrorIs(t, c.DeleteResponseHeadersPolicy(ctx, "cfm-cors-abc"), domain.ErrConflict, "ResponseHeadersPolicyInUse")
	f.inUse[id] = false
	require.NoError(t, c.DeleteResponseHeadersPolicy(ctx, "cfm-cors-abc"))
	assert.ErrorIs(t, c.DeleteResponseHeadersPolicy(ctx, "cfm-cors-abc"), domain.ErrNotFound)
}

func TestResponseHeadersPolicyConfigShape(t *testing.T) {
	cfg := responseHeadersPolicyConfig(testSpec("cfm-x"))
	assert.Equal(t, "cfm-x", aws.ToString(cfg.Name))
	s := cfg.SecurityHeadersConfig
	require.NotNil(t, s)
	assert.Equal(t, int32(63072000), aws.ToInt32(s.StrictTransportSecurity.AccessControlMaxAgeSec))
	assert.True(t, aws.ToBool(s.StrictTransportSecurity.IncludeSubdomains))
	assert.True(t, aws.ToBool(s.StrictTransportSecurity.Override))
	assert.Contains(t, aws.ToString(s.ContentSecurityPolicy.ContentSecurityPolicy), "default-src 'self'")
	assert.True(t, aws.ToBool(s.ContentTypeOptions.Override))
	assert.Equal(t, types.FrameOptionsListDeny, s.FrameOptions.FrameOption)
	assert.Equal(t, types.ReferrerPolicyListStrictOriginWhenCrossOrigin, s.ReferrerPolicy.ReferrerPolicy)
	cors := cfg.CorsConfig
	require.NotNil(t, cors)
	assert.Equal(t, []string{"https://app.example.com"}, cors.AccessControlAllowOrigins.Items)
	assert.Equal(t, int32(1), aws.ToInt32(cors.AccessControlAllowOrigins.Quantity))
	assert.Equal(t, []types.ResponseHeadersPolicyAccessControlAllowMethodsValues{"GET", "OPTIONS"}, cors.AccessControlAllowMethods.Items)
	assert.Equal(t, int32(600), aws.ToInt32(cors.AccessControlMaxAgeSec))
	assert.True(t, aws.ToBool(cors.OriginOverride))
	assert.Nil(t, cors.AccessControlExposeHeaders)
	require.NotNil(t, cfg.CustomHeadersConfig)
	assert.Equal(t, "X-Robots-Tag", aws.ToString(cfg.CustomHeadersConfig.Items[0].Header))
	assert.True(t, aws.ToBool(cfg.CustomHeadersConfig.Items[0].Override))
}
