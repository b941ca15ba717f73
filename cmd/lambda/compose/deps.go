package compose

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudfront-manager/cfm/adapters/aws/acmcerts"
	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/cloudfront"
	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/adapters/aws/eventbus"
	"github.com/cloudfront-manager/cfm/adapters/aws/lambdaedge"
	"github.com/cloudfront-manager/cfm/adapters/aws/s3buckets"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// IdempotencyTTL is how long an Idempotency-Key is remembered.
const IdempotencyTTL = 24 * time.Hour

// Deps builds the use-case dependencies on the AWS adapters. Building makes no network call.
func Deps(cfg aws.Config, e Env) shared.Deps {
	// Distributions are born tagged: the IAM policy scopes every later call on this tag.
	// An emulator's distribution list may carry no real modification times (moto's do not).
	cf := cloudfront.New(cfg, cloudfront.Options{CreateTags: map[string]string{converge.ManagedByTag: e.ResourcePrefix},
		ReadAllOnFind: e.Emulator != ""})
	var bus domain.Publisher = noBus{}
	if e.EventBus != "" {
		bus = eventbus.New(awsconfig.NewEventBridge(cfg), e.EventBus)
	}
	return shared.Deps{
		Store: dynamo.New(awsconfig.NewDynamoDB(cfg), e.Table, dynamo.ExpireAfter(domain.KindIdempotency, IdempotencyTTL)),
		Queue: Queues(cfg, e),
		Bus:   bus,
		Cloud: shared.Cloud{CDN: cf, OACs: cf, RequestPols: cf, HeaderPols: cf, LambdaOAC: cf, CFFunctions: cf, Tagger: cf,
			Buckets: s3buckets.New(cfg, s3buckets.Options{}), Certificates: acmcerts.New(cfg),
			Lambdas: lambdaedge.New(cfg, lambdaedge.Options{}), Statuses: cf},
		Policy: e.Policy, Timing: shared.DefaultTiming(), Prefix: e.ResourcePrefix, EdgeRoleARN: e.EdgeRoleARN,
		Log: slog.Default(),
	}
}

// Queues are the product's queues (the dead-letter queues too, when configured).
func Queues(cfg aws.Config, e Env) *sqsqueue.Queues {
	return sqsqueue.New(awsconfig.NewSQS(cfg), sqsqueue.URLs{Commands: e.CommandQueueURL, Polls: e.PollQueueURL,
		CommandsDLQ: e.CommandDLQURL, PollsDLQ: e.PollDLQURL})
}

// Load reads the environment of role and builds its dependencies: the one cold-start step
// every binary shares. The AWS config honours CFM_AWS_ENDPOINT_URL.
func Load(ctx context.Context, role Role) (shared.Deps, Env, error) {
	cfg, e, err := LoadConfig(ctx, role)
	if err != nil {
		return shared.Deps{}, Env{}, err
	}
	return Deps(cfg, e), e, nil
}

// LoadConfig reads the environment of role and the AWS config, for a binary that builds more
// than Deps from them.
func LoadConfig(ctx context.Context, role Role) (aws.Config, Env, error) {
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})).With("fn", string(role)))
	e, err := ReadEnv(role)
	if err != nil {
		return aws.Config{}, Env{}, err
	}
	cfg, err := awsconfig.Load(ctx, "")
	if err != nil {
		return aws.Config{}, Env{}, fmt.Errorf("%s: %w", role, err)
	}
	return cfg, e, nil
}

// noBus stands in when a binary has no event bus configured (the API publishes nothing).
type noBus struct{}

func (noBus) Publish(context.Context, ...domain.Event) error {
	return domain.Permanent(errors.New("no event bus configured (CFM_EVENT_BUS_NAME)"))
}
