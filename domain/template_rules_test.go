package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func templateConfig() domain.DistributionConfig {
	return domain.DistributionConfig{
		Comment:           "static site",
		DefaultRootObject: "index.html",
		PriceClass:        "PriceClass_200",
		DefaultCacheBehavior: &domain.CacheBehavior{TargetOriginId: "web", ViewerProtocolPolicy: "https-only",
			CachePolicyId: domain.CachePolicyCachingDisabled},
	}
}

func TestMergeTemplateConfig(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		overrides string
		check     func(t *testing.T, c domain.DistributionConfig)
		field     string
	}{
		{"no overrides keeps the template", "", func(t *testing.T, c domain.DistributionConfig) {
			assert.Equal(t, templateConfig(), c)
		}, ""},
		{"null keeps the template", "null", func(t *testing.T, c domain.DistributionConfig) {
			assert.Equal(t, templateConfig(), c)
		}, ""},
		{"nested objects merge key by key; overrides win", `{"DefaultCacheBehavior":{"ViewerProtocolPolicy":"redirect-to-https"},"PriceClass":"PriceClass_All"}`,
			func(t *testing.T, c domain.DistributionConfig) {
				assert.Equal(t, "redirect-to-https", c.DefaultCacheBehavior.ViewerProtocolPolicy)
				assert.Equal(t, domain.CachePolicyCachingDisabled, c.DefaultCacheBehavior.CachePolicyId, "kept from the template")
				assert.Equal(t, "web", c.DefaultCacheBehavior.TargetOriginId)
				assert.Equal(t, "PriceClass_All", c.PriceClass)
				assert.Equal(t, "index.html", c.DefaultRootObject)
			}, ""},
		{"lists replace", `{"Origins":{"Quantity":1,"Items":[{"Id":"web","DomainName":"b.s3.amazonaws.com"}]}}`,
			func(t *testing.T, c domain.DistributionConfig) {
				require.NotNil(t, c.Origins)
				require.Len(t, c.Origins.Items, 1)
				assert.Equal(t, "b.s3.amazonaws.com", c.Origins.Items[0].DomainName)
			}, ""},
		{"explicit empty and false values win", `{"Comment":"","Enabled":false}`, func(t *testing.T, c domain.DistributionConfig) {
			assert.Empty(t, c.Comment)
			require.NotNil(t, c.Enabled)
			assert.False(t, *c.Enabled)
		}, ""},
		{"null clears a setting", `{"DefaultCacheBehavior":null}`, func(t *testing.T, c domain.DistributionConfig) {
			assert.Nil(t, c.DefaultCacheBehavior)
		}, ""},
		{"unknown field", `{"Bogus":1}`, nil, "config.Bogus"},
		{"wrong type names the path", `{"Origins":{"Quantity":"one"}}`, nil, "config.Origins.Quantity"},
		{"not an object", `[1,2]`, nil, "config"},
		{"not JSON", `{"Comment":`, nil, "config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.MergeTemplateConfig(templateConfig(), []byte(tc.overrides))
			if tc.field != "" {
				var ve *domain.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, tc.field, ve.Fields[0].Field)
				return
			}
			require.NoError(t, err)
			tc.check(t, got)
		})
	}
}

func TestMergeTemplateConfigDoesNotAliasTheTemplate(t *testing.T) {
	t.Parallel()
	base := templateConfig()
	_, err := domain.MergeTemplateConfig(base, []byte(`{"DefaultCacheBehavior":{"ViewerProtocolPolicy":"redirect-to-https"}}`))
	require.NoError(t, err)
	assert.Equal(t, "https-only", base.DefaultCacheBehavior.ViewerProtocolPolicy)
}

func TestValidateTemplateFields(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		tmpl   domain.Template
		fields []string
	}{
		{"valid", domain.Template{Name: "static", Category: "Web sites"}, nil},
		{"missing name", domain.Template{Category: "General"}, []string{"name"}},
		{"long description", domain.Template{Name: "x", Category: "General", Description: strings.Repeat("d", 1025)}, []string{"description"}},
		{"bad category characters", domain.Template{Name: "x", Category: "a/b"}, []string{"category"}},
		{"long category", domain.Template{Name: "x", Category: strings.Repeat("c", 65)}, []string{"category"}},
		{"every field named", domain.Template{Name: " ", Category: "<script>"}, []string{"name", "category"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := domain.ValidateTemplateFields(tc.tmpl)
			if tc.fields == nil {
				require.NoError(t, err)
				return
			}
			var ve *domain.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			assert.Equal(t, tc.fields, got)
		})
	}
}

func TestNormalizeTemplate(t *testing.T) {
	t.Parallel()
	tm := domain.Template{Name: "  site  ", Category: " ", Config: domain.DistributionConfig{CallerReference: "mine"}}
	domain.NormalizeTemplate(&tm)
	assert.Equal(t, "site", tm.Name)
	assert.Equal(t, domain.DefaultTemplateCategory, tm.Category)
	assert.Empty(t, tm.Config.CallerReference)
}

func TestTemplateProbe(t *testing.T) {
	t.Parallel()
	strict := domain.DefaultPolicy()
	strict.RequireOAC = true
	cases := []struct {
		name        string
		tmpl        domain.Template
		placeholder bool
		field       string
		policy      bool // true: a PolicyViolation (422), false: a ValidationError (400)
	}{
		{"no origins: planned with a placeholder named after the target", domain.Template{Config: templateConfig()}, true, "", false},
		{"no origins and no behavior", domain.Template{}, true, "", false},
		{"origins present: planned as is", domain.Template{Config: domain.DistributionConfig{
			Origins: &domain.Origins{Quantity: 2, Items: []domain.Origin{{Id: "a", DomainName: "a.s3.amazonaws.com"}}}}},
			false, "config.Origins.Quantity", false},
		{"settings the policy forbids", domain.Template{Config: domain.DistributionConfig{
			DefaultCacheBehavior: &domain.CacheBehavior{ViewerProtocolPolicy: "allow-all"}}},
			true, "config.DefaultCacheBehavior.ViewerProtocolPolicy", true},
		{"aliases without a certificate", domain.Template{Config: domain.DistributionConfig{Aliases: domain.NewStringList("bad_name")}},
			true, "config.Aliases.Items[0]", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req, ph := domain.TemplateProbe(tc.tmpl)
			assert.Equal(t, domain.TemplateProbeName, req.Name)
			in := domain.PlanInput{Request: req, CallerReference: domain.TemplateProbeReference, DistributionID: domain.TemplateProbeDistID}
			if tc.placeholder {
				require.NotNil(t, ph)
				in.ManagedOrigins = map[string]domain.ManagedOrigin{ph.BucketName: *ph}
			} else {
				require.Nil(t, ph)
			}
			_, err := domain.PlanDistribution(in, strict)
			if tc.field == "" {
				require.NoError(t, err, "the placeholder must satisfy RequireOAC")
				return
			}
			var (
				ve *domain.ValidationError
				pv *domain.PolicyViolation
			)
			if tc.policy {
				require.True(t, errors.As(err, &pv), "%v", err)
				assert.Equal(t, tc.field, pv.Field)
				return
			}
			require.True(t, errors.As(err, &ve), "%v", err)
			assert.Equal(t, tc.field, ve.Fields[0].Field)
		})
	}
}

func TestTemplateProbeUsesTheTargetOriginID(t *testing.T) {
	t.Parallel()
	req, ph := domain.TemplateProbe(domain.Template{Config: templateConfig()})
	require.NotNil(t, ph)
	require.NotNil(t, req.Config.Origins)
	assert.Equal(t, "web", req.Config.Origins.Items[0].Id)
	assert.Nil(t, templateConfig().Origins, "the template itself is not changed")
	_, ph = domain.TemplateProbe(domain.Template{MultiOriginConfig: &domain.MultiOriginConfig{DefaultOriginID: "origin-1"}})
	assert.Nil(t, ph, "multi-origin templates are planned through the multi-origin path")
}
