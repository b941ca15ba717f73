package cloudfront

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// toSDKConfig translates the domain's DistributionConfig into the SDK's, field by field.
// Nil stays nil, empty lists stay empty lists; every Quantity is len(Items) (CloudFront rejects
// a mismatch), so a well-formed config survives the round trip through fromSDKConfig unchanged.
// Optional strings: "" is sent as absent. Required members (Comment, S3 OriginAccessIdentity,
// ports, Logging fields, IncludeBody) are always sent.
func toSDKConfig(c domain.DistributionConfig) *types.DistributionConfig {
	return &types.DistributionConfig{
		CallerReference:      aws.String(c.CallerReference),
		Comment:              aws.String(c.Comment),
		Enabled:              c.Enabled,
		Aliases:              toSDKAliases(c.Aliases),
		DefaultRootObject:    optString(c.DefaultRootObject),
		Origins:              toSDKOrigins(c.Origins),
		DefaultCacheBehavior: toSDKCacheBehavior(c.DefaultCacheBehavior),
		ViewerCertificate:    toSDKViewerCertificate(c.ViewerCertificate),
		HttpVersion:          types.HttpVersion(c.HttpVersion),
		IsIPV6Enabled:        c.IsIPV6Enabled,
		PriceClass:           types.PriceClass(c.PriceClass),
		Logging:              toSDKLogging(c.Logging),
		WebACLId:             optString(c.WebACLId),
		CustomErrorResponses: toSDKErrorResponses(c.CustomErrorResponses),
		CacheBehaviors:       toSDKCacheBehaviors(c.CacheBehaviors), // config_sites_sdk.go
		OriginGroups:         toSDKOriginGroups(c.OriginGroups),
		Restrictions:         toSDKRestrictions(c.Restrictions),
	}
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func optInt32(n int) *int32 {
	if n == 0 {
		return nil
	}
	return aws.Int32(int32(n)) //nolint:gosec // CloudFront's small integers
}

func quantity[T any](items []T) *int32 { return aws.Int32(int32(len(items))) } //nolint:gosec // lists are short

func toSDKAliases(l *domain.StringList) *types.Aliases {
	if l == nil {
		return nil
	}
	return &types.Aliases{Quantity: quantity(l.Items), Items: l.Items}
}

func toSDKOrigins(o *domain.Origins) *types.Origins {
	if o == nil {
		return nil
	}
	items := mapSlice(o.Items, toSDKOrigin)
	return &types.Origins{Quantity: quantity(items), Items: items}
}

func toSDKOrigin(o domain.Origin) types.Origin {
	out := types.Origin{
		Id:                    aws.String(o.Id),
		DomainName:            aws.String(o.DomainName),
		OriginPath:            optString(o.OriginPath),
		OriginAccessControlId: optString(o.OriginAccessControlId),
		ConnectionAttempts:    optInt32(o.ConnectionAttempts),
		ConnectionTimeout:     optInt32(o.ConnectionTimeout),
		CustomHeaders:         toSDKCustomHeaders(o.CustomHeaders), // config_sites_sdk.go
	}
	if o.S3OriginConfig != nil {
		out.S3OriginConfig = &types.S3OriginConfig{OriginAccessIdentity: aws.String(o.S3OriginConfig.OriginAccessIdentity)}
	}
	if c := o.CustomOriginConfig; c != nil {
		out.CustomOriginConfig = &types.CustomOriginConfig{
			HTTPPort:               aws.Int32(int32(c.HTTPPort)),  //nolint:gosec // a port
			HTTPSPort:              aws.Int32(int32(c.HTTPSPort)), //nolint:gosec // a port
			OriginProtocolPolicy:   types.OriginProtocolPolicy(c.OriginProtocolPolicy),
			OriginReadTimeout:      optInt32(c.OriginReadTimeout),
			OriginKeepaliveTimeout: optInt32(c.OriginKeepaliveTimeout),
		}
		if p := c.OriginSslProtocols; p != nil {
			ps := mapSlice(p.Items, func(s string) types.SslProtocol { return types.SslProtocol(s) })
			out.CustomOriginConfig.OriginSslProtocols = &types.OriginSslProtocols{Quantity: quantity(ps), Items: ps}
		}
	}
	return out
}

func toSDKCacheBehavior(b *domain.CacheBehavior) *types.DefaultCacheBehavior {
	if b == nil {
		return nil
	}
	out := &types.DefaultCacheBehavior{
		TargetOriginId:          aws.String(b.TargetOriginId),
		ViewerProtocolPolicy:    types.ViewerProtocolPolicy(b.ViewerProtocolPolicy),
		Compress:                b.Compress,
		CachePolicyId:           optString(b.CachePolicyId),
		OriginRequestPolicyId:   optString(b.OriginRequestPolicyId),
		ResponseHeadersPolicyId: optString(b.ResponseHeadersPolicyId),
	}
	if m := b.AllowedMethods; m != nil {
		out.AllowedMethods = &types.AllowedMethods{Quantity: quantity(m.Items), Items: toMethods(m.Items)}
		if m.CachedMethods != nil {
			out.AllowedMethods.CachedMethods = &types.CachedMethods{
				Quantity: quantity(m.CachedMethods.Items),
				Items:    toMethods(m.CachedMethods.Items),
			}
		}
	}
	if f := b.FunctionAssociations; f != nil {
		items := mapSlice(f.Items, func(it domain.FunctionAssociation) types.FunctionAssociation {
			return types.FunctionAssociation{FunctionARN: aws.String(it.FunctionARN), EventType: types.EventType(it.EventType)}
		})
		out.FunctionAssociations = &types.FunctionAssociations{Quantity: quantity(items), Items: items}
	}
	if l := b.LambdaFunctionAssociations; l != nil {
		items := mapSlice(l.Items, func(it domain.LambdaFunctionAssociation) types.LambdaFunctionAssociation {
			return types.LambdaFunctionAssociation{
				LambdaFunctionARN: aws.String(it.LambdaFunctionARN),
				EventType:         types.EventType(it.EventType),
				IncludeBody:       aws.Bool(it.IncludeBody),
			}
		})
		out.LambdaFunctionAssociations = &types.LambdaFunctionAssociations{Quantity: quantity(items), Items: items}
	}
	return out
}

func toMethods(items []string) []types.Method {
	return mapSlice(items, func(s string) types.Method { return types.Method(s) })
}

// mapSlice maps a list, keeping nil apart from empty (both directions of the translation do).
func mapSlice[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}

func toSDKViewerCertificate(v *domain.ViewerCertificate) *types.ViewerCertificate {
	if v == nil {
		return nil
	}
	return &types.ViewerCertificate{
		CloudFrontDefaultCertificate: v.CloudFrontDefaultCertificate,
		ACMCertificateArn:            optString(v.ACMCertificateArn),
		SSLSupportMethod:             types.SSLSupportMethod(v.SSLSupportMethod),
		MinimumProtocolVersion:       types.MinimumProtocolVersion(v.MinimumProtocolVersion),
	}
}

func toSDKLogging(l *domain.LoggingConfig) *types.LoggingConfig {
	if l == nil {
		return nil
	}
	return &types.LoggingConfig{
		Enabled:        aws.Bool(l.Enabled),
		IncludeCookies: aws.Bool(l.IncludeCookies),
		Bucket:         aws.String(l.Bucket),
		Prefix:         aws.String(l.Prefix),
	}
}

func toSDKErrorResponses(r *domain.CustomErrorResponses) *types.CustomErrorResponses {
	if r == nil {
		return nil
	}
	items := mapSlice(r.Items, func(it domain.CustomErrorResponse) types.CustomErrorResponse {
		return types.CustomErrorResponse{
			ErrorCode:          aws.Int32(int32(it.ErrorCode)), //nolint:gosec // an HTTP status
			ResponsePagePath:   optString(it.ResponsePagePath),
			ResponseCode:       optString(it.ResponseCode),
			ErrorCachingMinTTL: aws.Int64(it.ErrorCachingMinTTL),
		}
	})
	return &types.CustomErrorResponses{Quantity: quantity(items), Items: items}
}
