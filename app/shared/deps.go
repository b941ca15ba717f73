package shared

import (
	"cmp"
	"log/slog"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// Cloud groups the cloud ports the use cases call. A nil port means the feature is off.
type Cloud struct {
	CDN         domain.CDN
	OACs        domain.OriginAccessControls
	RequestPols domain.OriginRequestPolicies
	// HeaderPols and LambdaOAC resolve the cfm: references of a config (response headers
	// policies, the Lambda function URL OAC) before it is applied.
	HeaderPols   domain.ResponseHeadersPolicyStore
	LambdaOAC    domain.LambdaOriginAccess
	CFFunctions  domain.CloudFrontFunctions
	Tagger       domain.Tagger
	Buckets      domain.Buckets
	Certificates domain.Certificates
	Lambdas      domain.LambdaFunctions
	// Statuses lists deployment statuses for the deployment watcher; nil: each waiting
	// operation polls its own distribution instead.
	Statuses domain.DistributionStatuses
}

// Timing holds the durations the pipeline waits for.
type Timing struct {
	// PollInitial and PollMax bound the deployment-poll backoff (15 s → 5 min on AWS).
	PollInitial, PollMax time.Duration
	// OperationTimeout is how long an operation may take before the sweeper fails it.
	OperationTimeout time.Duration
	// ExpectedDeploy estimates a deployment's duration, for deploymentProgress.
	ExpectedDeploy time.Duration
	// StuckAfter is how long an Accepted or Running operation may sit untouched before the
	// sweeper re-sends its command.
	StuckAfter time.Duration
	// WatchTick ± WatchJitter is the deployment watcher's tick while anything is deploying.
	WatchTick, WatchJitter time.Duration
}

// DefaultTiming is what the deployed product uses.
func DefaultTiming() Timing {
	return Timing{PollInitial: 15 * time.Second, PollMax: 5 * time.Minute, OperationTimeout: 2 * time.Hour,
		ExpectedDeploy: 5 * time.Minute, StuckAfter: 10 * time.Minute,
		// SQS delays are whole seconds: 6, 7 or 8 s. Deployed is seen within about 8 s, at about
		// 8.6 ListDistributions pages a minute whatever the number in flight.
		WatchTick: 7 * time.Second, WatchJitter: time.Second}
}

// RetryLimits bound how often the worker retries one operation. Both stay well below the
// queues' receive limit before the dead-letter queue (domain.MaxReceives), so the worker ends every
// operation it can load and the dead-letter queue only ever holds messages it cannot handle.
type RetryLimits struct {
	// SameError: consecutive attempts failing with the same non-transient error before the
	// operation fails with it (default 5).
	SameError int
	// Attempts: attempts of any kind before the operation fails (default 40).
	Attempts int
}

// Defaults of RetryLimits.
const (
	DefaultSameErrorLimit = 5
	DefaultAttemptLimit   = 40
)

// SameErrorLimit is SameError or its default.
func (r RetryLimits) SameErrorLimit() int { return cmp.Or(r.SameError, DefaultSameErrorLimit) }

// AttemptLimit is Attempts or its default.
func (r RetryLimits) AttemptLimit() int { return cmp.Or(r.Attempts, DefaultAttemptLimit) }

// Deps are the dependencies of every use case.
type Deps struct {
	Store  domain.Store
	Queue  domain.Sender
	Bus    domain.Publisher
	Cloud  Cloud
	Policy domain.Policy
	Timing Timing
	// Retry bounds an operation's attempts (zero fields: the defaults).
	Retry RetryLimits
	// Prefix names what the product creates in the account (OACs, functions, policies).
	Prefix string
	// EdgeRoleARN is the execution role for Lambda@Edge functions.
	EdgeRoleARN string
	Clock       func() time.Time
	Log         *slog.Logger
	// EnqueuedInCommit says the store's commit itself puts outbox records on the queue (local
	// runs: the queue shares the store's file). False: Submit delivers its command right after
	// the commit (Lambda).
	EnqueuedInCommit bool
}

func (d Deps) Now() time.Time {
	if d.Clock == nil {
		return time.Now().UTC()
	}
	return d.Clock().UTC()
}

func (d Deps) Logger() *slog.Logger {
	if d.Log == nil {
		return slog.Default()
	}
	return d.Log
}
