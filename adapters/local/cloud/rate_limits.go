package cloud

import (
	"fmt"
	"maps"
	"time"

	"golang.org/x/time/rate"

	"github.com/cloudfront-manager/cfm/domain"
)

// RateLimits are token buckets per account, close to what CloudFront has been observed to
// allow: a burst of about 4 distribution writes then about 1 per second, and invalidations
// likewise. A call beyond them answers Throttling (ErrThrottled with a retry delay), as
// CloudFront does. Reads are not limited.
type RateLimits struct {
	WriteBurst             int
	WritesPerSecond        float64
	InvalidationBurst      int
	InvalidationsPerSecond float64
}

// ObservedRateLimits are the limits CFM_SIM_RATE_LIMITS=observed switches on.
func ObservedRateLimits() *RateLimits {
	return &RateLimits{WriteBurst: 4, WritesPerSecond: 1, InvalidationBurst: 4, InvalidationsPerSecond: 1}
}

// rateBuckets are the live buckets of RateLimits, timed by the simulator's clock.
type rateBuckets struct {
	writes, invalidations *rate.Limiter
}

func newRateBuckets(l *RateLimits) *rateBuckets {
	if l == nil {
		return nil
	}
	return &rateBuckets{writes: rate.NewLimiter(rate.Limit(l.WritesPerSecond), l.WriteBurst),
		invalidations: rate.NewLimiter(rate.Limit(l.InvalidationsPerSecond), l.InvalidationBurst)}
}

// limitedWrites are the calls the write bucket meters.
var limitedWrites = map[string]bool{"CreateDistribution": true, "UpdateDistribution": true, "DeleteDistribution": true}

// take spends a token for op at now; false means throttle it.
func (b *rateBuckets) take(op string, now time.Time) bool {
	switch {
	case b == nil:
		return true
	case limitedWrites[op]:
		return b.writes.AllowN(now, 1)
	case op == "CreateInvalidation":
		return b.invalidations.AllowN(now, 1)
	}
	return true
}

// Throttled counts the calls the rate limits refused, by API action.
func (c *Cloud) Throttled() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.throttled)
}

// Calls counts every API call the simulator answered or refused, by action.
func (c *Cloud) Calls() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.byAction)
}

func throttling(op string) error {
	return domain.RetryAfter(fmt.Errorf("%s: Throttling: Rate exceeded: %w", op, domain.ErrThrottled), ThrottleDelay)
}
