package cloudfront

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

type responseHeadersPoliciesAPI interface {
	ListResponseHeadersPolicies(ctx context.Context, in *sdk.ListResponseHeadersPoliciesInput, optFns ...func(*sdk.Options)) (*sdk.ListResponseHeadersPoliciesOutput, error)
	CreateResponseHeadersPolicy(ctx context.Context, in *sdk.CreateResponseHeadersPolicyInput, optFns ...func(*sdk.Options)) (*sdk.CreateResponseHeadersPolicyOutput, error)
	GetResponseHeadersPolicy(ctx context.Context, in *sdk.GetResponseHeadersPolicyInput, optFns ...func(*sdk.Options)) (*sdk.GetResponseHeadersPolicyOutput, error)
	DeleteResponseHeadersPolicy(ctx context.Context, in *sdk.DeleteResponseHeadersPolicyInput, optFns ...func(*sdk.Options)) (*sdk.DeleteResponseHeadersPolicyOutput, error)
}

// EnsureResponseHeadersPolicy returns the id of the custom policy named spec.Name, creating it
// when missing. The name is derived from the content (domain.ResponseHeadersSpecs), so a found
// policy is the one wanted; a lost race with another creator finds it again.
func (c *Client) EnsureResponseHeadersPolicy(ctx context.Context, spec domain.ResponseHeadersPolicySpec) (string, error) {
	if found, err := c.findResponseHeadersPolicy(ctx, spec.Name); err != nil || found != "" {
		return found, err
	}
	out, err := c.rhp.CreateResponseHeadersPolicy(ctx, &sdk.CreateResponseHeadersPolicyInput{ResponseHeadersPolicyConfig: responseHeadersPolicyConfig(spec)})
	if err == nil {
		return aws.ToString(out.ResponseHeadersPolicy.Id), nil
	}
	err = classify(err, "create response headers policy %s", spec.Name)
	if !errors.Is(err, domain.ErrAlreadyExists) {
		return "", err
	}
	found, ferr := c.findResponseHeadersPolicy(ctx, spec.Name)
	if ferr != nil || found == "" {
		return "", errors.Join(err, ferr, fmt.Errorf("response headers policy %s reported existing but not listed", spec.Name))
	}
	return found, nil
}

// DeleteResponseHeadersPolicy deletes the custom policy named name (ErrNotFound when there is
// none, ErrConflict while a distribution uses it: ResponseHeadersPolicyInUse).
func (c *Client) DeleteResponseHeadersPolicy(ctx context.Context, name string) error {
	id, err := c.findResponseHeadersPolicy(ctx, name)
	if err != nil {
		return err
	}
	if id == "" {
		return fmt.Errorf("response headers policy %s: %w", name, domain.ErrNotFound)
	}
	cur, err := c.rhp.GetResponseHeadersPolicy(ctx, &sdk.GetResponseHeadersPolicyInput{Id: aws.String(id)})
	if err != nil {
		return goneIsNotFound(err, "get response headers policy %s", id)
	}
	_, err = c.rhp.DeleteResponseHeadersPolicy(ctx, &sdk.DeleteResponseHeadersPolicyInput{Id: aws.String(id), IfMatch: cur.ETag})
	return goneIsNotFound(err, "delete response headers policy %s", name)
}

// goneIsNotFound classifies err, with NoSuchResponseHeadersPolicy as ErrNotFound: deleted by
// someone else between the list and this call. (Elsewhere, a distribution naming a missing
// policy, the same code is a permanent refusal.)
func goneIsNotFound(err error, format string, args ...any) error {
	if awserr.Code(err) == "NoSuchResponseHeadersPolicy" {
		return fmt.Errorf(format+": %w", append(args, domain.ErrNotFound)...)
	}
	return classify(err, format, args...)
}

func (c *Client) findResponseHeadersPolicy(ctx context.Context, name string) (string, error) {
	var marker *string
	for {
		out, err := c.rhp.ListResponseHeadersPolicies(ctx, &sdk.ListResponseHeadersPoliciesInput{
			Type: types.ResponseHeadersPolicyTypeCustom, Marker: marker})
		if err != nil {
			return "", classify(err, "list response headers policies")
		}
		l := out.ResponseHeadersPolicyList
		if l == nil {
			return "", nil
		}
		for _, s := range l.Items {
			if p := s.ResponseHeadersPolicy; p != nil && p.ResponseHeadersPolicyConfig != nil &&
				aws.ToString(p.ResponseHeadersPolicyConfig.Name) == name {
				return aws.ToString(p.Id), nil
			}
		}
		if aws.ToString(l.NextMarker) == "" {
			return "", nil
		}
		marker = l.NextMarker
	}
}

// responseHeadersPolicyConfig translates a spec: the security preset (every header overrides
// the origin's), the CORS preset (OriginOverride on) and custom headers.
func responseHeadersPolicyConfig(s domain.ResponseHeadersPolicySpec) *types.ResponseHeadersPolicyConfig {
	cfg := &types.ResponseHeadersPolicyConfig{Name: aws.String(s.Name),
		Comment: aws.String("Managed by CloudFront Manager: " + s.Comment)}
	if sec := s.Security; sec != nil {
		cfg.SecurityHeadersConfig = &types.ResponseHeadersPolicySecurityHeadersConfig{
			StrictTransportSecurity: &types.ResponseHeadersPolicyStrictTransportSecurity{
				AccessControlMaxAgeSec: aws.Int32(int32(sec.HSTSMaxAgeSeconds)), Override: aws.Bool(true), //nolint:gosec // bounded by the policy
				IncludeSubdomains: aws.Bool(sec.HSTSIncludeSubdomains), Preload: aws.Bool(sec.HSTSPreload)},
			ContentSecurityPolicy: &types.ResponseHeadersPolicyContentSecurityPolicy{
				ContentSecurityPolicy: aws.String(sec.ContentSecurityPolicy), Override: aws.Bool(true)},
			ContentTypeOptions: &types.ResponseHeadersPolicyContentTypeOptions{Override: aws.Bool(true)},
			FrameOptions: &types.ResponseHeadersPolicyFrameOptions{
				FrameOption: types.FrameOptionsList(sec.FrameOption), Override: aws.Bool(true)},
			ReferrerPolicy: &types.ResponseHeadersPolicyReferrerPolicy{
				ReferrerPolicy: types.ReferrerPolicyList(sec.ReferrerPolicy), Override: aws.Bool(true)},
		}
	}
	if cors := s.CORS; cors != nil {
		methods := make([]types.ResponseHeadersPolicyAccessControlAllowMethodsValues, 0, len(cors.AllowMethods))
		for _, m := range cors.AllowMethods {
			methods = append(methods, types.ResponseHeadersPolicyAccessControlAllowMethodsValues(m))
		}
		cfg.CorsConfig = &types.ResponseHeadersPolicyCorsConfig{
			AccessControlAllowCredentials: aws.Bool(cors.AllowCredentials),
			AccessControlAllowHeaders:     &types.ResponseHeadersPolicyAccessControlAllowHeaders{Items: cors.AllowHeaders, Quantity: quantity(cors.AllowHeaders)},
			AccessControlAllowMethods:     &types.ResponseHeadersPolicyAccessControlAllowMethods{Items: methods, Quantity: quantity(methods)},
			AccessControlAllowOrigins:     &types.ResponseHeadersPolicyAccessControlAllowOrigins{Items: cors.AllowOrigins, Quantity: quantity(cors.AllowOrigins)},
			AccessControlMaxAgeSec:        aws.Int32(int32(cors.MaxAgeSeconds)), //nolint:gosec // bounded by the planner
			OriginOverride:                aws.Bool(true),
		}
		if len(cors.ExposeHeaders) > 0 {
			cfg.CorsConfig.AccessControlExposeHeaders = &types.ResponseHeadersPolicyAccessControlExposeHeaders{Items: cors.ExposeHeaders, Quantity: quantity(cors.ExposeHeaders)}
		}
	}
	if len(s.Headers) > 0 {
		items := make([]types.ResponseHeadersPolicyCustomHeader, 0, len(s.Headers))
		for _, h := range s.Headers {
			items = append(items, types.ResponseHeadersPolicyCustomHeader{Header: aws.String(h.Header), Value: aws.String(h.Value), Override: aws.Bool(h.Override)})
		}
		cfg.CustomHeadersConfig = &types.ResponseHeadersPolicyCustomHeadersConfig{Items: items, Quantity: quantity(items)}
	}
	return cfg
}
