package cloud_test

import (
	"fmt"
	"testing"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
)

// BenchmarkCreateGetDistribution measures one CreateDistribution plus one GetDistribution
// (each a bbolt transaction; the create fsyncs).
func BenchmarkCreateGetDistribution(b *testing.B) {
	c, err := cloud.Open(b.TempDir(), cloud.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = c.Close() }()
	ctx := b.Context()
	i := 0
	for b.Loop() {
		i++
		d, err := c.CreateDistribution(ctx, cloudtest.MinimalConfig(fmt.Sprintf("bench-%d", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.GetDistribution(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
	}
}
