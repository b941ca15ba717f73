// Command sweeper is the sweeper Lambda: an EventBridge schedule re-sends operations stuck in
// Accepted or Running and fails those past their deadline.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
)

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		slog.Error("sweeper cold start failed", "error", err)
		os.Exit(1)
	}
	lambda.StartHandlerFunc(h)
}

func newHandler(ctx context.Context) (func(context.Context, lambdaevents.EventBridgeEvent) (converge.SweepReport, error), error) {
	deps, _, err := compose.Load(ctx, compose.Sweeper)
	if err != nil {
		return nil, err
	}
	sw := converge.Sweeper{Deps: deps}
	return func(ctx context.Context, ev lambdaevents.EventBridgeEvent) (converge.SweepReport, error) {
		rep, err := sw.Sweep(ctx)
		if err != nil {
			return rep, fmt.Errorf("sweep (%s %s): %w", ev.DetailType, ev.ID, err)
		}
		deps.Log.InfoContext(ctx, "sweep", "relayed", rep.Relayed, "resent", rep.Resent, "failed", rep.Failed, "watched", rep.Watched)
		return rep, nil
	}, nil
}
