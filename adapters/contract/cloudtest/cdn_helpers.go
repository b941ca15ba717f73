package cloudtest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// createDistribution creates a minimal distribution and removes it when the test ends.
func createDistribution(t *testing.T, cdn domain.CDN, opts Options) domain.LiveDistribution {
	t.Helper()
	d, err := cdn.CreateDistribution(t.Context(), MinimalConfig(unique("ct-")))
	require.NoError(t, err)
	t.Cleanup(func() { removeDistribution(t, cdn, opts, d.ID) })
	return d
}

// waitDeployed polls until the distribution is Deployed and returns it.
func waitDeployed(t *testing.T, cdn domain.CDN, opts Options, id string) domain.LiveDistribution {
	t.Helper()
	var d domain.LiveDistribution
	eventually(t, opts, "distribution "+id+" Deployed", func() (bool, error) {
		var err error
		d, err = cdn.GetDistribution(t.Context(), id)
		return err == nil && d.Status == domain.CloudStatusDeployed, err
	})
	return d
}

// disable turns a distribution off and waits until that is deployed.
func disable(t *testing.T, cdn domain.CDN, opts Options, id string) domain.LiveDistribution {
	t.Helper()
	d, err := cdn.GetDistribution(t.Context(), id)
	require.NoError(t, err)
	cfg := d.Config
	cfg.Enabled = domain.Bool(false)
	_, err = cdn.UpdateDistribution(t.Context(), id, cfg, d.ETag)
	require.NoError(t, err)
	return waitDeployed(t, cdn, opts, id)
}

// deleteDeployed deletes a disabled distribution with a fresh ETag, retrying the transient
// DistributionNotDisabled CloudFront can answer right after Deployed.
func deleteDeployed(t *testing.T, cdn domain.CDN, opts Options, id string) {
	t.Helper()
	eventually(t, opts, "delete "+id, func() (bool, error) {
		d, err := cdn.GetDistribution(t.Context(), id)
		if err != nil {
			return false, err
		}
		err = cdn.DeleteDistribution(t.Context(), id, d.ETag)
		if errors.Is(err, domain.ErrConflict) || errors.Is(err, domain.ErrPreconditionFailed) {
			return false, err
		}
		require.NoError(t, err)
		return true, nil
	})
}

// removeDistribution is best-effort cleanup: disable, wait, delete; failures are only logged.
func removeDistribution(t *testing.T, cdn domain.CDN, opts Options, id string) {
	ctx := context.WithoutCancel(t.Context())
	d, err := cdn.GetDistribution(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return
	}
	if err != nil {
		t.Logf("cleanup %s: %v", id, err)
		return
	}
	if domain.BoolValue(d.Config.Enabled, true) {
		cfg := d.Config
		cfg.Enabled = domain.Bool(false)
		if d, err = cdn.UpdateDistribution(ctx, id, cfg, d.ETag); err != nil {
			t.Logf("cleanup %s: disable: %v", id, err)
			return
		}
	}
	for range 2 + int(opts.deployTimeout()/opts.pollInterval()) {
		if d, err = cdn.GetDistribution(ctx, id); err == nil && d.Status == domain.CloudStatusDeployed {
			if err = cdn.DeleteDistribution(ctx, id, d.ETag); err == nil {
				return
			}
		}
		if errors.Is(err, domain.ErrNotFound) {
			return
		}
		sleep(opts)
	}
	t.Logf("cleanup %s: not deleted: %v", id, err)
}
