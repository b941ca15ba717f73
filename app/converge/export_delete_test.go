package converge

import (
	"context"

	"github.com/cloudfront-manager/cfm/domain"
)

// AddDistributionCleanupForTest appends a cleanup step that calls fn; restore removes it.
// Tests that use it must not run in parallel (the step list is package state).
func AddDistributionCleanupForTest(name string, fn func(d domain.Distribution) error) (restore func()) {
	saved := distributionCleanups
	distributionCleanups = append(append([]distributionCleanup{}, saved...), distributionCleanup{Name: name,
		Run: func(_ Worker, _ context.Context, d domain.Distribution, _ *run) error { return fn(d) }})
	return func() { distributionCleanups = saved }
}
