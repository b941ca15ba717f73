package cloud_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/domain"
)

// fast opens a cloud whose deployments and invalidations finish within 50 ms.
func fast(t testing.TB) *cloud.Cloud {
	t.Helper()
	c, err := cloud.Open(t.TempDir(), cloud.Options{DeploySeconds: 0.05, InvalidationSeconds: 0.05, ReplicaSeconds: 0.05})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, c.Close()) })
	return c
}

var suite = cloudtest.Options{Parallel: true, PollInterval: 10 * time.Millisecond, DeployTimeout: 10 * time.Second}

func TestContractCDN(t *testing.T) {
	cloudtest.RunCDN(t, func(t *testing.T) domain.CDN { return fast(t) }, suite)
}

func TestContractOriginAccessControls(t *testing.T) {
	cloudtest.RunOriginAccessControls(t, func(t *testing.T) domain.OriginAccessControls { return fast(t) }, suite)
}

func TestContractBuckets(t *testing.T) {
	cloudtest.RunBuckets(t, func(t *testing.T) domain.Buckets { return fast(t) }, suite)
}

func TestContractCertificates(t *testing.T) {
	cloudtest.RunCertificates(t, func(t *testing.T) domain.Certificates { return fast(t) }, suite)
}

func TestContractLambdaFunctions(t *testing.T) {
	cloudtest.RunLambdaFunctions(t, func(t *testing.T) domain.LambdaFunctions { return fast(t).Lambda() }, suite)
}

func TestContractCloudFrontFunctions(t *testing.T) {
	cloudtest.RunCloudFrontFunctions(t, func(t *testing.T) domain.CloudFrontFunctions { return fast(t).Functions() }, suite)
}

// One shared cloud for every case also passes: cases never depend on each other's resources.
func TestContractSharedBackend(t *testing.T) {
	c := fast(t)
	cloudtest.RunCDN(t, func(*testing.T) domain.CDN { return c }, suite)
	cloudtest.RunBuckets(t, func(*testing.T) domain.Buckets { return c }, suite)
}

func TestContractResponseHeadersPolicies(t *testing.T) {
	cloudtest.RunResponseHeadersPolicies(t, func(t *testing.T) cloudtest.HeadersBackend { return fast(t) }, suite)
}

func TestContractTags(t *testing.T) {
	cloudtest.RunTags(t, func(t *testing.T) cloudtest.TagsBackend { return fast(t) }, suite)
}

func TestContractLambdaOriginAccess(t *testing.T) {
	cloudtest.RunLambdaOriginAccess(t, func(t *testing.T) cloudtest.LambdaOACBackend { return fast(t) }, suite)
}
