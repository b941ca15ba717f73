package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/cmd/lambda/lambdatest"
	"github.com/cloudfront-manager/cfm/domain"
)

// TestAPIGatewayProxyEvents runs API Gateway REST proxy events through the Lambda's handler,
// built from the environment as at a cold start, against moto and a test key set.
func TestAPIGatewayProxyEvents(t *testing.T) {
	iss := lambdatest.NewIssuer(t)
	env := lambdatest.Env(t, iss)
	lambdatest.Setenv(t, env)
	h, err := newHandler(context.Background())
	require.NoError(t, err)
	vars := map[string]string{"TOKEN": iss.Token(t, "alice", domain.GroupDevelopers), "IDEMPOTENCY_KEY": "apigw-1"}

	cases := []struct {
		fixture string
		status  int
		check   func(t *testing.T, body map[string]any)
	}{
		{"list-distributions-no-token.json", http.StatusUnauthorized, func(t *testing.T, b map[string]any) {
			assert.Equal(t, false, b["success"])
		}},
		{"list-distributions.json", http.StatusOK, func(t *testing.T, b map[string]any) {
			assert.Equal(t, true, b["success"])
			assert.Equal(t, []any{}, b["data"].(map[string]any)["distributions"])
		}},
		{"get-distribution-unknown.json", http.StatusNotFound, nil},
		{"create-distribution.json", http.StatusAccepted, func(t *testing.T, b map[string]any) {
			op := b["data"].(map[string]any)["operation"].(map[string]any)
			assert.Equal(t, "Accepted", op["status"])
		}},
		{"local-token.json", http.StatusNotFound, nil}, // the local identity provider is not mounted
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			var ev lambdaevents.APIGatewayProxyRequest
			require.NoError(t, json.Unmarshal(lambdatest.Fixture(t, "apigateway/"+tc.fixture, vars), &ev))
			resp, err := h(context.Background(), ev)
			require.NoError(t, err)
			assert.Equal(t, tc.status, resp.StatusCode, resp.Body)
			assert.Equal(t, []string{"nosniff"}, resp.MultiValueHeaders["X-Content-Type-Options"])
			if tc.check != nil {
				var body map[string]any
				require.NoError(t, json.Unmarshal([]byte(resp.Body), &body), resp.Body)
				tc.check(t, body)
			}
		})
	}

	// The accepted create sent its command to the FIFO queue on moto.
	q := sqsqueue.New(awsconfig.NewSQS(awstest.Config(t)), sqsqueue.URLs{Commands: env["CFM_COMMAND_QUEUE_URL"]})
	ds, err := q.Receive(context.Background(), domain.QueueCommands, 10, 0)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Contains(t, string(ds[0].Body), `"type":"operation.execute"`)
}

// TestLambdaResponsesCarryCORSForTheConsole: on AWS the function's own responses (errors too)
// carry the console's origin, not only API Gateway's preflight; other origins get nothing.
func TestLambdaResponsesCarryCORSForTheConsole(t *testing.T) {
	iss := lambdatest.NewIssuer(t)
	lambdatest.Setenv(t, lambdatest.Env(t, iss))
	const console = "https://console.example.com"
	t.Setenv("CFM_CONSOLE_ORIGIN", console)
	h, err := newHandler(context.Background())
	require.NoError(t, err)
	vars := map[string]string{"TOKEN": iss.Token(t, "alice", domain.GroupDevelopers), "IDEMPOTENCY_KEY": "apigw-cors"}
	for _, tc := range []struct {
		fixture, origin string
		status          int
		allowed         bool
	}{
		{"list-distributions-no-token.json", console, http.StatusUnauthorized, true},
		{"list-distributions.json", console, http.StatusOK, true},
		{"get-distribution-unknown.json", console, http.StatusNotFound, true},
		{"list-distributions.json", "https://evil.example", http.StatusOK, false},
	} {
		t.Run(tc.fixture+" "+tc.origin, func(t *testing.T) {
			var ev lambdaevents.APIGatewayProxyRequest
			require.NoError(t, json.Unmarshal(lambdatest.Fixture(t, "apigateway/"+tc.fixture, vars), &ev))
			if ev.Headers == nil {
				ev.Headers = map[string]string{}
			}
			if ev.MultiValueHeaders == nil {
				ev.MultiValueHeaders = map[string][]string{}
			}
			ev.Headers["Origin"], ev.MultiValueHeaders["Origin"] = tc.origin, []string{tc.origin}
			resp, err := h(context.Background(), ev)
			require.NoError(t, err)
			assert.Equal(t, tc.status, resp.StatusCode, resp.Body)
			if tc.allowed {
				assert.Equal(t, []string{console}, resp.MultiValueHeaders["Access-Control-Allow-Origin"])
			} else {
				assert.Empty(t, resp.MultiValueHeaders["Access-Control-Allow-Origin"])
			}
		})
	}
}
