// Command api is the API Lambda: the same handlers/httpapi handler as cfm-local, behind an
// API Gateway REST API (proxy integration). The local-only /local/token routes are not mounted.
package main

import (
	"context"
	"fmt"
	"github.com/cloudfront-manager/cfm/app/intake"
	"log/slog"
	"os"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/awslabs/aws-lambda-go-api-proxy/httpadapter"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/cmd/lambda/compose"
	"github.com/cloudfront-manager/cfm/handlers/httpapi"
)

func main() {
	h, err := newHandler(context.Background())
	if err != nil {
		slog.Error("api cold start failed", "error", err)
		os.Exit(1)
	}
	lambda.StartHandlerFunc(h)
}

// newHandler builds the proxy handler once, at cold start. The JWKS is fetched now and
// refreshed in the background for the life of the execution environment.
func newHandler(ctx context.Context) (func(context.Context, lambdaevents.APIGatewayProxyRequest) (lambdaevents.APIGatewayProxyResponse, error), error) {
	deps, env, err := compose.Load(ctx, compose.API)
	if err != nil {
		return nil, err
	}
	if err := (intake.Templates{Deps: deps}).EnsureShipped(ctx); err != nil {
		return nil, err
	}
	auth, err := jwtauth.New(ctx, jwtauth.Config{Issuer: env.JWTIssuer, Audience: env.JWTAudience, JWKSURL: env.JWKSURL})
	if err != nil {
		return nil, fmt.Errorf("token verifier: %w", err)
	}
	api := httpapi.New(httpapi.Config{Auth: auth, Deps: deps, ConsoleOrigin: env.ConsoleOrigin,
		Health: func() map[string]any { return map[string]any{"mode": "lambda"} }})
	return httpadapter.New(api).ProxyWithContext, nil
}
