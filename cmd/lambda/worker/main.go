// Command worker is the worker Lambda: SQS event source on the command FIFO queue and on the
// deployment-poll queue, reporting partial batch failures (ReportBatchItemFailures).
package main

import (
	"context"
	"log/slog"
	"os"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
	"github.com/cloudfront-manager/cfm/handlers/worker"
)

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		slog.Error("worker cold start failed", "error", err)
		os.Exit(1)
	}
	lambda.StartHandlerFunc(h)
}

func newHandler(ctx context.Context) (func(context.Context, lambdaevents.SQSEvent) (lambdaevents.SQSEventResponse, error), error) {
	deps, _, err := compose.Load(ctx, compose.Worker)
	if err != nil {
		return nil, err
	}
	return worker.Handler{Exec: converge.Worker{Deps: deps}, Log: deps.Log}.HandleSQS, nil
}
