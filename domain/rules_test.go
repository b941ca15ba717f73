package domain_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestValidBucketName(t *testing.T) {
	t.Parallel()
	for name, ok := range map[string]bool{
		"my-bucket": true, "a.b.c": true, "abc": true, strings.Repeat("a", 63): true,
		"ab": false, strings.Repeat("a", 64): false, "My-Bucket": false, "-abc": false, "abc-": false,
		"a..b": false, "192.168.1.1": false, "xn--abc": false, "abc-s3alias": false, "a_b": false,
		"abc\"def": false, "abc</script>": false,
	} {
		assert.Equal(t, ok, domain.ValidBucketName(name) == "", name)
	}
}

func TestParseS3Domain(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, bucket, region string }{
		{"mybucket.s3.amazonaws.com", "mybucket", ""},
		{"my.bucket.s3.eu-central-1.amazonaws.com", "my.bucket", "eu-central-1"},
		{"legacy.s3-us-west-2.amazonaws.com", "legacy", "us-west-2"},
	}
	for _, c := range cases {
		b, r, ok := domain.ParseS3Domain(c.in)
		require.True(t, ok, c.in)
		assert.Equal(t, c.bucket, b)
		assert.Equal(t, c.region, r)
	}
	for _, bad := range []string{"b.s3-website-us-east-1.amazonaws.com", "example.com", "s3.amazonaws.com", "AB.s3.amazonaws.com.evil.com"} {
		_, _, ok := domain.ParseS3Domain(bad)
		assert.False(t, ok, bad)
	}
}

func TestCertificateCovers(t *testing.T) {
	t.Parallel()
	c := domain.Certificate{DomainName: "*.example.com", SubjectAlternativeNames: []string{"example.com"}}
	assert.True(t, c.Covers("www.example.com"))
	assert.True(t, c.Covers("EXAMPLE.com"))
	assert.False(t, c.Covers("a.b.example.com"), "a wildcard covers one label")
	assert.False(t, c.Covers("example.org"))
	assert.False(t, c.Covers("*.example.com.evil"))
}

func TestDiffConfigs(t *testing.T) {
	t.Parallel()
	a := domain.DistributionConfig{Comment: "a", HttpVersion: "http2", Aliases: domain.NewStringList("x.example.com")}
	b := domain.DistributionConfig{Comment: "b", HttpVersion: "http2", Aliases: domain.NewStringList("x.example.com", "y.example.com")}
	changes := domain.DiffConfigs(&a, &b)
	var paths []string
	for _, c := range changes {
		paths = append(paths, c.Path)
	}
	assert.Equal(t, []string{"Aliases.Items[1]", "Aliases.Quantity", "Comment"}, paths)
	assert.Empty(t, domain.DiffConfigs(&a, &a))
	assert.NotEmpty(t, domain.DiffConfigs(nil, &a))
}

func TestParsePolicy(t *testing.T) {
	t.Parallel()
	p, err := domain.ParsePolicy([]byte(`{"allowedAliasDomains":["example.com"],"requireOac":true}`))
	require.NoError(t, err)
	assert.True(t, p.RequireOAC)
	assert.Equal(t, []string{"example.com"}, p.AllowedAliasDomains)
	assert.Equal(t, "TLSv1.2_2021", p.MinimumTLSVersion, "defaults kept")

	_, err = domain.ParsePolicy([]byte(`{"bogus":1}`))
	assert.Error(t, err)
	_, err = domain.ParsePolicy([]byte(`{"httpVersions":["http9"]}`))
	assert.ErrorContains(t, err, "httpVersions")
	_, err = domain.ParsePolicy([]byte(`{"minimumTlsVersion":"TLSv0"}`))
	assert.ErrorContains(t, err, "minimumTlsVersion")
}

func TestPrincipalRights(t *testing.T) {
	t.Parallel()
	admin := domain.Principal{Username: "root", Groups: []string{domain.GroupAdmins}}
	dev := domain.Principal{Username: "dev", Groups: []string{domain.GroupDevelopers}}
	viewer := domain.Principal{Username: "v", Groups: []string{domain.GroupViewers}}
	nobody := domain.Principal{Username: "n"}
	assert.True(t, admin.CanModify("someone"))
	assert.True(t, dev.CanModify("dev"))
	assert.False(t, dev.CanModify("other"))
	assert.False(t, viewer.CanModify("v"))
	assert.False(t, viewer.CanCreate())
	assert.True(t, viewer.CanRead())
	assert.False(t, nobody.CanRead())
}
