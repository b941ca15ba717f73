package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cmd/lambda/lambdatest"
)

// TestEventBridgeEvents runs every EventBridge fixture (CloudTrail records of CloudFront calls,
// the schedule) through the Lambda's handler against moto. None of the fixtures' distributions
// is managed here, so each is handled without error and without a retry; the drift outcomes
// are covered in app and in cfm-local's AWS-mode end-to-end test.
func TestEventBridgeEvents(t *testing.T) {
	lambdatest.Setenv(t, lambdatest.Env(t, lambdatest.NewIssuer(t)))
	h, err := newHandler(context.Background())
	require.NoError(t, err)
	names, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "eventbridge", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, names)
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			raw, err := os.ReadFile(name)
			require.NoError(t, err)
			var ev lambdaevents.EventBridgeEvent
			require.NoError(t, json.Unmarshal(raw, &ev))
			require.NoError(t, h(context.Background(), ev))
		})
	}
}
