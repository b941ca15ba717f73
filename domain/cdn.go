package domain

import (
	"context"
	"time"
)

// Live distribution states as CloudFront reports them.
const (
	CloudStatusInProgress = "InProgress"
	CloudStatusDeployed   = "Deployed"
)

// LiveDistribution is what CloudFront reports about a distribution.
type LiveDistribution struct {
	ID               string
	ARN              string
	DomainName       string
	Status           string // InProgress | Deployed
	ETag             string
	LastModifiedTime time.Time
	Config           DistributionConfig
}

// Invalidation is a CloudFront cache invalidation.
type Invalidation struct {
	ID         string
	Status     string // InProgress | Completed
	Paths      []string
	CreateTime time.Time
}

// CDN is the CloudFront control plane, as the worker uses it. Errors: ErrNotFound,
// *AlreadyExistsError (CallerReference reused; carries the existing id),
// ErrPreconditionFailed (stale IfMatch), ErrConflict (e.g. DistributionNotDisabled,
// TooManyInvalidationsInProgress), ErrThrottled, or a PermanentError for rejected input.
type CDN interface {
	CreateDistribution(ctx context.Context, cfg DistributionConfig) (LiveDistribution, error)
	GetDistribution(ctx context.Context, id string) (LiveDistribution, error)
	UpdateDistribution(ctx context.Context, id string, cfg DistributionConfig, ifMatch string) (LiveDistribution, error)
	DeleteDistribution(ctx context.Context, id string, ifMatch string) error
	// FindDistribution returns the distribution created with callerReference (ErrNotFound when
	// there is none): a create whose response was lost leaves one nobody recorded. since
	// narrows the search to distributions modified after it (the operation's start).
	FindDistribution(ctx context.Context, callerReference string, since time.Time) (LiveDistribution, error)
	CreateInvalidation(ctx context.Context, distributionID, callerReference string, paths []string) (Invalidation, error)
	GetInvalidation(ctx context.Context, distributionID, id string) (Invalidation, error)
}

// OriginAccessControl is a CloudFront OAC (always S3, sigv4, always sign).
type OriginAccessControl struct {
	ID   string
	Name string
	ETag string
}

// OriginAccessControls manages OACs. Create with an existing name returns *AlreadyExistsError
// carrying the existing id; Delete of a missing one returns ErrNotFound; an OAC still in use is
// ErrConflict.
type OriginAccessControls interface {
	CreateOriginAccessControl(ctx context.Context, name, description string) (OriginAccessControl, error)
	GetOriginAccessControl(ctx context.Context, id string) (OriginAccessControl, error)
	DeleteOriginAccessControl(ctx context.Context, id, ifMatch string) error
}

// OriginRequestPolicies ensures the product's origin request policy that forwards the viewer
// location headers the routing function needs. EnsureOriginRequestPolicy is idempotent by name.
type OriginRequestPolicies interface {
	EnsureOriginRequestPolicy(ctx context.Context, name string, headers []string) (id string, err error)
}

// CloudFrontFunction is a CloudFront Function as deployed.
type CloudFrontFunction struct {
	Name  string
	ARN   string
	ETag  string
	Stage string // DEVELOPMENT | LIVE
}

// CloudFrontFunctions manages CloudFront Functions (runtime cloudfront-js-2.0).
// Create of an existing name returns *AlreadyExistsError; Delete of a missing one ErrNotFound.
type CloudFrontFunctions interface {
	CreateFunction(ctx context.Context, name, comment string, code []byte) (CloudFrontFunction, error)
	DescribeFunction(ctx context.Context, name string) (CloudFrontFunction, error)
	UpdateFunction(ctx context.Context, name, ifMatch, comment string, code []byte) (CloudFrontFunction, error)
	PublishFunction(ctx context.Context, name, ifMatch string) (CloudFrontFunction, error)
	DeleteFunction(ctx context.Context, name, ifMatch string) error
}

// Tagger tags distributions the product creates (owner, operation, product, and the
// request's tags). ListTags returns every tag of the resource; UntagResource removes keys
// (an absent key is no error).
type Tagger interface {
	TagResource(ctx context.Context, arn string, tags map[string]string) error
	UntagResource(ctx context.Context, arn string, keys []string) error
	ListTags(ctx context.Context, arn string) (map[string]string, error)
}

// ResponseHeadersPolicyStore ensures the product's response headers policies. Ensure is
// idempotent by name: it finds the policy named spec.Name, else creates it (a lost race with
// another creator finds it again). Delete of a missing one is ErrNotFound; of one a
// distribution still uses ErrConflict.
type ResponseHeadersPolicyStore interface {
	EnsureResponseHeadersPolicy(ctx context.Context, spec ResponseHeadersPolicySpec) (id string, err error)
	DeleteResponseHeadersPolicy(ctx context.Context, name string) error
}

// LambdaOriginAccess ensures the product's Origin Access Control of origin type lambda (sigv4,
// always sign), by name, for Lambda function URL origins.
type LambdaOriginAccess interface {
	EnsureLambdaOriginAccessControl(ctx context.Context, name string) (id string, err error)
}

// DeploymentStatus is one row of a distribution list: enough to see a deployment finish.
type DeploymentStatus struct {
	ID               string
	ARN              string
	DomainName       string
	Status           string // InProgress | Deployed
	LastModifiedTime time.Time
}

// DistributionStatuses lists the account's distributions with their deployment status, one
// page per call (marker "" = the first; next "" = the last): what the deployment watcher reads
// on each tick, so its reads grow with the account's page count, not with what is in flight.
type DistributionStatuses interface {
	ListDistributionStatuses(ctx context.Context, marker string) (page []DeploymentStatus, next string, err error)
}
