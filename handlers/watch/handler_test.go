package watch_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	appwatch "github.com/cloudfront-manager/cfm/app/watch"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/handlers/watch"
)

// recorder is a Watcher that records what it is asked.
type recorder struct {
	calls  []events.CloudTrailCall
	checks int
	err    error
}

func (r *recorder) HandleCloudTrail(_ context.Context, c events.CloudTrailCall) (appwatch.WatchOutcome, error) {
	r.calls = append(r.calls, c)
	return appwatch.WatchDrifted, r.err
}

func (r *recorder) CheckAll(context.Context) (appwatch.DriftCheckReport, error) {
	r.checks++
	return appwatch.DriftCheckReport{Checked: 3}, r.err
}

func fixture(t *testing.T, name string) lambdaevents.EventBridgeEvent {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "eventbridge", name))
	require.NoError(t, err)
	var ev lambdaevents.EventBridgeEvent
	require.NoError(t, json.Unmarshal(raw, &ev))
	return ev
}

func TestHandleDispatchesOnDetailType(t *testing.T) {
	t.Parallel()
	cases := []struct {
		fixture   string
		action    string
		actor     string
		cfID      string
		readOnly  bool
		errorCode string
	}{
		{"cloudtrail-update-distribution-console.json", "UpdateDistribution",
			"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", "E2QWRUHAPOMQZL", false, ""},
		{"cloudtrail-update-distribution-worker.json", "UpdateDistribution", "arn:aws:iam::123456789012:role/cfm-worker-role-1A2B3C4D5E6F", "E2QWRUHAPOMQZL", false, ""},
		{"cloudtrail-delete-distribution.json", "DeleteDistribution", "arn:aws:iam::123456789012:user/ops-bob", "E2QWRUHAPOMQZL", false, ""},
		{"cloudtrail-create-invalidation.json", "CreateInvalidation", "arn:aws:iam::123456789012:role/github-deploy", "E2QWRUHAPOMQZL", false, ""},
		{"cloudtrail-get-distribution.json", "GetDistribution", "arn:aws:iam::123456789012:user/ops-bob", "E2QWRUHAPOMQZL", true, ""},
		{"cloudtrail-update-distribution-failed.json", "UpdateDistribution", "arn:aws:iam::123456789012:user/ops-bob", "E2QWRUHAPOMQZL", false, "PreconditionFailed"},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			require.NoError(t, watch.Handler{Watch: rec}.Handle(context.Background(), fixture(t, tc.fixture)))
			require.Len(t, rec.calls, 1)
			c := rec.calls[0]
			assert.Equal(t, events.CloudFrontEventSource, c.EventSource)
			assert.Equal(t, tc.action, c.Action())
			assert.Equal(t, tc.actor, c.Actor())
			assert.Equal(t, tc.cfID, c.DistributionID())
			assert.Equal(t, tc.readOnly, c.ReadOnly)
			assert.Equal(t, tc.errorCode, c.ErrorCode)
			assert.NotEmpty(t, c.EventID)
			assert.False(t, c.EventTime.IsZero())
			assert.Zero(t, rec.checks)
		})
	}
}

func TestHandleRunsTheDriftCheckOnSchedule(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	require.NoError(t, watch.Handler{Watch: rec}.Handle(context.Background(), fixture(t, "scheduled-event.json")))
	assert.Equal(t, 1, rec.checks)
	assert.Empty(t, rec.calls)
}

func TestHandleErrorsAndDrops(t *testing.T) {
	t.Parallel()
	boom := errors.New("store unavailable")
	rec := &recorder{err: boom}
	err := watch.Handler{Watch: rec}.Handle(context.Background(), fixture(t, "cloudtrail-delete-distribution.json"))
	require.ErrorIs(t, err, boom, "a failure is returned so that Lambda retries the event")
	assert.Contains(t, err.Error(), "DeleteDistribution2020_05_31")

	rec = &recorder{}
	bad := fixture(t, "cloudtrail-delete-distribution.json")
	bad.Detail = json.RawMessage(`{"eventSource": 5}`)
	assert.NoError(t, watch.Handler{Watch: rec}.Handle(context.Background(), bad), "an undecodable record is dropped")
	other := fixture(t, "cloudtrail-delete-distribution.json")
	other.DetailType = "EC2 Instance State-change Notification"
	assert.NoError(t, watch.Handler{Watch: rec}.Handle(context.Background(), other))
	assert.Empty(t, rec.calls)
}
