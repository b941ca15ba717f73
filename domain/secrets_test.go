package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/domain"
)

func withHeader(value string) domain.DistributionConfig {
	return domain.DistributionConfig{Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "api",
		CustomHeaders: &domain.CustomHeaders{Quantity: 1, Items: []domain.OriginCustomHeader{{HeaderName: "X-Origin-Verify", HeaderValue: value}}}}}}}
}

func TestSecretsAreMaskedAndRestored(t *testing.T) {
	t.Parallel()
	stored := withHeader("real")
	masked := domain.MaskSecrets(stored)
	assert.Equal(t, domain.SecretMask, masked.Origins.Items[0].CustomHeaders.Items[0].HeaderValue)
	assert.Equal(t, "real", stored.Origins.Items[0].CustomHeaders.Items[0].HeaderValue, "the original is not changed")

	changes := domain.DiffConfigs(&stored, new(withHeader("new")))
	assert.Equal(t, []domain.Change{{Path: "Origins.Items[0].CustomHeaders.Items[0].HeaderValue", From: domain.SecretMask, To: domain.SecretMask}}, changes)
	added := domain.DiffConfigs(&domain.DistributionConfig{}, &stored)
	assert.Contains(t, added, domain.Change{Path: "Origins.Items[0].CustomHeaders.Items[0].HeaderValue", To: domain.SecretMask})
	for _, c := range added {
		assert.NotEqual(t, "real", c.To, c.Path)
	}
	// a whole subtree in one change (as drift reports may hold) is masked inside
	tree := domain.MaskChanges([]domain.Change{{Path: "Origins.Items[0].CustomHeaders", To: map[string]any{
		"Items": []any{map[string]any{"HeaderName": "X", "HeaderValue": "real"}}}}})
	assert.Equal(t, domain.SecretMask, tree[0].To.(map[string]any)["Items"].([]any)[0].(map[string]any)["HeaderValue"])

	next := withHeader(domain.SecretMask)
	next.Origins.Items[0].CustomHeaders.Items[0].HeaderName = "x-origin-verify"
	domain.RestoreSecrets(&next, stored)
	assert.Equal(t, "real", next.Origins.Items[0].CustomHeaders.Items[0].HeaderValue)
	other := withHeader(domain.SecretMask)
	other.Origins.Items[0].Id = "elsewhere"
	domain.RestoreSecrets(&other, stored)
	assert.Equal(t, domain.SecretMask, other.Origins.Items[0].CustomHeaders.Items[0].HeaderValue, "never copied to another origin")
}

func TestOriginDomainAllowed(t *testing.T) {
	t.Parallel()
	patterns := domain.DefaultSitePolicy().AllowedOriginDomains
	for host, want := range map[string]bool{
		"my-alb-123.eu-central-1.elb.amazonaws.com":           true,
		"abc123.execute-api.eu-central-1.amazonaws.com":       true,
		"xyz.lambda-url.us-east-1.on.aws":                     true,
		"elb.amazonaws.com":                                   false,
		"evil.com":                                            false,
		"abc.execute-api.eu-central-1.amazonaws.com.evil.com": false,
	} {
		assert.Equal(t, want, domain.OriginDomainAllowed(host, patterns), host)
	}
	assert.True(t, domain.OriginDomainAllowed("api.example.com", []string{"api.example.com"}))
}
