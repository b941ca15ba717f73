// Package cloud is a simulated AWS account for local runs and tests: CloudFront (distributions,
// invalidations, OACs, origin request policies, CloudFront Functions, tags), S3 buckets, ACM
// certificates and Lambda@Edge functions. It keeps its state in a bbolt file under a directory,
// so a restarted process sees every resource it created before, and it answers with the same
// error classes as the AWS adapters (see domain/errors.go).
package cloud

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Compile-time checks: the simulator implements every cloud port (the two function ports
// through Functions() and Lambda(), see services.go).
var (
	_ domain.CDN                        = (*Cloud)(nil)
	_ domain.OriginAccessControls       = (*Cloud)(nil)
	_ domain.OriginRequestPolicies      = (*Cloud)(nil)
	_ domain.Tagger                     = (*Cloud)(nil)
	_ domain.ResponseHeadersPolicyStore = (*Cloud)(nil)
	_ domain.LambdaOriginAccess         = (*Cloud)(nil)
	_ domain.Buckets                    = (*Cloud)(nil)
	_ domain.Certificates               = (*Cloud)(nil)
)

// Defaults for zero Options.
const (
	DefaultAccountID           = "000000000000"
	DefaultDeploySeconds       = 5
	DefaultReplicaSeconds      = 30
	DefaultInvalidationSeconds = 3
)

// Options configures a simulated cloud. Durations are in seconds (fractions allowed); zero
// selects the default, a negative value means "immediately".
type Options struct {
	// DeploySeconds is how long a distribution stays InProgress after its last change.
	DeploySeconds float64
	// ReplicaSeconds is how long a Lambda@Edge function stays replicated (undeletable) after
	// its last distribution association was removed.
	ReplicaSeconds float64
	// InvalidationSeconds is how long an invalidation stays InProgress.
	InvalidationSeconds float64
	// AccountID appears in every ARN; default 000000000000.
	AccountID string
	// Clock is the simulated time source; default time.Now.
	Clock func() time.Time
	// Certificates are seeded into the simulated ACM in addition to DefaultCertificates
	// (unless NoDefaultCertificates). A certificate without an ARN gets a stable one.
	Certificates          []domain.Certificate
	NoDefaultCertificates bool
	// RateLimits switches on CloudFront's token-bucket rate limits (rate_limits.go); nil: none.
	RateLimits *RateLimits
	// NoSync skips fsync on the simulator's own commits (simulations on virtual time).
	NoSync bool
	// DeployDuration, when set, says how long each distribution stays InProgress after a
	// change (by CloudFront id), instead of DeploySeconds: random durations for benchmarks.
	DeployDuration func(id string) time.Duration
	// Crash is what Faults.CrashAfterWriteRate calls after a committed write (cfm-local:
	// SIGKILL its own process). Nil: that fault never fires.
	Crash func()
}

// Cloud is the simulated account. It is safe for concurrent use.
type Cloud struct {
	db           *bolt.DB
	account      string
	clock        func() time.Time
	deploy       time.Duration
	replica      time.Duration
	invalidation time.Duration
	certs        []domain.Certificate

	deployFor func(id string) time.Duration
	crash     func()

	mu          sync.Mutex // guards faults, calls and the rate buckets
	faults      Faults
	faultCounts map[string]int
	calls       int
	byAction    map[string]int
	throttled   map[string]int
	limits      *rateBuckets
}

// Open opens (or creates) the simulated cloud whose state lives under the directory path.
func Open(path string, opts Options) (*Cloud, error) {
	if err := os.MkdirAll(path, 0o750); err != nil {
		return nil, fmt.Errorf("open simulated cloud: %w", err)
	}
	db, err := bolt.Open(filepath.Join(path, "cloud.db"), 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open simulated cloud %s: %w", path, err)
	}
	db.NoSync = opts.NoSync
	if err := db.Update(createBuckets); err != nil {
		return nil, errors.Join(fmt.Errorf("open simulated cloud %s: %w", path, err), db.Close())
	}
	c := &Cloud{
		db:           db,
		account:      opts.AccountID,
		clock:        opts.Clock,
		deploy:       seconds(opts.DeploySeconds, DefaultDeploySeconds),
		replica:      seconds(opts.ReplicaSeconds, DefaultReplicaSeconds),
		invalidation: seconds(opts.InvalidationSeconds, DefaultInvalidationSeconds),
		deployFor:    opts.DeployDuration,
		crash:        opts.Crash,
		faultCounts:  map[string]int{},
		byAction:     map[string]int{},
		throttled:    map[string]int{},
		limits:       newRateBuckets(opts.RateLimits),
	}
	if c.account == "" {
		c.account = DefaultAccountID
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	c.certs = c.seedCertificates(opts)
	return c, nil
}

// Close releases the state file.
func (c *Cloud) Close() error {
	if err := c.db.Close(); err != nil {
		return fmt.Errorf("close simulated cloud: %w", err)
	}
	return nil
}

// AccountID is the simulated account's id.
func (c *Cloud) AccountID() string { return c.account }

func (c *Cloud) now() time.Time { return c.clock().UTC() }

func seconds(v float64, def time.Duration) time.Duration {
	switch {
	case v == 0:
		return def * time.Second
	case v < 0:
		return 0
	}
	return time.Duration(v * float64(time.Second))
}
