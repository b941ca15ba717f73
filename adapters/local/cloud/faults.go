package cloud

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// ErrLostResponse is what a call returns when FailAfterWrite fired: the write happened, the
// caller just never heard about it (a dropped connection, a crash before the response).
var ErrLostResponse = errors.New("simulated lost response")

// ThrottleDelay is the retry delay a simulated throttling error asks for.
const ThrottleDelay = time.Second

// outOfBandComment is the Comment an injected ETag race's out-of-band change writes.
const outOfBandComment = "changed out of band (simulated ETag race)"

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
	// ThrottleRate throttles this share (0..1) of API calls at random.
	ThrottleRate float64
	// ETagRaceRate is the share (0..1) of If-Match writes (UpdateDistribution,
	// DeleteDistribution) that another client beats: an out-of-band change of the config (its
	// Comment becomes outOfBandComment) lands between the caller's read and its write, so the
	// caller's ETag is stale.
	ETagRaceRate float64
	// CrashAfterWriteRate is the share (0..1) of committed writes (every creating call,
	// UpdateDistribution, DeleteDistribution) after which Options.Crash runs before the
	// response leaves: the write happened, the caller never hears of it.
	CrashAfterWriteRate float64
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
	if chance(c.faults.ThrottleRate) {
		throttle = true
		c.faultCounts["throttle"]++
	}
	if throttle {
		return throttling(op)
	}
	return nil
}

// lostResponse is called after a creating write committed; it reports the simulated loss (or
// crashes the process, see afterWrite).
func (c *Cloud) lostResponse(op, id string) error {
	c.afterWrite()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.faults.FailAfterWrite <= 0 {
		return nil
	}
	c.faults.FailAfterWrite--
	return domain.RetryAfter(fmt.Errorf("%s %s: %w", op, id, ErrLostResponse), ThrottleDelay)
}

// afterWrite runs after a write committed: at CrashAfterWriteRate it calls Options.Crash (in
// cfm-local a SIGKILL of its own process), so the caller never records what it did.
func (c *Cloud) afterWrite() {
	c.mu.Lock()
	crash := c.crash != nil && chance(c.faults.CrashAfterWriteRate)
	c.mu.Unlock()
	if crash {
		c.crash()
	}
}

// raceETag reports whether an out-of-band change beats this If-Match write (ETagRaceRate).
func (c *Cloud) raceETag() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.faults.ETagRaceRate > 0 {
		c.faultCounts["ifMatchWrite"]++
	}
	if !chance(c.faults.ETagRaceRate) {
		return false
	}
	c.faultCounts["etagRace"]++
	return true
}

// FaultCounts says how often the random faults fired ("throttle", "etagRace") and how many
// If-Match writes the ETag race could have hit ("ifMatchWrite").
func (c *Cloud) FaultCounts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.faultCounts)
}

func chance(p float64) bool { return p > 0 && rand.Float64() < p }
