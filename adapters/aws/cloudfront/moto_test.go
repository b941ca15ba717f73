package cloudfront

import (
	"testing"

	"golang.org/x/time/rate"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
)

// newMotoClient returns a Client on the moto server with its own generous limiter, so tests
// do not share (or wait on) the process-wide one.
func newMotoClient(t *testing.T) *Client {
	t.Helper()
	return New(awstest.Config(t), Options{Limiter: rate.NewLimiter(rate.Inf, 1), MaxAttempts: 2, ReadAllOnFind: true})
}
