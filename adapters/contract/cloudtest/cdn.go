package cloudtest

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

var (
	distributionID     = regexp.MustCompile(`^E[A-Z0-9]{13}$`)
	distributionDomain = regexp.MustCompile(`^d[a-z0-9]+\.cloudfront\.net$`)
)

// RunCDN runs the CloudFront contract: distributions here, invalidations in invalidations.go.
func RunCDN(t *testing.T, newCDN func(t *testing.T) domain.CDN, opts Options) {
	run(t, opts, "lifecycle", func(t *testing.T) {
		cdn := newCDN(t)
		cfg := MinimalConfig(unique("ct-"))
		created, err := cdn.CreateDistribution(t.Context(), cfg)
		require.NoError(t, err)
		t.Cleanup(func() { removeDistribution(t, cdn, opts, created.ID) })
		assert.Regexp(t, distributionID, created.ID)
		assert.Regexp(t, distributionDomain, created.DomainName)
		assert.True(t, strings.HasSuffix(created.ARN, ":distribution/"+created.ID), created.ARN)
		assert.NotEmpty(t, created.ETag)
		assert.Contains(t, []string{domain.CloudStatusInProgress, domain.CloudStatusDeployed}, created.Status)

		got, err := cdn.GetDistribution(t.Context(), created.ID)
		require.NoError(t, err)
		assert.Equal(t, created.ARN, got.ARN)
		assert.Equal(t, cfg.CallerReference, got.Config.CallerReference)
		assert.Equal(t, cfg.Comment, got.Config.Comment)

		next := got.Config
		next.Comment = "changed"
		updated, err := cdn.UpdateDistribution(t.Context(), created.ID, next, got.ETag)
		require.NoError(t, err)
		assert.Equal(t, "changed", updated.Config.Comment)
		got, err = cdn.GetDistribution(t.Context(), created.ID)
		require.NoError(t, err)
		assert.Equal(t, "changed", got.Config.Comment)

		disable(t, cdn, opts, created.ID)
		deleteDeployed(t, cdn, opts, created.ID)
		_, err = cdn.GetDistribution(t.Context(), created.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "caller-reference-reuse", func(t *testing.T) {
		cdn := newCDN(t)
		first := createDistribution(t, cdn, opts)
		for _, cfg := range []domain.DistributionConfig{first.Config, withComment(first.Config, "other")} {
			_, err := cdn.CreateDistribution(t.Context(), cfg)
			var exists *domain.AlreadyExistsError
			require.ErrorAs(t, err, &exists)
			assert.Equal(t, first.ID, exists.ExistingID)
			assert.ErrorIs(t, err, domain.ErrAlreadyExists)
			assert.Contains(t, err.Error(), first.ID)
		}
	})

	// A create whose response was lost is found again by its CallerReference (orphan recovery
	// before a create fails); a reference never used is ErrNotFound.
	run(t, opts, "find-by-caller-reference", func(t *testing.T) {
		cdn := newCDN(t)
		since := time.Now().Add(-time.Minute)
		createDistribution(t, cdn, opts) // another one, listed too
		d := createDistribution(t, cdn, opts)
		got, err := cdn.FindDistribution(t.Context(), d.Config.CallerReference, since)
		require.NoError(t, err)
		assert.Equal(t, d.ID, got.ID)
		assert.Equal(t, d.ARN, got.ARN)
		assert.Equal(t, d.Config.CallerReference, got.Config.CallerReference)
		assert.NotEmpty(t, got.ETag)
		_, err = cdn.FindDistribution(t.Context(), unique("never-"), since)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	run(t, opts, "update-stale-etag", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		updated, err := cdn.UpdateDistribution(t.Context(), d.ID, withComment(d.Config, "one"), d.ETag)
		require.NoError(t, err)
		assert.NotEqual(t, d.ETag, updated.ETag, "every write changes the ETag")
		_, err = cdn.UpdateDistribution(t.Context(), d.ID, withComment(d.Config, "two"), d.ETag)
		assert.ErrorIs(t, err, domain.ErrPreconditionFailed)
		err = cdn.DeleteDistribution(t.Context(), d.ID, d.ETag)
		assert.ErrorIs(t, err, domain.ErrPreconditionFailed)
		got, err := cdn.GetDistribution(t.Context(), d.ID)
		require.NoError(t, err)
		assert.Equal(t, "one", got.Config.Comment, "a rejected write changes nothing")
	})

	run(t, opts, "missing-etag", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		_, err := cdn.UpdateDistribution(t.Context(), d.ID, withComment(d.Config, "x"), "")
		assert.True(t, domain.IsPermanent(err), "InvalidIfMatchVersion is permanent: %v", err)
		assert.True(t, domain.IsPermanent(cdn.DeleteDistribution(t.Context(), d.ID, "")))
	})

	run(t, opts, "caller-reference-immutable", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		cfg := d.Config
		cfg.CallerReference = unique("ct-")
		_, err := cdn.UpdateDistribution(t.Context(), d.ID, cfg, d.ETag)
		assert.True(t, domain.IsPermanent(err), "IllegalUpdate is permanent: %v", err)
	})

	run(t, opts, "delete-enabled", func(t *testing.T) {
		cdn := newCDN(t)
		d := createDistribution(t, cdn, opts)
		d = waitDeployed(t, cdn, opts, d.ID)
		err := cdn.DeleteDistribution(t.Context(), d.ID, d.ETag)
		require.ErrorIs(t, err, domain.ErrConflict)
		assert.Contains(t, err.Error(), "DistributionNotDisabled")
		_, err = cdn.GetDistribution(t.Context(), d.ID)
		assert.NoError(t, err, "a refused delete keeps the distribution")
	})

	run(t, opts, "not-found", func(t *testing.T) {
		cdn := newCDN(t)
		const missing = "E0NOSUCHDIST00"
		_, err := cdn.GetDistribution(t.Context(), missing)
		assert.ErrorIs(t, err, domain.ErrNotFound)
		_, err = cdn.UpdateDistribution(t.Context(), missing, MinimalConfig(unique("ct-")), "E0NOSUCHETAG00")
		assert.ErrorIs(t, err, domain.ErrNotFound)
		assert.ErrorIs(t, cdn.DeleteDistribution(t.Context(), missing, "E0NOSUCHETAG00"), domain.ErrNotFound)
	})

	run(t, opts, "rejects-invalid-config", func(t *testing.T) {
		cdn := newCDN(t)
		for name, change := range map[string]func(*domain.DistributionConfig){
			"no origins":     func(c *domain.DistributionConfig) { c.Origins = &domain.Origins{} },
			"unknown target": func(c *domain.DistributionConfig) { c.DefaultCacheBehavior.TargetOriginId = "nope" },
			"$LATEST lambda": func(c *domain.DistributionConfig) {
				c.DefaultCacheBehavior.LambdaFunctionAssociations = lambdaAssoc("arn:aws:lambda:us-east-1:000000000000:function:x:$LATEST")
			},
			"unknown function": func(c *domain.DistributionConfig) {
				c.DefaultCacheBehavior.FunctionAssociations = functionAssoc("arn:aws:cloudfront::000000000000:function/" + unique("nope-"))
			},
		} {
			cfg := MinimalConfig(unique("ct-"))
			change(&cfg)
			d, err := cdn.CreateDistribution(t.Context(), cfg)
			if err == nil {
				t.Cleanup(func() { removeDistribution(t, cdn, opts, d.ID) })
			}
			assert.True(t, domain.IsPermanent(err), "%s: want a permanent error, got %v", name, err)
			assert.False(t, errors.Is(err, domain.ErrAlreadyExists), name)
		}
	})

	runInvalidations(t, newCDN, opts)
	runSiteSettings(t, newCDN, opts) // cdn_sites.go
}

func withComment(cfg domain.DistributionConfig, comment string) domain.DistributionConfig {
	cfg.Comment = comment
	return cfg
}

func lambdaAssoc(arn string) *domain.LambdaFunctionAssociations {
	return &domain.LambdaFunctionAssociations{Quantity: 1, Items: []domain.LambdaFunctionAssociation{{LambdaFunctionARN: arn, EventType: "origin-request"}}}
}

func functionAssoc(arn string) *domain.FunctionAssociations {
	return &domain.FunctionAssociations{Quantity: 1, Items: []domain.FunctionAssociation{{FunctionARN: arn, EventType: "viewer-request"}}}
}
