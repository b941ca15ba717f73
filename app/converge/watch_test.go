package converge_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/watch"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/events/schemas"
)

// fixtureID is the CloudFront id in the CloudTrail fixtures; tests put the real one in its place.
const fixtureID = "E2QWRUHAPOMQZL"

// liveCDN keeps live configs: what the product creates, and what "someone else" changes.
type liveCDN struct {
	domain.CDN
	mu   sync.Mutex
	byID map[string]domain.LiveDistribution
	gets int
}

func (c *liveCDN) CreateDistribution(_ context.Context, cfg domain.DistributionConfig) (domain.LiveDistribution, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := fmt.Sprintf("ELIVE%09d", len(c.byID)+1)
	l := domain.LiveDistribution{ID: id, ARN: "arn:aws:cloudfront::123456789012:distribution/" + id,
		DomainName: strings.ToLower(id) + ".cloudfront.net", Status: domain.CloudStatusInProgress, ETag: "E1", Config: cfg}
	c.byID[id] = l
	return l, nil
}

func (c *liveCDN) GetDistribution(_ context.Context, id string) (domain.LiveDistribution, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	l, ok := c.byID[id]
	if !ok {
		return domain.LiveDistribution{}, fmt.Errorf("distribution %s: %w", id, domain.ErrNotFound)
	}
	l.Status = domain.CloudStatusDeployed
	return l, nil
}

// change edits the live config behind the product's back (nil deletes the distribution).
func (c *liveCDN) change(id string, edit func(*domain.DistributionConfig)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if edit == nil {
		delete(c.byID, id)
		return
	}
	l := c.byID[id]
	edit(&l.Config)
	c.byID[id] = l
}

type watchHarness struct {
	*harness
	cdn   *liveCDN
	dist  domain.Distribution
	watch watch.Watch
}

// newWatchHarness creates and deploys one distribution through the real create path.
func newWatchHarness(t *testing.T) *watchHarness {
	t.Helper()
	h := newHarness(t)
	cdn := &liveCDN{byID: map[string]domain.LiveDistribution{}}
	h.deps.Cloud.CDN = cdn
	acc := h.accept(t)
	require.NoError(t, h.handle(t, events.CommandExecute, acc, 0))
	require.NoError(t, h.handle(t, events.CommandCheckDeployment, acc, 1))
	w := &watchHarness{harness: h, cdn: cdn, watch: watch.Watch{Deps: h.deps, OwnPrincipal: ":role/cfm-worker-role-"}}
	w.dist = w.get(t, acc.Resource.ID)
	require.Equal(t, domain.DistributionDeployed, w.dist.Status)
	require.NotEmpty(t, w.dist.CloudFrontID)
	return w
}

func (w *watchHarness) get(t *testing.T, id string) domain.Distribution {
	t.Helper()
	d, err := intake.Distributions{Deps: w.deps}.Get(context.Background(), dev, id)
	require.NoError(t, err)
	return d
}

// call loads an EventBridge fixture and returns its CloudTrail detail about cloudFrontID.
func call(t *testing.T, fixture, cloudFrontID string) events.CloudTrailCall {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "eventbridge", fixture))
	require.NoError(t, err)
	var env struct {
		DetailType string          `json:"detail-type"`
		Detail     json.RawMessage `json:"detail"`
	}
	require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(raw), fixtureID, cloudFrontID)), &env))
	require.Equal(t, events.DetailTypeCloudTrailCall, env.DetailType)
	c, err := events.ParseCloudTrailCall(env.Detail)
	require.NoError(t, err)
	return c
}

// put overwrites the distribution record as another writer would (next version, same keys).
func (w *watchHarness) Put(t *testing.T, d domain.Distribution) {
	t.Helper()
	it, err := w.deps.Store.Get(context.Background(), domain.KindDistribution, d.ID)
	require.NoError(t, err)
	d.Version = it.Version + 1
	body, err := json.Marshal(d)
	require.NoError(t, err)
	it.Version, it.Status, it.Body = d.Version, string(d.Status), body
	require.NoError(t, w.deps.Store.Write(context.Background(), domain.Write{Put: &it}))
}

func (w *watchHarness) handle(t *testing.T, fixture string) watch.WatchOutcome {
	t.Helper()
	out, err := w.watch.HandleCloudTrail(context.Background(), call(t, fixture, w.dist.CloudFrontID))
	require.NoError(t, err)
	return out
}

func (w *watchHarness) history(t *testing.T) []string {
	t.Helper()
	page, err := intake.Distributions{Deps: w.deps}.History(context.Background(), dev, w.dist.ID, intake.PageRequest{Limit: 50})
	require.NoError(t, err)
	var out []string
	for _, h := range page.Items {
		out = append(out, h.Action)
	}
	return out
}

func (w *watchHarness) drifted(t *testing.T) []events.DistributionDrifted {
	t.Helper()
	v, err := schemas.NewValidator()
	require.NoError(t, err)
	var out []events.DistributionDrifted
	w.bus.mu.Lock()
	defer w.bus.mu.Unlock()
	for _, e := range w.bus.events {
		require.NoError(t, v.Validate(e.Type, e.Detail), "every published detail matches its schema")
		if e.Type == events.TypeDistributionDrifted {
			var d events.DistributionDrifted
			require.NoError(t, json.Unmarshal(e.Detail, &d))
			out = append(out, d)
		}
	}
	return out
}

func TestWatchMarksAnOutsideUpdateAsDrift(t *testing.T) {
	t.Parallel()
	w := newWatchHarness(t)
	before := w.dist.AppliedConfig.Comment
	w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) {
		c.Comment = "edited in the console"
		c.DefaultCacheBehavior.ViewerProtocolPolicy = "allow-all"
	})

	assert.Equal(t, watch.WatchDrifted, w.handle(t, "cloudtrail-update-distribution-console.json"))

	d := w.get(t, w.dist.ID)
	assert.True(t, d.Drifted)
	rep, err := intake.Distributions{Deps: w.deps}.Drift(context.Background(), d)
	require.NoError(t, err)
	require.NotNil(t, rep)
	assert.Equal(t, "UpdateDistribution", rep.EventName)
	assert.Equal(t, "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", rep.Actor)
	assert.Equal(t, []domain.Change{
		{Path: "Comment", From: before, To: "edited in the console"},
		{Path: "DefaultCacheBehavior.ViewerProtocolPolicy", From: "redirect-to-https", To: "allow-all"},
	}, rep.Changes)
	assert.Contains(t, w.history(t), "Drifted")
	evs := w.drifted(t)
	require.Len(t, evs, 1)
	assert.Equal(t, w.dist.ID, evs[0].DistributionID)
	assert.Len(t, evs[0].Changes, 2)

	// EventBridge delivers at least once: the same record again changes nothing.
	assert.Equal(t, watch.WatchDuplicate, w.handle(t, "cloudtrail-update-distribution-console.json"))
	assert.Len(t, w.drifted(t), 1)
}

func TestWatchOutcomes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(w *watchHarness)
		fixture string
		want    watch.WatchOutcome
		drifted bool
		history string
	}{
		{name: "the worker's own update", fixture: "cloudtrail-update-distribution-worker.json", want: watch.WatchOwn},
		{name: "own principal unknown, config equal", fixture: "cloudtrail-update-distribution-worker.json", want: watch.WatchInSync,
			setup: func(w *watchHarness) { w.watch.OwnPrincipal = "" }},
		{name: "own principal unknown, config changed", fixture: "cloudtrail-update-distribution-worker.json", want: watch.WatchDrifted, drifted: true,
			setup: func(w *watchHarness) {
				w.watch.OwnPrincipal = ""
				w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) { c.PriceClass = "PriceClass_All" })
			}},
		{name: "outside update that changed nothing", fixture: "cloudtrail-update-distribution-console.json", want: watch.WatchInSync},
		{name: "deleted outside", fixture: "cloudtrail-delete-distribution.json", want: watch.WatchDrifted, drifted: true, history: "Drifted",
			setup: func(w *watchHarness) { w.cdn.change(w.dist.CloudFrontID, nil) }},
		{name: "outside invalidation is recorded, not drift", fixture: "cloudtrail-create-invalidation.json", want: watch.WatchRecorded, history: "ChangedOutside"},
		{name: "read-only call", fixture: "cloudtrail-get-distribution.json", want: watch.WatchIgnored},
		{name: "failed call", fixture: "cloudtrail-update-distribution-failed.json", want: watch.WatchIgnored},
		{name: "an operation is converging it", fixture: "cloudtrail-update-distribution-console.json", want: watch.WatchBusy,
			setup: func(w *watchHarness) {
				w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) { c.Comment = "x" })
				w.dist.Status = domain.DistributionUpdating
				w.Put(t, w.dist)
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWatchHarness(t)
			if tc.setup != nil {
				tc.setup(w)
			}
			assert.Equal(t, tc.want, w.handle(t, tc.fixture))
			assert.Equal(t, tc.drifted, w.get(t, w.dist.ID).Drifted)
			if tc.history != "" {
				assert.Contains(t, w.history(t), tc.history)
			}
			if tc.drifted {
				assert.Len(t, w.drifted(t), 1)
			} else {
				assert.Empty(t, w.drifted(t))
			}
		})
	}
}

func TestWatchIgnoresUnmanagedDistributions(t *testing.T) {
	t.Parallel()
	w := newWatchHarness(t)
	gets := w.cdn.gets
	out, err := w.watch.HandleCloudTrail(context.Background(), call(t, "cloudtrail-update-distribution-console.json", "EUNMANAGED0001"))
	require.NoError(t, err)
	assert.Equal(t, watch.WatchUnmanaged, out)
	assert.Equal(t, gets, w.cdn.gets, "no CloudFront call for a distribution the product does not manage")
}

func TestWatchResolvesDriftWhenTheAppliedConfigIsBack(t *testing.T) {
	t.Parallel()
	w := newWatchHarness(t)
	orig := *w.dist.AppliedConfig
	w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) { c.Comment = "edited in the console" })
	require.Equal(t, watch.WatchDrifted, w.handle(t, "cloudtrail-update-distribution-console.json"))

	// The product re-applies its config (its own call), and the record shows it is in sync.
	w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) { *c = orig })
	assert.Equal(t, watch.WatchResolved, w.handle(t, "cloudtrail-update-distribution-worker.json"))
	d := w.get(t, w.dist.ID)
	assert.False(t, d.Drifted)
	rep, err := intake.Distributions{Deps: w.deps}.Drift(context.Background(), d)
	require.NoError(t, err)
	assert.Nil(t, rep)
	assert.Contains(t, w.history(t), "DriftResolved")
}

func TestPeriodicDriftCheck(t *testing.T) {
	t.Parallel()
	w := newWatchHarness(t)
	rep, err := w.watch.CheckAll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, watch.DriftCheckReport{Checked: 1}, rep)

	w.cdn.change(w.dist.CloudFrontID, func(c *domain.DistributionConfig) { c.Enabled = new(false) })
	rep, err = w.watch.CheckAll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, watch.DriftCheckReport{Checked: 1, Drifted: 1}, rep)
	rep, err = w.watch.CheckAll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, watch.DriftCheckReport{Checked: 1}, rep, "a drift already reported is not reported again")
	require.Len(t, w.drifted(t), 1)
	assert.Equal(t, "PeriodicDriftCheck", w.drifted(t)[0].EventName)
}
