package intake

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func goodOrigin() OriginRequest {
	return OriginRequest{Name: "EU", BucketName: "my-content-eu", Region: "eu-central-1",
		WebsiteHosting: &domain.WebsiteHosting{Enabled: true},
		CORSConfiguration: &domain.CORSConfiguration{Enabled: true, AllowedOrigins: []string{"https://mydomain.com", "https://*.example.com", "http://localhost:3000", "*"},
			AllowedMethods: []string{"get", "HEAD", "OPTIONS", "GET"}, AllowedHeaders: []string{"*", "Authorization"}, MaxAgeSeconds: 3600}}
}

func TestValidateOriginRequestNormalizes(t *testing.T) {
	got, err := validateOriginRequest(goodOrigin())
	require.NoError(t, err)
	assert.Equal(t, "index.html", got.WebsiteHosting.IndexDocument, "default index document")
	assert.Equal(t, []string{"GET", "HEAD"}, got.CORSConfiguration.AllowedMethods, "upper-cased, deduplicated, OPTIONS dropped")

	off := goodOrigin()
	off.CORSConfiguration = &domain.CORSConfiguration{Enabled: false}
	off.WebsiteHosting = &domain.WebsiteHosting{Enabled: false}
	got, err = validateOriginRequest(off)
	require.NoError(t, err)
	assert.Equal(t, &domain.CORSConfiguration{Enabled: false}, got.CORSConfiguration)
	assert.Equal(t, &domain.WebsiteHosting{Enabled: false}, got.WebsiteHosting)

	// Settings of a disabled block would be dropped: they are refused, naming the block.
	off.CORSConfiguration = &domain.CORSConfiguration{Enabled: false, AllowedMethods: []string{"BOGUS"}}
	off.WebsiteHosting = &domain.WebsiteHosting{Enabled: false, IndexDocument: "/bad"}
	_, err = validateOriginRequest(off)
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"websiteHosting", "corsConfiguration"}, []string{ve.Fields[0].Field, ve.Fields[1].Field})
}

func TestValidateOriginRequestNamesTheField(t *testing.T) {
	cases := []struct {
		name   string
		change func(*OriginRequest)
		field  string
	}{
		{"empty name", func(r *OriginRequest) { r.Name = "  " }, "name"},
		{"long name", func(r *OriginRequest) { r.Name = strings.Repeat("가", 129) }, "name"},
		{"control character", func(r *OriginRequest) { r.Name = "a\x00b" }, "name"},
		{"uppercase bucket", func(r *OriginRequest) { r.BucketName = "MyBucket" }, "bucketName"},
		{"ip bucket", func(r *OriginRequest) { r.BucketName = "192.168.1.1" }, "bucketName"},
		{"no region", func(r *OriginRequest) { r.Region = "" }, "region"},
		{"unknown region", func(r *OriginRequest) { r.Region = "us-east-9" }, "region"},
		{"index with slash", func(r *OriginRequest) { r.WebsiteHosting.IndexDocument = "docs/index.html" }, "websiteHosting.indexDocument"},
		{"index with space", func(r *OriginRequest) { r.WebsiteHosting.IndexDocument = "in dex.html" }, "websiteHosting.indexDocument"},
		{"error document leading slash", func(r *OriginRequest) { r.WebsiteHosting.ErrorDocument = "/404.html" }, "websiteHosting.errorDocument"},
		{"error document dot dot", func(r *OriginRequest) { r.WebsiteHosting.ErrorDocument = "a/../404.html" }, "websiteHosting.errorDocument"},
		{"error document too long", func(r *OriginRequest) { r.WebsiteHosting.ErrorDocument = strings.Repeat("a", 1025) }, "websiteHosting.errorDocument"},
		{"no cors origins", func(r *OriginRequest) { r.CORSConfiguration.AllowedOrigins = nil }, "corsConfiguration.allowedOrigins"},
		{"origin without scheme", func(r *OriginRequest) { r.CORSConfiguration.AllowedOrigins = []string{"mydomain.com"} }, "corsConfiguration.allowedOrigins[0]"},
		{"origin with path", func(r *OriginRequest) { r.CORSConfiguration.AllowedOrigins = []string{"https://a.com/x"} }, "corsConfiguration.allowedOrigins[0]"},
		{"ftp origin", func(r *OriginRequest) { r.CORSConfiguration.AllowedOrigins = []string{"ftp://a.com"} }, "corsConfiguration.allowedOrigins[0]"},
		{"patch method", func(r *OriginRequest) { r.CORSConfiguration.AllowedMethods = []string{"GET", "PATCH"} }, "corsConfiguration.allowedMethods[1]"},
		{"only options", func(r *OriginRequest) { r.CORSConfiguration.AllowedMethods = []string{"OPTIONS"} }, "corsConfiguration.allowedMethods"},
		{"bad header", func(r *OriginRequest) { r.CORSConfiguration.AllowedHeaders = []string{"X Bad"} }, "corsConfiguration.allowedHeaders[0]"},
		{"negative max age", func(r *OriginRequest) { r.CORSConfiguration.MaxAgeSeconds = -1 }, "corsConfiguration.maxAgeSeconds"},
		{"max age over a day", func(r *OriginRequest) { r.CORSConfiguration.MaxAgeSeconds = 86401 }, "corsConfiguration.maxAgeSeconds"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := goodOrigin()
			tc.change(&req)
			_, err := validateOriginRequest(req)
			var ve *domain.ValidationError
			require.True(t, errors.As(err, &ve), "%v", err)
			require.Len(t, ve.Fields, 1, "%v", ve)
			assert.Equal(t, tc.field, ve.Fields[0].Field)
		})
	}
}

func TestValidateOriginUpdate(t *testing.T) {
	_, err := validateOriginUpdate(OriginUpdate{})
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "(body)", ve.Fields[0].Field)

	name := " new name "
	got, err := validateOriginUpdate(OriginUpdate{Name: &name})
	require.NoError(t, err)
	assert.Equal(t, "new name", *got.Name)

	_, err = validateOriginUpdate(OriginUpdate{CORSConfiguration: &domain.CORSConfiguration{Enabled: true, AllowedOrigins: []string{"*"}}})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "corsConfiguration.allowedMethods", ve.Fields[0].Field)
}
