// Package cloudtest holds the contract suites every implementation of the cloud ports must
// pass: the simulator in adapters/local/cloud and the AWS adapters (on moto server or a real
// account). Each case creates its own resources with unique names, so cases are independent
// and may share one backend; a backend that cannot honour a case skips it by name with a reason.
package cloudtest

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// Options tunes a suite run for one backend.
type Options struct {
	// Skip names cases (e.g. "update-stale-etag") the backend cannot honour, with the reason
	// the suite reports through t.Skip.
	Skip map[string]string
	// Parallel runs the cases of a suite in parallel.
	Parallel bool
	// DeployTimeout bounds waits for Deployed (default 2 min); PollInterval spaces the polls
	// (default 50 ms).
	DeployTimeout time.Duration
	PollInterval  time.Duration
	// Region is where bucket cases create their buckets (default eu-central-1).
	Region string
	// RoleARN is the execution role of Lambda cases (default a role in account 000000000000).
	RoleARN string
	// PutObject writes an object for the bucket cases that need a non-empty bucket. When nil,
	// the Buckets value is used if it has a PutObject(ctx, bucket, key, body) method; otherwise
	// those cases skip.
	PutObject func(ctx context.Context, bucket, region, key string, body []byte) error
}

func (o Options) deployTimeout() time.Duration {
	if o.DeployTimeout > 0 {
		return o.DeployTimeout
	}
	return 2 * time.Minute
}

func (o Options) pollInterval() time.Duration {
	if o.PollInterval > 0 {
		return o.PollInterval
	}
	return 50 * time.Millisecond
}

func (o Options) region() string {
	if o.Region != "" {
		return o.Region
	}
	return "eu-central-1"
}

func (o Options) roleARN() string {
	if o.RoleARN != "" {
		return o.RoleARN
	}
	return "arn:aws:iam::000000000000:role/cfm-edge"
}

// run runs one named case, honouring Skip and Parallel.
func run(t *testing.T, opts Options, name string, fn func(t *testing.T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		if reason, ok := opts.Skip[name]; ok {
			t.Skip(reason)
		}
		if opts.Parallel {
			t.Parallel()
		}
		fn(t)
	})
}

// eventually polls check until it reports done, failing the test after timeout.
func eventually(t *testing.T, opts Options, what string, check func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(opts.deployTimeout())
	for {
		done, err := check()
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached within %s (last error: %v)", what, opts.deployTimeout(), err)
		}
		time.Sleep(opts.pollInterval())
	}
}

// unique returns prefix + 12 random lowercase alphanumerics (valid in every name the suites use).
func unique(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// MinimalConfig is the smallest valid distribution: one custom origin, the default behaviour
// pointing at it, the CloudFront certificate, enabled.
func MinimalConfig(callerReference string) domain.DistributionConfig {
	return domain.DistributionConfig{
		CallerReference: callerReference,
		Comment:         "cloudtest " + callerReference,
		Enabled:         domain.Bool(true),
		Origins: &domain.Origins{Quantity: 1, Items: []domain.Origin{{
			Id: "origin-1", DomainName: "origin.example.com",
			CustomOriginConfig: &domain.CustomOriginConfig{HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only"},
		}}},
		DefaultCacheBehavior: &domain.CacheBehavior{
			TargetOriginId: "origin-1", ViewerProtocolPolicy: "redirect-to-https",
			CachePolicyId: domain.CachePolicyCachingOptimized,
		},
		ViewerCertificate: &domain.ViewerCertificate{CloudFrontDefaultCertificate: domain.Bool(true)},
		PriceClass:        "PriceClass_100",
	}
}

func sleep(opts Options) { time.Sleep(opts.pollInterval()) }
