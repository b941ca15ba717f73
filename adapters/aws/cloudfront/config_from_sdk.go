package cloudfront

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// fromSDKConfig translates the SDK's DistributionConfig into the domain's (the inverse of
// toSDKConfig). Members the domain does not model (legacy TTLs, forwarded values, trusted
// signers…) are not carried: the product owns the whole config.
func fromSDKConfig(c *types.DistributionConfig) domain.DistributionConfig {
	if c == nil {
		return domain.DistributionConfig{}
	}
	return domain.DistributionConfig{
		CallerReference:      aws.ToString(c.CallerReference),
		Comment:              aws.ToString(c.Comment),
		Enabled:              c.Enabled,
		Aliases:              fromSDKAliases(c.Aliases),
		DefaultRootObject:    aws.ToString(c.DefaultRootObject),
		Origins:              fromSDKOrigins(c.Origins),
		DefaultCacheBehavior: fromSDKCacheBehavior(c.DefaultCacheBehavior),
		ViewerCertificate:    fromSDKViewerCertificate(c.ViewerCertificate),
		HttpVersion:          string(c.HttpVersion),
		IsIPV6Enabled:        c.IsIPV6Enabled,
		PriceClass:           string(c.PriceClass),
		Logging:              fromSDKLogging(c.Logging),
		WebACLId:             aws.ToString(c.WebACLId),
		CustomErrorResponses: fromSDKErrorResponses(c.CustomErrorResponses),
		CacheBehaviors:       fromSDKCacheBehaviors(c.CacheBehaviors), // config_sites_sdk.go
		OriginGroups:         fromSDKOriginGroups(c.OriginGroups),
		Restrictions:         fromSDKRestrictions(c.Restrictions),
	}
}

func fromSDKAliases(a *types.Aliases) *domain.StringList {
	if a == nil {
		return nil
	}
	return &domain.StringList{Quantity: len(a.Items), Items: a.Items}
}

func fromSDKOrigins(o *types.Origins) *domain.Origins {
	if o == nil {
		return nil
	}
	items := mapSlice(o.Items, fromSDKOrigin)
	return &domain.Origins{Quantity: len(items), Items: items}
}

func fromSDKOrigin(o types.Origin) domain.Origin {
	out := domain.Origin{
		Id:                    aws.ToString(o.Id),
		DomainName:            aws.ToString(o.DomainName),
		OriginPath:            aws.ToString(o.OriginPath),
		OriginAccessControlId: aws.ToString(o.OriginAccessControlId),
		ConnectionAttempts:    int(aws.ToInt32(o.ConnectionAttempts)),
		ConnectionTimeout:     int(aws.ToInt32(o.ConnectionTimeout)),
		CustomHeaders:         fromSDKCustomHeaders(o.CustomHeaders), // config_sites_sdk.go
	}
	if o.S3OriginConfig != nil {
		out.S3OriginConfig = &domain.S3OriginConfig{OriginAccessIdentity: aws.ToString(o.S3OriginConfig.OriginAccessIdentity)}
	}
	if c := o.CustomOriginConfig; c != nil {
		out.CustomOriginConfig = &domain.CustomOriginConfig{
			HTTPPort:               int(aws.ToInt32(c.HTTPPort)),
			HTTPSPort:              int(aws.ToInt32(c.HTTPSPort)),
			OriginProtocolPolicy:   string(c.OriginProtocolPolicy),
			OriginReadTimeout:      int(aws.ToInt32(c.OriginReadTimeout)),
			OriginKeepaliveTimeout: int(aws.ToInt32(c.OriginKeepaliveTimeout)),
		}
		if p := c.OriginSslProtocols; p != nil {
			ps := mapSlice(p.Items, func(s types.SslProtocol) string { return string(s) })
			out.CustomOriginConfig.OriginSslProtocols = &domain.StringList{Quantity: len(ps), Items: ps}
		}
	}
	return out
}

func fromSDKCacheBehavior(b *types.DefaultCacheBehavior) *domain.CacheBehavior {
	if b == nil {
		return nil
	}
	out := &domain.CacheBehavior{
		TargetOriginId:          aws.ToString(b.TargetOriginId),
		ViewerProtocolPolicy:    string(b.ViewerProtocolPolicy),
		Compress:                b.Compress,
		CachePolicyId:           aws.ToString(b.CachePolicyId),
		OriginRequestPolicyId:   aws.ToString(b.OriginRequestPolicyId),
		ResponseHeadersPolicyId: aws.ToString(b.ResponseHeadersPolicyId),
	}
	if m := b.AllowedMethods; m != nil {
		out.AllowedMethods = &domain.AllowedMethods{Quantity: len(m.Items), Items: fromMethods(m.Items)}
		if m.CachedMethods != nil {
			items := fromMethods(m.CachedMethods.Items)
			out.AllowedMethods.CachedMethods = &domain.StringList{Quantity: len(items), Items: items}
		}
	}
	if f := b.FunctionAssociations; f != nil {
		items := mapSlice(f.Items, func(it types.FunctionAssociation) domain.FunctionAssociation {
			return domain.FunctionAssociation{FunctionARN: aws.ToString(it.FunctionARN), EventType: string(it.EventType)}
		})
		out.FunctionAssociations = &domain.FunctionAssociations{Quantity: len(items), Items: items}
	}
	if l := b.LambdaFunctionAssociations; l != nil {
		items := mapSlice(l.Items, func(it types.LambdaFunctionAssociation) domain.LambdaFunctionAssociation {
			return domain.LambdaFunctionAssociation{
				LambdaFunctionARN: aws.ToString(it.LambdaFunctionARN),
				EventType:         string(it.EventType),
				IncludeBody:       aws.ToBool(it.IncludeBody),
			}
		})
		out.LambdaFunctionAssociations = &domain.LambdaFunctionAssociations{Quantity: len(items), Items: items}
	}
	return out
}

func fromMethods(items []types.Method) []string {
	return mapSlice(items, func(m types.Method) string { return string(m) })
}

func fromSDKViewerCertificate(v *types.ViewerCertificate) *domain.ViewerCertificate {
	if v == nil {
		return nil
	}
	return &domain.ViewerCertificate{
		CloudFrontDefaultCertificate: v.CloudFrontDefaultCertificate,
		ACMCertificateArn:            aws.ToString(v.ACMCertificateArn),
		SSLSupportMethod:             string(v.SSLSupportMethod),
		MinimumProtocolVersion:       string(v.MinimumProtocolVersion),
	}
}

func fromSDKLogging(l *types.LoggingConfig) *domain.LoggingConfig {
	if l == nil {
		return nil
	}
	return &domain.LoggingConfig{
		Enabled:        aws.ToBool(l.Enabled),
		IncludeCookies: aws.ToBool(l.IncludeCookies),
		Bucket:         aws.ToString(l.Bucket),
		Prefix:         aws.ToString(l.Prefix),
	}
}

func fromSDKErrorResponses(r *types.CustomErrorResponses) *domain.CustomErrorResponses {
	if r == nil {
		return nil
	}
	items := mapSlice(r.Items, func(it types.CustomErrorResponse) domain.CustomErrorResponse {
		return domain.CustomErrorResponse{
			ErrorCode:          int(aws.ToInt32(it.ErrorCode)),
			ResponsePagePath:   aws.ToString(it.ResponsePagePath),
			ResponseCode:       aws.ToString(it.ResponseCode),
			ErrorCachingMinTTL: aws.ToInt64(it.ErrorCachingMinTTL),
		}
	})
	return &domain.CustomErrorResponses{Quantity: len(items), Items: items}
}
