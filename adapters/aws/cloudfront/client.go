// Package cloudfront is the Amazon CloudFront adapter: distributions, invalidations, origin
// access controls, origin request policies, CloudFront Functions and tags, on aws-sdk-go-v2.
//
// Every call of the process goes through one client-side rate limiter (CloudFront's control
// plane throttles at a few requests per second per account) and the SDK's adaptive retry mode.
// AWS errors are classified once, in errors.go, into the domain's errors.
package cloudfront

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"golang.org/x/time/rate"

	"github.com/cloudfront-manager/cfm/domain"
)

// Options tunes the adapter. The zero value is the production default.
type Options struct {
	// Limiter paces every CloudFront call (each attempt, retries included). Nil means the
	// process-wide SharedLimiter, so that all clients of the process share one budget.
	Limiter *rate.Limiter
	// MaxAttempts bounds the SDK's adaptive retries (default 5).
	MaxAttempts int
	// CreateTags are put on every distribution at creation (CreateDistributionWithTags), so it
	// is never untagged: the IAM policy scopes every later call on the ManagedBy tag, and a
	// retry that recovers an existing distribution must be allowed to read it.
	CreateTags map[string]string
	// ReadAllOnFind makes FindDistribution read every listed distribution, not only those
	// modified since the operation began: for emulators whose ListDistributions reports a fixed
	// LastModifiedTime (moto 5.2.5 reports 2021-11-27 for every distribution).
	ReadAllOnFind bool
}

// Client implements the CloudFront ports of the domain.
type Client struct {
	createTags    map[string]string
	readAllOnFind bool
	dist          distributionsAPI
	inv           invalidationsAPI
	oac           originAccessControlsAPI
	orp           originRequestPoliciesAPI
	rhp           responseHeadersPoliciesAPI
	fn            functionsAPI
	tags          taggingAPI
}

var (
	_ domain.CDN                        = (*Client)(nil)
	_ domain.OriginAccessControls       = (*Client)(nil)
	_ domain.OriginRequestPolicies      = (*Client)(nil)
	_ domain.CloudFrontFunctions        = (*Client)(nil)
	_ domain.Tagger                     = (*Client)(nil)
	_ domain.ResponseHeadersPolicyStore = (*Client)(nil)
	_ domain.LambdaOriginAccess         = (*Client)(nil)
)

// New builds a Client from cfg (CloudFront is global: the region is forced to us-east-1).
func New(cfg aws.Config, opts Options) *Client {
	lim := opts.Limiter
	if lim == nil {
		lim = SharedLimiter()
	}
	attempts := opts.MaxAttempts
	if attempts <= 0 {
		attempts = defaultMaxAttempts
	}
	api := sdk.NewFromConfig(cfg, func(o *sdk.Options) {
		o.Region = "us-east-1"
		o.Retryer = retry.NewAdaptiveMode(func(a *retry.AdaptiveModeOptions) {
			a.StandardOptions = append(a.StandardOptions, func(s *retry.StandardOptions) {
				s.MaxAttempts = attempts
			})
		})
		o.APIOptions = append(o.APIOptions, withRateLimit(lim))
	})
	c := newClient(api)
	c.createTags = opts.CreateTags
	c.readAllOnFind = opts.ReadAllOnFind
	return c
}

// sdkAPI is everything this package calls; *sdk.Client satisfies it, fakes in tests may too.
type sdkAPI interface {
	distributionsAPI
	invalidationsAPI
	originAccessControlsAPI
	originRequestPoliciesAPI
	responseHeadersPoliciesAPI
	functionsAPI
	taggingAPI
}

func newClient(api sdkAPI) *Client {
	return &Client{dist: api, inv: api, oac: api, orp: api, rhp: api, fn: api, tags: api}
}
