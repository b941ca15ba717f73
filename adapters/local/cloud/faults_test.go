package cloud_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestThrottling(t *testing.T) {
	tests := []struct {
		name   string
		faults cloud.Faults
		want   []bool // throttled, call by call
	}{
		{"next 2", cloud.Faults{ThrottleNext: 2}, []bool{true, true, false, false}},
		{"every 3rd", cloud.Faults{ThrottleEvery: 3}, []bool{false, false, true, false, false, true}},
		{"off", cloud.Faults{}, []bool{false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fast(t)
			c.InjectFaults(tt.faults)
			for i, want := range tt.want {
				_, err := c.GetDistribution(t.Context(), "E0NOSUCHDIST00")
				require.Equal(t, want, errors.Is(err, domain.ErrThrottled), "call %d: %v", i+1, err)
				if want {
					_, ok := domain.RetryDelay(err)
					assert.True(t, ok, "throttling asks for a retry")
				} else {
					assert.ErrorIs(t, err, domain.ErrNotFound)
				}
			}
		})
	}
}

func TestLostCreateResponseIsRecoveredByCallerReference(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	c.InjectFaults(cloud.Faults{FailAfterWrite: 1})
	cfg := cloudtest.MinimalConfig("op-lost")
	_, err := c.CreateDistribution(ctx, cfg)
	require.ErrorIs(t, err, cloud.ErrLostResponse)
	_, retryable := domain.RetryDelay(err)
	assert.True(t, retryable)

	_, err = c.CreateDistribution(ctx, cfg)
	var exists *domain.AlreadyExistsError
	require.ErrorAs(t, err, &exists, "the retry finds the distribution the lost call created")
	d, err := c.GetDistribution(ctx, exists.ExistingID)
	require.NoError(t, err)
	assert.Equal(t, "op-lost", d.Config.CallerReference)
	n, err := c.DistributionCount()
	require.NoError(t, err)
	assert.Equal(t, 1, n, "no second distribution")
	assert.Zero(t, c.ActiveFaults().FailAfterWrite)
}

func TestLostInvalidationResponseIsRecoveredByCallerReference(t *testing.T) {
	c := fast(t)
	ctx := t.Context()
	d, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig("op-inv"))
	require.NoError(t, err)
	c.InjectFaults(cloud.Faults{FailAfterWrite: 1})
	_, err = c.CreateInvalidation(ctx, d.ID, "inv-1", []string{"/*"})
	require.ErrorIs(t, err, cloud.ErrLostResponse)
	first, err := c.CreateInvalidation(ctx, d.ID, "inv-1", []string{"/*"})
	require.NoError(t, err)
	again, err := c.CreateInvalidation(ctx, d.ID, "inv-1", []string{"/*"})
	require.NoError(t, err)
	assert.Equal(t, first.ID, again.ID)
}

func TestFaultsSwitchSafelyUnderLoad(t *testing.T) {
	c := fast(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 25 {
				_, err := c.CreateDistribution(t.Context(), cloudtest.MinimalConfig(
					"op-load-"+string(rune('a'+w))+"-"+string(rune('a'+i))))
				if err != nil && !errors.Is(err, domain.ErrThrottled) && !errors.Is(err, cloud.ErrLostResponse) {
					t.Errorf("unexpected: %v", err)
				}
			}
		})
	}
	for i := range 20 {
		c.InjectFaults(cloud.Faults{ThrottleEvery: i%3 + 1, FailAfterWrite: i % 2})
	}
	wg.Wait()
	c.InjectFaults(cloud.Faults{})
	n, err := c.DistributionCount()
	require.NoError(t, err)
	assert.LessOrEqual(t, n, 100)
}
