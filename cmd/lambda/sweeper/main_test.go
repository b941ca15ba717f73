package main

import (
	"context"
	"encoding/json"
	"testing"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/cmd/lambda/lambdatest"
)

// TestScheduledSweep runs the schedule's event through the Lambda's handler against moto: the
// status index is queried page by page and nothing is stuck in a fresh table.
func TestScheduledSweep(t *testing.T) {
	lambdatest.Setenv(t, lambdatest.Env(t, lambdatest.NewIssuer(t)))
	h, err := newHandler(context.Background())
	require.NoError(t, err)
	var ev lambdaevents.EventBridgeEvent
	require.NoError(t, json.Unmarshal(lambdatest.Fixture(t, "eventbridge/scheduled-event.json", nil), &ev))
	rep, err := h(context.Background(), ev)
	require.NoError(t, err)
	assert.Equal(t, converge.SweepReport{}, rep)
}

func TestColdStartFailsOnMissingConfiguration(t *testing.T) {
	for _, k := range []string{"CFM_TABLE_NAME", "CFM_COMMAND_QUEUE_URL", "CFM_EVENT_BUS_NAME"} {
		t.Setenv(k, "")
	}
	_, err := newHandler(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CFM_TABLE_NAME is not set")
	assert.Contains(t, err.Error(), "CFM_EVENT_BUS_NAME is not set")
}
