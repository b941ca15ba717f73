package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/cloudfront"
	"github.com/cloudfront-manager/cfm/app/intake"
	appwatch "github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/events/schemas"
)

// startAWSMode runs the whole system on the AWS adapters against the moto server, with a
// table, queues and bus of its own.
func startAWSMode(t *testing.T) (*system, *client) {
	t.Helper()
	return startAWSModeWith(t, nil)
}

// startAWSModeWith is startAWSMode with a changed config (e.g. a stricter policy).
func startAWSModeWith(t *testing.T, change func(*config)) (*system, *client) {
	t.Helper()
	cfg := config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), PollInitial: 100 * time.Millisecond, WatchTick: 100 * time.Millisecond, Visibility: 30 * time.Second,
		Policy: domain.DefaultPolicy(), PublicURL: "http://cfm.test",
		AWSEndpoint: awstest.Endpoint(t), AWSName: awstest.Name(t, "cfm"), AWSRegion: awstest.Region}
	if change != nil {
		change(&cfg)
	}
	sys, err := start(context.Background(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(sys.Handler)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, sys.Close())
	})
	return sys, &client{t: t, base: srv.URL}
}

// schemaCheck validates every event the system publishes against its JSON Schema.
type schemaCheck struct {
	mu    sync.Mutex
	v     *schemas.Validator
	types []string
	errs  []error
}

func watchSchemas(t *testing.T, sys *system) *schemaCheck {
	t.Helper()
	v, err := schemas.NewValidator()
	require.NoError(t, err)
	c := &schemaCheck{v: v}
	sys.Bus.Subscribe(func(e domain.Event) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.types = append(c.types, e.Type)
		if err := c.v.Validate(e.Type, e.Detail); err != nil {
			c.errs = append(c.errs, err)
		}
	})
	return c
}

func (c *schemaCheck) published() ([]string, []error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.types...), append([]error(nil), c.errs...)
}

// TestEndToEndCreateDistributionUntilDeployedInBothModes is the create journey on the embedded
// defaults and on the AWS adapters (moto); every published event must match its schema.
func TestEndToEndCreateDistributionUntilDeployedInBothModes(t *testing.T) {
	modes := []struct {
		name  string
		start func(t *testing.T) (*system, *client)
	}{
		{"embedded", func(t *testing.T) (*system, *client) { return startLocal(t, t.TempDir()) }},
		{"aws", startAWSMode},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			sys, anon := m.start(t)
			check := watchSchemas(t, sys)
			alice := anon.login("alice", "developers")

			r := alice.do("POST", "/api/distributions", seedCreateBody("my site"))
			require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
			opID := dig(r.Body, "data", "operation", "id").(string)
			distID := dig(r.Body, "data", "distribution", "id").(string)
			assert.Equal(t, "Creating", dig(r.Body, "data", "distribution", "status"))

			op := alice.waitOperation(opID, 60*time.Second)
			require.Equal(t, "Succeeded", op["status"], op)

			r = alice.do("GET", "/api/distributions/"+distID, nil)
			require.Equal(t, http.StatusOK, r.Status)
			got := dig(r.Body, "data", "distribution").(map[string]any)
			assert.Equal(t, "Deployed", got["status"])
			assert.Regexp(t, `^[A-Z0-9]{13,14}$`, got["cloudfrontId"])
			assert.Regexp(t, `^[a-z0-9]+\.cloudfront\.net$`, got["domainName"])
			assert.Equal(t, false, got["drifted"])
			assert.Nil(t, got["drift"])

			r = alice.do("GET", "/api/distributions/"+distID+"/status", nil)
			require.Equal(t, http.StatusOK, r.Status)
			assert.EqualValues(t, 100, dig(r.Body, "data", "deploymentProgress"))

			types, errs := check.published()
			assert.Empty(t, errs, "published details that do not match their schema")
			assert.Contains(t, types, events.TypeDistributionDeployed)
			assert.Contains(t, types, events.TypeOperationSucceeded)
		})
	}
}

// TestEndToEndAWSModeDriftFromCloudTrail changes a distribution on moto behind the product's
// back, delivers the CloudTrail record, and reads the drift through the API.
func TestEndToEndAWSModeDriftFromCloudTrail(t *testing.T) {
	sys, anon := startAWSMode(t)
	check := watchSchemas(t, sys)
	alice := anon.login("alice", "developers")
	r := alice.do("POST", "/api/distributions", seedCreateBody("drift"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	distID := dig(r.Body, "data", "distribution", "id").(string)
	require.Equal(t, "Succeeded", alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 60*time.Second)["status"])
	cfID := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution", "cloudfrontId").(string)

	ctx := context.Background()
	watcher := appwatch.Watch{Deps: sys.Deps, OwnPrincipal: ":role/cfm-worker-role-"}
	// A record of an outside call that changed nothing: the live config read back from moto
	// equals the applied one (no false drift from the SDK round trip).
	out, err := watcher.HandleCloudTrail(ctx, cloudTrailFixture(t, "cloudtrail-update-distribution-console.json", cfID))
	require.NoError(t, err)
	if out != appwatch.WatchInSync {
		d, _ := intake.Distributions{Deps: sys.Deps}.Get(ctx, domain.Principal{Username: "t", Groups: []string{"developers"}}, distID)
		rep, _ := intake.Distributions{Deps: sys.Deps}.Drift(ctx, d)
		b, _ := json.MarshalIndent(rep, "", " ")
		t.Fatalf("false drift after the SDK round trip: %s", b)
	}

	// Someone edits the comment in the console.
	cf := cloudfront.New(awstest.Config(t), cloudfront.Options{})
	live, err := cf.GetDistribution(ctx, cfID)
	require.NoError(t, err)
	before := live.Config.Comment
	live.Config.Comment = "edited in the console"
	_, err = cf.UpdateDistribution(ctx, cfID, live.Config, live.ETag)
	require.NoError(t, err)

	out, err = watcher.HandleCloudTrail(ctx, cloudTrailFixture(t, "cloudtrail-update-distribution-console.json", cfID))
	require.NoError(t, err)
	require.Equal(t, appwatch.WatchDrifted, out)

	got := dig(alice.do("GET", "/api/distributions/"+distID, nil).Body, "data", "distribution").(map[string]any)
	assert.Equal(t, true, got["drifted"])
	assert.Equal(t, "UpdateDistribution", dig(got, "drift", "eventName"))
	assert.Equal(t, []any{map[string]any{"path": "Comment", "from": before, "to": "edited in the console"}}, dig(got, "drift", "changes"))

	types, errs := check.published()
	assert.Empty(t, errs)
	assert.Contains(t, types, events.TypeDistributionDrifted)
}

// cloudTrailFixture reads a CloudTrail EventBridge fixture about cloudFrontID.
func cloudTrailFixture(t *testing.T, name, cloudFrontID string) events.CloudTrailCall {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "eventbridge", name))
	require.NoError(t, err)
	var env struct {
		Detail json.RawMessage `json:"detail"`
	}
	require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(raw), "E2QWRUHAPOMQZL", cloudFrontID)), &env))
	c, err := events.ParseCloudTrailCall(env.Detail)
	require.NoError(t, err)
	return c
}
