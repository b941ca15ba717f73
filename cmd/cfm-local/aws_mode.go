package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/cloudfront-manager/cfm/app/intake"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/adapters/aws/eventbus"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/adapters/local/bus"
	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/app/shared"
	appwatch "github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/handlers/httpapi"
	"github.com/cloudfront-manager/cfm/handlers/worker"
)

// The AWS mode (CFM_AWS_ENDPOINT_URL set): the whole product in one process on the AWS
// adapters, against an emulator such as moto. On start it creates the table, the queues and
// the event bus (named after cfg.AWSName) if missing; the workers poll SQS with worker.Poller
// (no Lambda event source locally). CloudFront, S3, ACM and Lambda@Edge are the real adapters
// too, so nothing is simulated in-process. Moto 5.2.5 emulates most CloudFront calls the
// product makes (create with CallerReference, get/update/delete, invalidations, OACs, creating
// and deleting functions, tags) and moves a distribution from InProgress to Deployed, but it
// lacks origin request policies, PublishFunction and UpdateFunction, so a multi-origin
// distribution cannot complete against it (README, "On AWS"): the adapters classify such an
// answer as a permanent unsupported-API error (awserr.ErrUnsupportedAPI), so the operation
// fails at once with it. Lambda@Edge targets are refused (no edge role in this mode). Events go to the EventBridge
// bus and, for local eyes and tests, to the data directory's events.jsonl.
func startAWS(ctx context.Context, cfg config, s *system) (*system, error) {
	awsCfg, err := awsconfig.New(ctx, awsconfig.Options{Endpoint: cfg.AWSEndpoint, Region: cfg.AWSRegion})
	if err != nil {
		return nil, err
	}
	env, err := provision(ctx, cfg, awsCfg)
	if err != nil {
		return nil, err
	}
	s.Bus, err = bus.Open(filepath.Join(cfg.DataDir, "events.jsonl"))
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, s.Bus.Close)
	s.Deps = compose.Deps(awsCfg, env)
	s.Deps.Bus = teePublisher{s.Deps.Bus, s.Bus}
	s.Deps.Timing = shared.Timing{PollInitial: cfg.PollInitial, PollMax: 30 * time.Second, OperationTimeout: 2 * time.Hour,
		ExpectedDeploy: 5 * time.Second, StuckAfter: time.Minute,
		WatchTick: watchTick(cfg.WatchTick), WatchJitter: watchTick(cfg.WatchTick) / 5}
	idp, err := identity.Open(filepath.Join(cfg.DataDir, "identity"), cfg.PublicURL+"/local", localAudience)
	if err != nil {
		return nil, err
	}
	auth, err := jwtauth.New(ctx, jwtauth.Config{Issuer: idp.Issuer(), Audience: localAudience, Keyfunc: idp.Keyfunc()})
	if err != nil {
		return nil, err
	}
	if err := (intake.Templates{Deps: s.Deps}).EnsureShipped(ctx); err != nil {
		return nil, err
	}
	extra, err := localRoutes(cfg, idp)
	if err != nil {
		return nil, err
	}
	s.Handler = httpapi.New(httpapi.Config{Auth: auth, Deps: s.Deps,
		Health: func() map[string]any {
			return map[string]any{"mode": "aws", "endpoint": cfg.AWSEndpoint, "table": env.Table}
		},
		Extra:         extra,
		ConsoleOrigin: cfg.ConsoleOrigin})
	queues := sqsqueue.New(awsconfig.NewSQS(awsCfg), sqsqueue.URLs{Commands: env.CommandQueueURL, Polls: env.PollQueueURL,
		CommandsDLQ: env.CommandDLQURL, PollsDLQ: env.PollDLQURL}, sqsqueue.WithWaitTime(time.Second))
	s.startWorkers(sqsSource{queues}, cfg.Visibility, cfg.Workers)
	s.startDriftCheck(time.Minute)
	slog.Info("AWS mode", "endpoint", cfg.AWSEndpoint, "table", env.Table, "commands", env.CommandQueueURL,
		"polls", env.PollQueueURL, "bus", env.EventBus)
	return s, nil
}

// provision creates (or finds) the table, queues and bus of the AWS mode.
func provision(ctx context.Context, cfg config, awsCfg aws.Config) (compose.Env, error) {
	// No EdgeRoleARN: the deployed product gets its Lambda@Edge execution role from the CDK
	// stack, and this mode has no IAM client to create one (the product needs IAM nowhere
	// else). Naming a role that does not exist made every Lambda@Edge create retry until its
	// deadline (Lambda answers "cannot be assumed", a transient error); without one the API
	// refuses the lambda-edge target at once (422 naming the field).
	env := compose.Env{Table: cfg.AWSName, EventBus: cfg.AWSName, Policy: cfg.Policy, ResourcePrefix: "cfm", Emulator: cfg.AWSEndpoint}
	if err := dynamo.CreateTable(ctx, awsconfig.NewDynamoDB(awsCfg), env.Table); err != nil {
		return env, fmt.Errorf("create table %s: %w", env.Table, err)
	}
	urls, err := sqsqueue.CreateQueues(ctx, awsconfig.NewSQS(awsCfg), cfg.AWSName)
	if err != nil {
		return env, fmt.Errorf("create queues %s-*: %w", cfg.AWSName, err)
	}
	env.CommandQueueURL, env.PollQueueURL = urls.Commands, urls.Polls
	env.CommandDLQURL, env.PollDLQURL = urls.CommandsDLQ, urls.PollsDLQ
	if _, err := eventbus.CreateBus(ctx, awsconfig.NewEventBridge(awsCfg), env.EventBus); err != nil {
		return env, fmt.Errorf("create event bus %s: %w", env.EventBus, err)
	}
	return env, nil
}

// startDriftCheck runs the periodic drift check (moto records no CloudTrail events).
func (s *system) startDriftCheck(every time.Duration) {
	w := appwatch.Watch{Deps: s.Deps}
	ctx, cancel := context.WithCancel(context.Background())
	prev := s.cancel
	s.cancel = func() { cancel(); prev() }
	s.wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if rep, err := w.CheckAll(ctx); err != nil && ctx.Err() == nil {
					slog.Warn("drift check failed", "error", err)
				} else if rep.Drifted > 0 {
					slog.Warn("drift found", "drifted", rep.Drifted, "checked", rep.Checked)
				}
			}
		}
	})
}

// teePublisher publishes to the bus, then to the local event log.
type teePublisher struct{ primary, local domain.Publisher }

func (t teePublisher) Publish(ctx context.Context, evs ...domain.Event) error {
	if err := t.primary.Publish(ctx, evs...); err != nil {
		return err
	}
	if err := t.local.Publish(ctx, evs...); err != nil {
		return fmt.Errorf("local event log: %w", err)
	}
	return nil
}

// sqsSource adapts the SQS queues to the poller.
type sqsSource struct{ q *sqsqueue.Queues }

func (s sqsSource) Receive(ctx context.Context, name string, n int, vis time.Duration) ([]worker.Delivery, error) {
	ds, err := s.q.Receive(ctx, name, n, vis)
	out := make([]worker.Delivery, 0, len(ds))
	for _, d := range ds {
		out = append(out, worker.Delivery{Receipt: d.Receipt, Body: d.Body, ReceiveCount: d.ReceiveCount})
	}
	if errors.Is(err, context.Canceled) {
		return out, nil
	}
	return out, err
}

func (s sqsSource) Ack(ctx context.Context, name, receipt string) error {
	return s.q.Ack(ctx, name, receipt)
}

func (s sqsSource) Release(ctx context.Context, name, receipt string, d time.Duration) error {
	return s.q.Release(ctx, name, receipt, d)
}
