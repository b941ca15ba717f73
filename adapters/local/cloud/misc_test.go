package cloud_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestInvalidationQuotaFreesUpWhenInvalidationsComplete(t *testing.T) {
	c, clk := clocked(t, t.TempDir())
	ctx := t.Context()
	d, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-q"))
	require.NoError(t, err)
	for i := range 15 {
		_, err := c.CreateInvalidation(ctx, d.ID, fmt.Sprintf("w-%d", i), []string{fmt.Sprintf("/w%d/*", i)})
		require.NoError(t, err)
	}
	_, err = c.CreateInvalidation(ctx, d.ID, "w-16", []string{"/w16/*"})
	delay, ok := domain.RetryDelay(err)
	require.True(t, ok, "16th wildcard in progress: %v", err)
	assert.Equal(t, cloud.TooManyInvalidationsDelay, delay)
	_, err = c.CreateInvalidation(ctx, d.ID, "files", []string{"/index.html"})
	assert.NoError(t, err, "file paths have their own quota")

	clk.Advance(30 * time.Second)
	inv, err := c.CreateInvalidation(ctx, d.ID, "w-16", []string{"/w16/*"})
	require.NoError(t, err, "completed invalidations no longer count")
	assert.Equal(t, "InProgress", inv.Status)
	clk.Advance(30 * time.Second)
	inv, err = c.GetInvalidation(ctx, d.ID, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, "Completed", inv.Status)
}

func TestInvalidationPathsAreChecked(t *testing.T) {
	c := fast(t)
	d, err := c.CreateDistribution(t.Context(), cloudtest.MinimalConfig("op-p"))
	require.NoError(t, err)
	for name, paths := range map[string][]string{
		"none":             nil,
		"relative":         {"index.html"},
		"wildcard in path": {"/a/*/b"},
	} {
		_, err := c.CreateInvalidation(t.Context(), d.ID, "ref-"+name, paths)
		assert.True(t, domain.IsPermanent(err), "%s: %v", name, err)
	}
	_, err = c.CreateInvalidation(t.Context(), d.ID, "", []string{"/"})
	assert.True(t, domain.IsPermanent(err), "caller reference required")
}

func TestTagging(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	d, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-tags"))
	require.NoError(t, err)
	require.NoError(t, c.TagResource(ctx, d.ARN, map[string]string{"owner": "alice", "product": "cfm"}))
	require.NoError(t, c.TagResource(ctx, d.ARN, map[string]string{"owner": "bob"}))
	tags, err := c.Tags(d.ARN)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"owner": "bob", "product": "cfm"}, tags)

	assert.ErrorIs(t, c.TagResource(ctx, c.AccountID()+":nope", map[string]string{"a": "b"}), domain.ErrNotFound)
	assert.ErrorIs(t, c.TagResource(ctx, "arn:aws:cloudfront::000000000000:distribution/E0NOSUCHDIST00", nil), domain.ErrNotFound)
	assert.True(t, domain.IsPermanent(c.TagResource(ctx, d.ARN, map[string]string{"aws:reserved": "x"})))
	many := map[string]string{}
	for i := range cloud.MaxTags {
		many[fmt.Sprintf("k%d", i)] = "v"
	}
	assert.True(t, domain.IsPermanent(c.TagResource(ctx, d.ARN, many)), "over 50 tags in total")
}

func TestCertificatesSeeding(t *testing.T) {
	extra := domain.Certificate{DomainName: "shop.example.net", Status: "ISSUED"}
	c, err := cloud.Open(t.TempDir(), cloud.Options{AccountID: "123456789012", Certificates: []domain.Certificate{extra}})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Close()) }()
	certs, err := c.ListCertificates(t.Context())
	require.NoError(t, err)
	require.Len(t, certs, len(cloud.DefaultCertificates())+1)
	byName := map[string]domain.Certificate{}
	for _, cert := range certs {
		assert.Regexp(t, `^arn:aws:acm:us-east-1:123456789012:certificate/[0-9a-f-]{36}$`, cert.ARN)
		byName[cert.DomainName] = cert
	}
	assert.Equal(t, "PENDING_VALIDATION", byName["pending.example.net"].Status)
	assert.True(t, byName["*.example.com"].Covers("www.example.com"))
	assert.True(t, byName["shop.example.net"].NotAfter.After(time.Now()))

	again, err := cloud.Open(t.TempDir(), cloud.Options{AccountID: "123456789012", NoDefaultCertificates: true, Certificates: []domain.Certificate{extra}})
	require.NoError(t, err)
	defer func() { require.NoError(t, again.Close()) }()
	only, err := again.ListCertificates(t.Context())
	require.NoError(t, err)
	require.Len(t, only, 1)
	assert.Equal(t, byName["shop.example.net"].ARN, only[0].ARN, "ARNs are stable across restarts")
}
