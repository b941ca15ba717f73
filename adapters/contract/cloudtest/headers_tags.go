package cloudtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// HeadersBackend is a CloudFront backend with response headers policies.
type HeadersBackend interface {
	domain.CDN
	domain.ResponseHeadersPolicyStore
}

// TagsBackend is a CloudFront backend with tags.
type TagsBackend interface {
	domain.CDN
	domain.Tagger
}

// LambdaOACBackend is a CloudFront backend with Origin Access Controls of origin type lambda.
type LambdaOACBackend interface {
	domain.CDN
	domain.LambdaOriginAccess
}

// RunResponseHeadersPolicies runs the response headers policy contract: ensure is idempotent
// by name, a distribution may reference the policy, a policy in use is not deleted, a missing
// one is ErrNotFound, and a distribution naming an unknown policy is refused.
func RunResponseHeadersPolicies(t *testing.T, newBackend func(t *testing.T) HeadersBackend, opts Options) {
	spec := func() domain.ResponseHeadersPolicySpec {
		sec := domain.DefaultResponseHeadersRules().SecurityHeaders
		return domain.ResponseHeadersPolicySpec{Name: unique("ct-rhp-"), Comment: "contract test",
			Security: &sec,
			CORS:     &domain.CORSPreset{AllowOrigins: []string{"https://app.example.com"}, AllowMethods: []string{"GET", "HEAD"}, AllowHeaders: []string{"*"}, MaxAgeSeconds: 600},
			Headers:  []domain.ResponseHeader{{Header: "X-Robots-Tag", Value: "noindex", Override: true}}}
	}
	run(t, opts, "ensure-idempotent", func(t *testing.T) {
		b := newBackend(t)
		s := spec()
		first, err := b.EnsureResponseHeadersPolicy(t.Context(), s)
		require.NoError(t, err)
		assert.Regexp(t, `^[0-9a-f-]{36}$`, first)
		again, err := b.EnsureResponseHeadersPolicy(t.Context(), s)
		require.NoError(t, err)
		assert.Equal(t, first, again, "found by name, not created twice")
		require.NoError(t, b.DeleteResponseHeadersPolicy(t.Context(), s.Name))
		assert.ErrorIs(t, b.DeleteResponseHeadersPolicy(t.Context(), s.Name), domain.ErrNotFound)
	})
	run(t, opts, "in-use", func(t *testing.T) {
		b := newBackend(t)
		s := spec()
		id, err := b.EnsureResponseHeadersPolicy(t.Context(), s)
		require.NoError(t, err)
		cfg := MinimalConfig(unique("ct-"))
		cfg.DefaultCacheBehavior.ResponseHeadersPolicyId = id
		d, err := b.CreateDistribution(t.Context(), cfg)
		require.NoError(t, err)
		t.Cleanup(func() { removeDistribution(t, b, opts, d.ID) })
		got, err := b.GetDistribution(t.Context(), d.ID)
		require.NoError(t, err)
		assert.Equal(t, id, got.Config.DefaultCacheBehavior.ResponseHeadersPolicyId)
		assert.ErrorIs(t, b.DeleteResponseHeadersPolicy(t.Context(), s.Name), domain.ErrConflict, "a policy in use stays")
	})
	run(t, opts, "unknown-policy-refused", func(t *testing.T) {
		b := newBackend(t)
		cfg := MinimalConfig(unique("ct-"))
		cfg.DefaultCacheBehavior.ResponseHeadersPolicyId = "00000000-0000-4000-8000-000000000000"
		_, err := b.CreateDistribution(t.Context(), cfg)
		require.Error(t, err)
		assert.True(t, domain.IsPermanent(err), "%v", err)
	})
}

// RunTags runs the tagging contract on a distribution: tags are added and overwritten,
// removed by key (an absent key is no error), and listed.
func RunTags(t *testing.T, newBackend func(t *testing.T) TagsBackend, opts Options) {
	run(t, opts, "tag-untag-list", func(t *testing.T) {
		b := newBackend(t)
		d := createDistribution(t, b, opts)
		require.NoError(t, b.TagResource(t.Context(), d.ARN, map[string]string{"owner": "team-a", "cost-centre": "cc-1"}))
		require.NoError(t, b.TagResource(t.Context(), d.ARN, map[string]string{"cost-centre": "cc-2"}))
		tags, err := b.ListTags(t.Context(), d.ARN)
		require.NoError(t, err)
		assert.Equal(t, "team-a", tags["owner"])
		assert.Equal(t, "cc-2", tags["cost-centre"], "overwritten")
		require.NoError(t, b.UntagResource(t.Context(), d.ARN, []string{"owner", "never-set"}))
		tags, err = b.ListTags(t.Context(), d.ARN)
		require.NoError(t, err)
		assert.NotContains(t, tags, "owner")
		assert.Equal(t, "cc-2", tags["cost-centre"])
	})
	run(t, opts, "unknown-resource", func(t *testing.T) {
		b := newBackend(t)
		d := createDistribution(t, b, opts)
		gone := d.ARN[:len(d.ARN)-len(d.ID)] + "E000000000000Z"
		_, err := b.ListTags(t.Context(), gone)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}

// RunLambdaOriginAccess runs the lambda OAC contract: ensure is idempotent by name and a
// Lambda function URL origin may use it.
func RunLambdaOriginAccess(t *testing.T, newBackend func(t *testing.T) LambdaOACBackend, opts Options) {
	run(t, opts, "ensure-and-use", func(t *testing.T) {
		b := newBackend(t)
		name := unique("ct-lambda-")
		id, err := b.EnsureLambdaOriginAccessControl(t.Context(), name)
		require.NoError(t, err)
		again, err := b.EnsureLambdaOriginAccessControl(t.Context(), name)
		require.NoError(t, err)
		assert.Equal(t, id, again)
		cfg := MinimalConfig(unique("ct-"))
		cfg.Origins.Items[0].DomainName = "abcdefghijklmnop.lambda-url.eu-central-1.on.aws"
		cfg.Origins.Items[0].OriginAccessControlId = id
		d, err := b.CreateDistribution(t.Context(), cfg)
		require.NoError(t, err)
		t.Cleanup(func() { removeDistribution(t, b, opts, d.ID) })
	})
}
