// Command watch is the watch Lambda: EventBridge rule target for CloudTrail records of
// CloudFront API calls (us-east-1) and, optionally, a schedule for the periodic drift check.
package main

import (
	"context"
	"log/slog"
	"os"

	appwatch "github.com/cloudfront-manager/cfm/app/watch"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
	"github.com/cloudfront-manager/cfm/handlers/watch"
)

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		slog.Error("watch cold start failed", "error", err)
		os.Exit(1)
	}
	lambda.Start(h) // no result: StartHandlerFunc needs one
}

func newHandler(ctx context.Context) (func(context.Context, lambdaevents.EventBridgeEvent) error, error) {
	deps, env, err := compose.Load(ctx, compose.Watch)
	if err != nil {
		return nil, err
	}
	return watch.Handler{Watch: appwatch.Watch{Deps: deps, OwnPrincipal: env.WorkerRoleARN}, Log: deps.Log}.Handle, nil
}
