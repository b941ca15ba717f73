package domain_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// Every field the request schema accepts is applied or refused: custom error responses and an
// origin's connection settings reach the planned config.
func TestPlanAppliesErrorResponsesAndConnectionSettings(t *testing.T) {
	t.Parallel()
	in := singleOrigin(func(r *domain.DistributionRequest) {
		r.Config.Origins.Items[0].ConnectionAttempts = 1
		r.Config.Origins.Items[0].ConnectionTimeout = 4
		r.Config.CustomErrorResponses = &domain.CustomErrorResponses{Quantity: 2, Items: []domain.CustomErrorResponse{
			{ErrorCode: 404, ResponsePagePath: "/index.html", ResponseCode: "200", ErrorCachingMinTTL: 0},
			{ErrorCode: 503, ErrorCachingMinTTL: 5},
		}}
	})
	cfg, err := domain.PlanDistribution(in, domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, 1, cfg.Origins.Items[0].ConnectionAttempts)
	assert.Equal(t, 4, cfg.Origins.Items[0].ConnectionTimeout)
	assert.Equal(t, in.Request.Config.CustomErrorResponses, cfg.CustomErrorResponses)

	def, err := domain.PlanDistribution(singleOrigin(nil), domain.DefaultPolicy())
	require.NoError(t, err)
	assert.Equal(t, 3, def.Origins.Items[0].ConnectionAttempts, "CloudFront's default")
	assert.Equal(t, 10, def.Origins.Items[0].ConnectionTimeout, "CloudFront's default")
	assert.Nil(t, def.CustomErrorResponses)

	// The diff of a change that only sets them is not empty.
	changes := domain.DiffConfigs(&def, &cfg)
	var paths []string
	for _, c := range changes {
		paths = append(paths, c.Path)
	}
	assert.Contains(t, paths, "CustomErrorResponses.Items[0].ErrorCode")
	assert.Contains(t, paths, "Origins.Items[0].ConnectionTimeout")
}

func TestPlanRefusesFieldsItWouldDrop(t *testing.T) {
	t.Parallel()
	logs := domain.DefaultPolicy()
	logs.Logging.Bucket = "logs.s3.amazonaws.com"
	errs := func(items ...domain.CustomErrorResponse) func(*domain.DistributionRequest) {
		return func(r *domain.DistributionRequest) {
			r.Config.CustomErrorResponses = &domain.CustomErrorResponses{Quantity: len(items), Items: items}
		}
	}
	cases := []struct {
		name   string
		mut    func(*domain.DistributionRequest)
		policy domain.Policy
		field  string
	}{
		{"attempts", func(r *domain.DistributionRequest) { r.Config.Origins.Items[0].ConnectionAttempts = 4 }, domain.DefaultPolicy(), "config.Origins.Items[0].ConnectionAttempts"},
		{"timeout", func(r *domain.DistributionRequest) { r.Config.Origins.Items[0].ConnectionTimeout = 11 }, domain.DefaultPolicy(), "config.Origins.Items[0].ConnectionTimeout"},
		{"negative timeout", func(r *domain.DistributionRequest) { r.Config.Origins.Items[0].ConnectionTimeout = -1 }, domain.DefaultPolicy(), "config.Origins.Items[0].ConnectionTimeout"},
		{"error code", errs(domain.CustomErrorResponse{ErrorCode: 200}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[0].ErrorCode"},
		{"duplicate code", errs(domain.CustomErrorResponse{ErrorCode: 404}, domain.CustomErrorResponse{ErrorCode: 404}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[1].ErrorCode"},
		{"page path", errs(domain.CustomErrorResponse{ErrorCode: 404, ResponsePagePath: "x.html", ResponseCode: "404"}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[0].ResponsePagePath"},
		{"page without code", errs(domain.CustomErrorResponse{ErrorCode: 404, ResponsePagePath: "/x.html"}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[0]"},
		{"response code", errs(domain.CustomErrorResponse{ErrorCode: 404, ResponsePagePath: "/x", ResponseCode: "201"}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[0].ResponseCode"},
		{"ttl", errs(domain.CustomErrorResponse{ErrorCode: 404, ErrorCachingMinTTL: -1}), domain.DefaultPolicy(), "config.CustomErrorResponses.Items[0].ErrorCachingMinTTL"},
		{"quantity", func(r *domain.DistributionRequest) {
			r.Config.CustomErrorResponses = &domain.CustomErrorResponses{Quantity: 3, Items: []domain.CustomErrorResponse{{ErrorCode: 404}}}
		}, domain.DefaultPolicy(), "config.CustomErrorResponses.Quantity"},
		{"caller reference", func(r *domain.DistributionRequest) { r.Config.CallerReference = "mine" }, domain.DefaultPolicy(), "config.CallerReference"},
		{"oac on an unmanaged bucket", func(r *domain.DistributionRequest) { r.Config.Origins.Items[0].OriginAccessControlId = "E1" }, domain.DefaultPolicy(), "config.Origins.Items[0].OriginAccessControlId"},
		{"alias quantity", func(r *domain.DistributionRequest) { r.Config.Aliases = &domain.StringList{Quantity: 2} }, domain.DefaultPolicy(), "config.Aliases.Quantity"},
		{"log bucket", func(r *domain.DistributionRequest) {
			r.Config.Logging = &domain.LoggingConfig{Enabled: true, Bucket: "mine.s3.amazonaws.com"}
		}, logs, "config.Logging"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domain.PlanDistribution(singleOrigin(tc.mut), tc.policy)
			require.Error(t, err)
			var ve *domain.ValidationError
			var pv *domain.PolicyViolation
			switch {
			case errors.As(err, &ve):
				require.NotEmpty(t, ve.Fields)
				assert.Equal(t, tc.field, ve.Fields[0].Field, err.Error())
			case errors.As(err, &pv):
				assert.Equal(t, tc.field, pv.Field)
			default:
				t.Fatalf("want a validation error or a policy violation, got %v", err)
			}
		})
	}
}
