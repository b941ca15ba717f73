package cloudfront

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"
)

// Defaults for the shared limiter: conservative, because CloudFront does not publish its
// control-plane rates and throttles UpdateDistribution at a few calls per minute.
const (
	DefaultRate        = 5 // requests per second
	DefaultBurst       = 5
	defaultMaxAttempts = 5
)

var (
	sharedOnce sync.Once
	shared     *rate.Limiter
)

// SharedLimiter is the process-wide limiter every Client uses unless Options.Limiter is set.
// Tune it with SetLimit / SetBurst at start-up.
func SharedLimiter() *rate.Limiter {
	sharedOnce.Do(func() { shared = rate.NewLimiter(DefaultRate, DefaultBurst) })
	return shared
}

// withRateLimit adds a finalize-step middleware after the retry middleware, so every attempt
// (the first and each retry) waits for a token.
func withRateLimit(lim *rate.Limiter) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		mw := middleware.FinalizeMiddlewareFunc("CFMRateLimit",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if err := lim.Wait(ctx); err != nil {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("cloudfront rate limit: %w", err)
				}
				return next.HandleFinalize(ctx, in)
			})
		if _, ok := st.Finalize.Get("Retry"); ok {
			return st.Finalize.Insert(mw, "Retry", middleware.After)
		}
		return st.Finalize.Add(mw, middleware.After)
	}
}
