package cloudfront

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// EnsureOriginRequestPolicy returns the id of the custom origin request policy called name that
// forwards exactly headers (whitelist; no cookies, no query strings), creating it when missing
// and updating its header list when it differs.
func (c *Client) EnsureOriginRequestPolicy(ctx context.Context, name string, headers []string) (string, error) {
	found, err := c.findOriginRequestPolicy(ctx, name)
	if err != nil {
		return "", err
	}
	want := originRequestPolicyConfig(name, headers)
	if found == nil {
		out, err := c.orp.CreateOriginRequestPolicy(ctx, &sdk.CreateOriginRequestPolicyInput{OriginRequestPolicyConfig: want})
		if err == nil {
			return aws.ToString(out.OriginRequestPolicy.Id), nil
		}
		err = classify(err, "create origin request policy %s", name)
		if !errors.Is(err, domain.ErrAlreadyExists) {
			return "", err
		}
		// Another worker created it between our list and create: use theirs.
		if found, err = c.findOriginRequestPolicy(ctx, name); err != nil || found == nil {
			return "", errors.Join(err, errors.New("origin request policy "+name+" reported existing but not listed"))
		}
	}
	id := aws.ToString(found.Id)
	if sameHeaders(found.OriginRequestPolicyConfig, headers) {
		return id, nil
	}
	cur, err := c.orp.GetOriginRequestPolicy(ctx, &sdk.GetOriginRequestPolicyInput{Id: aws.String(id)})
	if err != nil {
		return "", classify(err, "get origin request policy %s", id)
	}
	if _, err := c.orp.UpdateOriginRequestPolicy(ctx, &sdk.UpdateOriginRequestPolicyInput{
		Id: aws.String(id), IfMatch: cur.ETag, OriginRequestPolicyConfig: want,
	}); err != nil {
		return "", classify(err, "update origin request policy %s", id)
	}
	return id, nil
}

func originRequestPolicyConfig(name string, headers []string) *types.OriginRequestPolicyConfig {
	hc := &types.OriginRequestPolicyHeadersConfig{HeaderBehavior: types.OriginRequestPolicyHeaderBehaviorNone}
	if len(headers) > 0 {
		hc = &types.OriginRequestPolicyHeadersConfig{
			HeaderBehavior: types.OriginRequestPolicyHeaderBehaviorWhitelist,
			Headers:        &types.Headers{Quantity: quantity(headers), Items: headers},
		}
	}
	return &types.OriginRequestPolicyConfig{
		Name:          aws.String(name),
		Comment:       aws.String("Managed by CloudFront Manager: viewer location headers for edge routing"),
		HeadersConfig: hc,
		CookiesConfig: &types.OriginRequestPolicyCookiesConfig{CookieBehavior: types.OriginRequestPolicyCookieBehaviorNone},
		QueryStringsConfig: &types.OriginRequestPolicyQueryStringsConfig{
			QueryStringBehavior: types.OriginRequestPolicyQueryStringBehaviorNone,
		},
	}
}

// sameHeaders compares header names case-insensitively and in any order.
func sameHeaders(cfg *types.OriginRequestPolicyConfig, headers []string) bool {
	var have []string
	if cfg != nil && cfg.HeadersConfig != nil && cfg.HeadersConfig.Headers != nil {
		have = cfg.HeadersConfig.Headers.Items
	}
	norm := func(in []string) []string {
		out := make([]string, 0, len(in))
		for _, h := range in {
			out = append(out, strings.ToLower(h))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(have), norm(headers))
}

// findOriginRequestPolicy lists the account's custom policies and returns the one named name.
func (c *Client) findOriginRequestPolicy(ctx context.Context, name string) (*types.OriginRequestPolicy, error) {
	var marker *string
	for {
		out, err := c.orp.ListOriginRequestPolicies(ctx, &sdk.ListOriginRequestPoliciesInput{
			Type: types.OriginRequestPolicyTypeCustom, Marker: marker,
		})
		if err != nil {
			return nil, classify(err, "list origin request policies")
		}
		l := out.OriginRequestPolicyList
		if l == nil {
			return nil, nil
		}
		for _, s := range l.Items {
			if p := s.OriginRequestPolicy; p != nil && p.OriginRequestPolicyConfig != nil &&
				aws.ToString(p.OriginRequestPolicyConfig.Name) == name {
				return p, nil
			}
		}
		if aws.ToString(l.NextMarker) == "" {
			return nil, nil
		}
		marker = l.NextMarker
	}
}
