package cloudfront

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// fullConfig sets every field of domain.DistributionConfig (checked by TestFullConfigIsFull),
// so the round trip below covers the whole struct, and a field added to the domain later
// fails here until the translation carries it.
func fullConfig() domain.DistributionConfig {
	return domain.DistributionConfig{
		CallerReference:   "op-01HZX",
		Comment:           "team-a site",
		Enabled:           domain.Bool(true),
		Aliases:           domain.NewStringList("www.example.com", "example.com"),
		DefaultRootObject: "index.html",
		Origins: &domain.Origins{Quantity: 2, Items: []domain.Origin{
			{
				Id:                    "s3-main",
				DomainName:            "bucket.s3.eu-central-1.amazonaws.com",
				OriginPath:            "/site",
				OriginAccessControlId: "E2OACID1234",
				S3OriginConfig:        &domain.S3OriginConfig{OriginAccessIdentity: "origin-access-identity/cloudfront/E1"},
				CustomOriginConfig: &domain.CustomOriginConfig{
					HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only",
					OriginSslProtocols: domain.NewStringList("TLSv1.2"),
					OriginReadTimeout:  45, OriginKeepaliveTimeout: 10,
				},
				ConnectionAttempts: 2,
				ConnectionTimeout:  7,
				CustomHeaders: &domain.CustomHeaders{Quantity: 1, Items: []domain.OriginCustomHeader{
					{HeaderName: "X-Origin-Verify", HeaderValue: "s3cr3t"}}},
			},
			{Id: "api", DomainName: "api.example.com", CustomOriginConfig: &domain.CustomOriginConfig{
				HTTPPort: 8080, HTTPSPort: 8443, OriginProtocolPolicy: "match-viewer",
			}},
		}},
		DefaultCacheBehavior: &domain.CacheBehavior{
			TargetOriginId:       "s3-main",
			ViewerProtocolPolicy: "redirect-to-https",
			AllowedMethods: &domain.AllowedMethods{
				Quantity: 3, Items: []string{"GET", "HEAD", "OPTIONS"},
				CachedMethods: domain.NewStringList("GET", "HEAD"),
			},
			Compress:                domain.Bool(false),
			CachePolicyId:           "658327ea-f89d-4fab-a63d-7e88639e58f6",
			OriginRequestPolicyId:   "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
			ResponseHeadersPolicyId: "67f7725c-6f97-4210-82d7-5512b31e9d03",
			FunctionAssociations: &domain.FunctionAssociations{Quantity: 1, Items: []domain.FunctionAssociation{
				{FunctionARN: "arn:aws:cloudfront::123456789012:function/route", EventType: "viewer-request"},
			}},
			LambdaFunctionAssociations: &domain.LambdaFunctionAssociations{Quantity: 2, Items: []domain.LambdaFunctionAssociation{
				{LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:edge:3", EventType: "origin-request", IncludeBody: true},
				{LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:edge2:1", EventType: "origin-response"},
			}},
		},
		ViewerCertificate: &domain.ViewerCertificate{
			CloudFrontDefaultCertificate: domain.Bool(false),
			ACMCertificateArn:            "arn:aws:acm:us-east-1:123456789012:certificate/abc",
			SSLSupportMethod:             "sni-only",
			MinimumProtocolVersion:       "TLSv1.2_2021",
		},
		HttpVersion:   "http2and3",
		IsIPV6Enabled: domain.Bool(false),
		PriceClass:    "PriceClass_100",
		Logging:       &domain.LoggingConfig{Enabled: true, IncludeCookies: true, Bucket: "logs.s3.amazonaws.com", Prefix: "cf/"},
		WebACLId:      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1",
		CustomErrorResponses: &domain.CustomErrorResponses{Quantity: 2, Items: []domain.CustomErrorResponse{
			{ErrorCode: 404, ResponsePagePath: "/404.html", ResponseCode: "404", ErrorCachingMinTTL: 30},
			{ErrorCode: 503},
		}},
		Restrictions: &domain.Restrictions{GeoRestriction: domain.GeoRestriction{RestrictionType: "whitelist", Quantity: 2, Items: []string{"AT", "DE"}}},
		OriginGroups: &domain.OriginGroups{Quantity: 1, Items: []domain.OriginGroup{{Id: "failover",
			FailoverCriteria: domain.OriginGroupFailoverCriteria{StatusCodes: domain.StatusCodes{Quantity: 2, Items: []int{500, 503}}},
			Members:          domain.OriginGroupMembers{Quantity: 2, Items: []domain.OriginGroupMember{{OriginId: "s3-main"}, {OriginId: "api"}}}}}},
		CacheBehaviors: &domain.CacheBehaviors{Quantity: 1, Items: []domain.PathCacheBehavior{{PathPattern: "/api/*",
			CacheBehavior: domain.CacheBehavior{
				TargetOriginId: "api", ViewerProtocolPolicy: "https-only",
				AllowedMethods: &domain.AllowedMethods{Quantity: 7, Items: []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"},
					CachedMethods: domain.NewStringList("GET", "HEAD")},
				Compress: domain.Bool(true), CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
				OriginRequestPolicyId: "216adef6-5c7f-47e4-b989-5492eafa07d3", ResponseHeadersPolicyId: "67f7725c-6f97-4210-82d7-5512b31e9d03",
				FunctionAssociations: &domain.FunctionAssociations{Quantity: 1, Items: []domain.FunctionAssociation{
					{FunctionARN: "arn:aws:cloudfront::123456789012:function/api", EventType: "viewer-request"}}},
				LambdaFunctionAssociations: &domain.LambdaFunctionAssociations{Quantity: 1, Items: []domain.LambdaFunctionAssociation{
					{LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:edge:3", EventType: "origin-request", IncludeBody: true}}},
			}}}},
	}
}

// productExtensions are the config's fields that are not CloudFront's: the worker resolves
// them before the config reaches the adapter (response headers definitions) or applies them
// with other calls (tags: TagResource/UntagResource), so the translation never carries them.
var productExtensions = map[string]bool{"DistributionConfig.ResponseHeadersPolicies": true, "DistributionConfig.Tags": true}

func TestFullConfigIsFull(t *testing.T) {
	assertAllFieldsSet(t, reflect.ValueOf(fullConfig()), "DistributionConfig")
}

// assertAllFieldsSet fails for every zero field reachable from v (through pointers, structs
// and the first element of slices).
func assertAllFieldsSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil", path)
			return
		}
		if v.Elem().Kind() == reflect.Bool {
			return // an optional boolean is set when non-nil; false is a value
		}
		assertAllFieldsSet(t, v.Elem(), path)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := path + "." + v.Type().Field(i).Name; !productExtensions[f] {
				assertAllFieldsSet(t, v.Field(i), f)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			t.Errorf("%s is empty", path)
			return
		}
		assertAllFieldsSet(t, v.Index(0), path+"[0]")
	default:
		if v.IsZero() {
			t.Errorf("%s is zero", path)
		}
	}
}

func TestConfigRoundTripIsLossless(t *testing.T) {
	cases := map[string]domain.DistributionConfig{
		"every field": fullConfig(),
		"zero":        {},
		"empty lists": {
			Aliases:              &domain.StringList{},
			Origins:              &domain.Origins{},
			CustomErrorResponses: &domain.CustomErrorResponses{},
			DefaultCacheBehavior: &domain.CacheBehavior{
				AllowedMethods:             &domain.AllowedMethods{Items: []string{}, CachedMethods: &domain.StringList{}},
				FunctionAssociations:       &domain.FunctionAssociations{},
				LambdaFunctionAssociations: &domain.LambdaFunctionAssociations{Items: []domain.LambdaFunctionAssociation{}},
			},
			Logging: &domain.LoggingConfig{},
		},
		"false and zero pointers": {
			Enabled:           domain.Bool(false),
			IsIPV6Enabled:     domain.Bool(false),
			ViewerCertificate: &domain.ViewerCertificate{CloudFrontDefaultCertificate: domain.Bool(true)},
		},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			back := fromSDKConfig(toSDKConfig(cfg))
			assert.Equal(t, cfg, back)
			// and the JSON the API stores is byte-identical
			a, err := json.Marshal(cfg)
			require.NoError(t, err)
			b, err := json.Marshal(back)
			require.NoError(t, err)
			assert.JSONEq(t, string(a), string(b))
		})
	}
}

func TestToSDKConfigShape(t *testing.T) {
	sdkCfg := toSDKConfig(fullConfig())

	// Quantity always equals len(Items), whatever the domain's Quantity says.
	bad := fullConfig()
	bad.Aliases.Quantity = 7
	assert.Equal(t, int32(2), aws.ToInt32(toSDKConfig(bad).Aliases.Quantity))

	assert.Equal(t, int32(2), aws.ToInt32(sdkCfg.Origins.Quantity))
	o := sdkCfg.Origins.Items[0]
	assert.Equal(t, "E2OACID1234", aws.ToString(o.OriginAccessControlId))
	assert.Equal(t, int32(2), aws.ToInt32(o.ConnectionAttempts))
	assert.Equal(t, []types.SslProtocol{types.SslProtocolTLSv12}, o.CustomOriginConfig.OriginSslProtocols.Items)
	// optional numbers left at zero are absent (CloudFront applies its defaults)
	assert.Nil(t, sdkCfg.Origins.Items[1].ConnectionAttempts)
	assert.Nil(t, sdkCfg.Origins.Items[1].OriginPath)
	// required members are sent even when empty
	s3 := toSDKConfig(domain.DistributionConfig{Origins: &domain.Origins{Items: []domain.Origin{{S3OriginConfig: &domain.S3OriginConfig{}}}}})
	require.NotNil(t, s3.Origins.Items[0].S3OriginConfig.OriginAccessIdentity)
	assert.Empty(t, aws.ToString(s3.Origins.Items[0].S3OriginConfig.OriginAccessIdentity))
	assert.NotNil(t, toSDKConfig(domain.DistributionConfig{}).Comment)

	b := sdkCfg.DefaultCacheBehavior
	assert.Equal(t, types.ViewerProtocolPolicyRedirectToHttps, b.ViewerProtocolPolicy)
	assert.Equal(t, []types.Method{"GET", "HEAD", "OPTIONS"}, b.AllowedMethods.Items)
	assert.Equal(t, int32(2), aws.ToInt32(b.AllowedMethods.CachedMethods.Quantity))
	assert.Equal(t, types.EventTypeViewerRequest, b.FunctionAssociations.Items[0].EventType)
	assert.False(t, aws.ToBool(b.LambdaFunctionAssociations.Items[1].IncludeBody))
	require.NotNil(t, b.LambdaFunctionAssociations.Items[1].IncludeBody)
	assert.Equal(t, types.MinimumProtocolVersionTLSv122021, sdkCfg.ViewerCertificate.MinimumProtocolVersion)
	assert.Equal(t, types.HttpVersionHttp2and3, sdkCfg.HttpVersion)
	assert.Equal(t, types.PriceClassPriceClass100, sdkCfg.PriceClass)
	// ErrorCachingMinTTL 0 is sent as 0, not left to CloudFront's default of 10 s
	assert.Equal(t, int64(0), aws.ToInt64(sdkCfg.CustomErrorResponses.Items[1].ErrorCachingMinTTL))
	require.NotNil(t, sdkCfg.CustomErrorResponses.Items[1].ErrorCachingMinTTL)
}
