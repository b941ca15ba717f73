package cloud

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// ErrLostResponse is what a call returns when FailAfterWrite fired: the write happened, the
// caller just never heard about it (a dropped connection, a crash before the response).
var ErrLostResponse = errors.New("simulated lost response")

// ThrottleDelay is the retry delay a simulated throttling error asks for.
const ThrottleDelay = time.Second

// Faults are failures the simulator injects, switchable at run time.
type Faults struct {
	// ThrottleEvery throttles every Nth API call (0 = never).
	ThrottleEvery int
	// ThrottleNext throttles the next N API calls.
	ThrottleNext int
	// FailAfterWrite makes the next N creating calls (CreateDistribution, CreateInvalidation,
	// CreateOriginAccessControl, CreateFunction, CreateBucket, PublishVersion…) commit their
	// write and then return an error wrapping ErrLostResponse.
	FailAfterWrite int
}

// InjectFaults replaces the active faults (the zero Faults switches them all off) and restarts
// the ThrottleEvery count.
func (c *Cloud) InjectFaults(f Faults) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.faults = f
	c.calls = 0
}

// ActiveFaults returns the faults still pending (counters decrease as they fire).
func (c *Cloud) ActiveFaults() Faults {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.faults
}

// gate runs before every API call: a cancelled context or an injected throttle stops it.
func (c *Cloud) gate(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.byAction[op]++
	if !c.limits.take(op, c.now()) {
		c.throttled[op]++
		return throttling(op)
	}
	throttle := false
	if c.faults.ThrottleNext > 0 {
		c.faults.ThrottleNext--
		throttle = true
	}
	if n := c.faults.ThrottleEvery; n > 0 && c.calls%n == 0 {
		throttle = true
	}
	if throttle {
		return throttling(op)
	}
	return nil
}

// lostResponse is called after a creating write committed; it reports the simulated loss.
func (c *Cloud) lostResponse(op, id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.faults.FailAfterWrite <= 0 {
		return nil
	}
	c.faults.FailAfterWrite--
	return domain.RetryAfter(fmt.Errorf("%s %s: %w", op, id, ErrLostResponse), ThrottleDelay)
}
