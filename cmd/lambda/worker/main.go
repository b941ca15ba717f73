// Command worker is the worker Lambda: SQS event sources on the command FIFO queue and the
// deployment-poll queue, reporting partial batch failures (ReportBatchItemFailures) and making
// each failed message visible again after the delay its error asks for; and on both dead-letter
// queues, whose records fail their operations.
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
	cfg, env, err := compose.LoadConfig(ctx, compose.Worker)
	if err != nil {
		return nil, err
	}
	deps := compose.Deps(cfg, env)
	w := converge.Worker{Deps: deps}
	return worker.Handler{Exec: w, DeadLetters: w, Queues: compose.Queues(cfg, env), Log: deps.Log}.HandleSQS, nil
}
