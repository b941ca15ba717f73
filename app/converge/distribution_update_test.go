package converge_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// mutHarness runs the use cases on the embedded store and the simulated cloud, with one
// hand-driven clock for both, and a CDN wrapper that records calls and injects failures.
type mutHarness struct {
	deps  shared.Deps
	cloud *cloud.Cloud
	cdn   *scriptedCDN
	queue *sentQueue
	bus   *busRecorder
	mu    sync.Mutex
	now   time.Time
}

const (
	simDeploy       = time.Minute
	simInvalidation = 2 * time.Minute
)

func newMutHarness(t *testing.T) *mutHarness {
	t.Helper()
	h := &mutHarness{queue: &sentQueue{}, bus: &busRecorder{}, now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	cl, err := cloud.Open(filepath.Join(t.TempDir(), "cloud"), cloud.Options{Clock: h.clock,
		DeploySeconds: simDeploy.Seconds(), InvalidationSeconds: simInvalidation.Seconds()})
	require.NoError(t, err)
	t.Cleanup(func() { _ = cl.Close() })
	h.cloud = cl
	h.cdn = &scriptedCDN{CDN: cl}
	h.deps = shared.Deps{Store: st, Queue: h.queue, Bus: h.bus, Cloud: shared.Cloud{CDN: h.cdn}, Policy: domain.DefaultPolicy(),
		Timing: shared.DefaultTiming(), Prefix: "cfm", Clock: h.clock}
	return h
}

func (h *mutHarness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *mutHarness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

func (h *mutHarness) dists() intake.Distributions { return intake.Distributions{Deps: h.deps} }

// handle delivers one command for op to the worker.
func (h *mutHarness) handle(op domain.Operation, typ string) error {
	return converge.Worker{Deps: h.deps}.Handle(context.Background(), events.Command{Type: typ, Version: events.CommandVersion,
		OperationID: op.ID, ResourceID: op.ResourceID, Poll: 1})
}

// converge executes op and then polls, advancing the clock past each deployment, until the
// operation is final; every pass must succeed.
func (h *mutHarness) converge(t *testing.T, op domain.Operation) domain.Operation {
	t.Helper()
	h.advance(time.Second) // the frozen clock would tie the request's and the worker's history times
	require.NoError(t, h.handle(op, events.CommandExecute))
	for range 10 {
		got := h.op(t, op.ID)
		if got.Status.Done() {
			return got
		}
		h.advance(simInvalidation + time.Second)
		require.NoError(t, h.handle(op, events.CommandCheckDeployment))
	}
	got := h.op(t, op.ID)
	require.True(t, got.Status.Done(), "operation %s did not finish: %+v", op.ID, got)
	return got
}

func (h *mutHarness) op(t *testing.T, id string) domain.Operation {
	t.Helper()
	op, err := intake.Operations{Deps: h.deps}.Get(context.Background(), mutAdmin, id)
	require.NoError(t, err)
	return op
}

func (h *mutHarness) dist(t *testing.T, id string) domain.Distribution {
	t.Helper()
	d, err := h.dists().Get(context.Background(), mutAdmin, id)
	require.NoError(t, err)
	return d
}

// deployed creates a distribution owned by dev and converges it to Deployed.
func (h *mutHarness) deployed(t *testing.T) domain.Distribution {
	t.Helper()
	acc, err := h.dists().Create(context.Background(), dev, createRequest(), "")
	require.NoError(t, err)
	op := h.converge(t, acc.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	d := h.dist(t, acc.Resource.ID)
	require.Equal(t, domain.DistributionDeployed, d.Status)
	return d
}

func (h *mutHarness) live(t *testing.T, cloudFrontID string) domain.LiveDistribution {
	t.Helper()
	live, err := h.cloud.GetDistribution(context.Background(), cloudFrontID)
	require.NoError(t, err)
	return live
}

// scriptedCDN forwards to the simulator, recording calls; queued errors are returned instead
// of forwarding, and beforeUpdate runs before a forwarded UpdateDistribution.
type scriptedCDN struct {
	domain.CDN
	mu           sync.Mutex
	calls        map[string]int
	updateErrs   []error
	deleteErrs   []error
	getErrs      []error
	createErrs   []error
	beforeUpdate func()
}

func (s *scriptedCDN) record(call string, queue *[]error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[call]++
	if len(*queue) > 0 {
		err := (*queue)[0]
		*queue = (*queue)[1:]
		return err
	}
	return nil
}

func (s *scriptedCDN) count(call string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[call]
}

func (s *scriptedCDN) CreateDistribution(ctx context.Context, cfg domain.DistributionConfig) (domain.LiveDistribution, error) {
	if err := s.record("Create", &s.createErrs); err != nil {
		return domain.LiveDistribution{}, err
	}
	return s.CDN.CreateDistribution(ctx, cfg)
}

func (s *scriptedCDN) GetDistribution(ctx context.Context, id string) (domain.LiveDistribution, error) {
	if err := s.record("Get", &s.getErrs); err != nil {
		return domain.LiveDistribution{}, err
	}
	return s.CDN.GetDistribution(ctx, id)
}

func (s *scriptedCDN) UpdateDistribution(ctx context.Context, id string, cfg domain.DistributionConfig, ifMatch string) (domain.LiveDistribution, error) {
	if err := s.record("Update", &s.updateErrs); err != nil {
		return domain.LiveDistribution{}, err
	}
	s.mu.Lock()
	before := s.beforeUpdate
	s.beforeUpdate = nil
	s.mu.Unlock()
	if before != nil {
		before()
	}
	return s.CDN.UpdateDistribution(ctx, id, cfg, ifMatch)
}

func (s *scriptedCDN) DeleteDistribution(ctx context.Context, id, ifMatch string) error {
	if err := s.record("Delete", &s.deleteErrs); err != nil {
		return err
	}
	return s.CDN.DeleteDistribution(ctx, id, ifMatch)
}

func (s *scriptedCDN) CreateInvalidation(ctx context.Context, distributionID, ref string, paths []string) (domain.Invalidation, error) {
	_ = s.record("CreateInvalidation", new([]error))
	return s.CDN.CreateInvalidation(ctx, distributionID, ref, paths)
}

var (
	mutAdmin  = domain.Principal{Username: "platform", Groups: []string{domain.GroupAdmins}}
	mutOther  = domain.Principal{Username: "mallory", Groups: []string{domain.GroupDevelopers}}
	mutViewer = domain.Principal{Username: "vic", Groups: []string{domain.GroupViewers}}
)

func changeOf(name string, cfg string) intake.DistributionChange {
	ch := intake.DistributionChange{Config: json.RawMessage(cfg)}
	if name != "" {
		ch.Name = &name
	}
	return ch
}

func TestUpdateAuthorization(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	change := changeOf("", `{"Comment":"changed"}`)
	cases := []struct {
		name string
		p    domain.Principal
		ok   bool
	}{
		{"viewer", mutViewer, false},
		{"developer who does not own it", mutOther, false},
		{"no groups", domain.Principal{Username: "dev"}, false},
		{"owner", dev, true},
		{"admin", mutAdmin, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.dists().PlanUpdate(context.Background(), tc.p, d.ID, change)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, domain.ErrForbidden)
			_, err = h.dists().Update(context.Background(), tc.p, d.ID, change, "")
			require.ErrorIs(t, err, domain.ErrForbidden)
			_, err = h.dists().Delete(context.Background(), tc.p, d.ID, "")
			require.ErrorIs(t, err, domain.ErrForbidden)
			_, err = h.dists().Invalidate(context.Background(), tc.p, d.ID, intake.InvalidationRequest{Paths: []string{"/*"}}, "")
			require.ErrorIs(t, err, domain.ErrForbidden)
		})
	}
	assert.Equal(t, d.Version, h.dist(t, d.ID).Version, "the refused calls changed nothing")
}

func TestUpdateMergesPatchAndReplans(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()

	plan, err := h.dists().PlanUpdate(ctx, dev, d.ID, changeOf("", `{}`))
	require.NoError(t, err)
	assert.Empty(t, plan.Changes, "re-planning the current config is a fixed point")
	assert.Equal(t, d.Config, plan.Config)

	plan, err = h.dists().PlanUpdate(ctx, dev, d.ID, changeOf("", `{"DefaultCacheBehavior":{"ViewerProtocolPolicy":"https-only"},
		"Origins":{"Items":[{"Id":"o1","DomainName":"bucket1.s3.amazonaws.com"},{"Id":"o2","DomainName":"bucket2.s3.eu-west-1.amazonaws.com"}]}}`))
	require.NoError(t, err)
	assert.Equal(t, "https-only", plan.Config.DefaultCacheBehavior.ViewerProtocolPolicy)
	assert.Equal(t, d.Config.DefaultCacheBehavior.CachePolicyId, plan.Config.DefaultCacheBehavior.CachePolicyId, "unpatched fields stay")
	assert.Equal(t, 2, plan.Config.Origins.Quantity, "Quantity follows patched Items")
	assert.Equal(t, d.Config.CallerReference, plan.Config.CallerReference)
	paths := []string{}
	for _, c := range plan.Changes {
		paths = append(paths, c.Path)
	}
	assert.Contains(t, paths, "DefaultCacheBehavior.ViewerProtocolPolicy")
	assert.Contains(t, paths, "Origins.Quantity")
	assert.Contains(t, paths, "Origins.Items[1].DomainName")

	unchanged := h.dist(t, d.ID)
	assert.Equal(t, d.Version, unchanged.Version, "a plan writes nothing")
	assert.Len(t, h.queue.sent, 2, "a plan sends nothing (1 create command + 1 poll)")
}

func TestUpdateRejectsBadChanges(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	cases := []struct {
		name   string
		change intake.DistributionChange
		field  string
		policy bool
	}{
		{"unknown config field", changeOf("", `{"Bogus":1}`), "config.Bogus", false},
		{"wrong type", changeOf("", `{"DefaultCacheBehavior":{"Compress":"yes"}}`), "config.DefaultCacheBehavior.Compress", false},
		{"config not an object", changeOf("", `[1]`), "config", false},
		{"caller reference", changeOf("", `{"CallerReference":"mine"}`), "config.CallerReference", false},
		{"empty name", changeOf(" ", `{}`), "name", false},
		{"origins removed", changeOf("", `{"Origins":null}`), "config.Origins", false},
		{"policy forbids http", changeOf("", `{"DefaultCacheBehavior":{"ViewerProtocolPolicy":"allow-all"}}`), "config.DefaultCacheBehavior.ViewerProtocolPolicy", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.dists().Update(context.Background(), dev, d.ID, tc.change, "")
			require.Error(t, err)
			if tc.policy {
				var pv *domain.PolicyViolation
				require.ErrorAs(t, err, &pv)
				assert.Equal(t, tc.field, pv.Field)
				return
			}
			var ve *domain.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Fields)
			assert.Equal(t, tc.field, ve.Fields[0].Field)
		})
	}
	_, err := h.dists().Update(context.Background(), dev, "dist-missing", changeOf("", `{}`), "")
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.Equal(t, d.Version, h.dist(t, d.ID).Version)
}

func TestUpdateWithoutCloudChangesStartsNoOperation(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	res, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"site"}`), "")
	require.NoError(t, err)
	assert.True(t, res.Unchanged)
	assert.Empty(t, res.Operation.ID)
	assert.Empty(t, res.Changes)

	res, err = h.dists().Update(ctx, dev, d.ID, changeOf("renamed", `{}`), "")
	require.NoError(t, err)
	assert.True(t, res.Unchanged, "a rename changes nothing in CloudFront")
	assert.Equal(t, []domain.Change{{Path: "name", From: "site", To: "renamed"}}, res.Changes)
	got := h.dist(t, d.ID)
	assert.Equal(t, "renamed", got.Name)
	assert.Equal(t, domain.DistributionDeployed, got.Status)
	assert.Empty(t, got.OperationID)
}

func TestUpdateWhileAnUpdateDeploysIsQueuedOtherChangesAreRefused(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	first, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"one"}`), "key-1")
	require.NoError(t, err)
	require.NotEmpty(t, first.Operation.ID)

	second, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"two"}`), "")
	require.NoError(t, err, "a plain config change joins the update in flight")
	assert.Equal(t, []string{second.Operation.ID}, second.Resource.QueuedUpdates)
	assert.Equal(t, first.Operation.ID, second.Resource.OperationID, "the first update keeps the lock")
	_, err = h.dists().Delete(ctx, mutAdmin, d.ID, "")
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), first.Operation.ID, "the 409 names the operation to wait for")

	again, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"one"}`), "key-1")
	require.NoError(t, err, "the same Idempotency-Key replays instead of conflicting")
	assert.True(t, again.Replayed)
	assert.Equal(t, first.Operation.ID, again.Operation.ID)
}

// PUTs queued while an update deploys ride on one UpdateDistribution once it is Deployed: the
// config is every patch in order; the one that breaks a guardrail is refused alone.
func TestQueuedUpdatesRideOnOneUpdateDistribution(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	u1, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"one"}`), "")
	require.NoError(t, err)
	h.advance(time.Second)
	require.NoError(t, h.handle(u1.Operation, events.CommandExecute))
	require.Equal(t, 1, h.cdn.count("Update"))

	u2, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"PriceClass":"PriceClass_200","Comment":"two"}`), "")
	require.NoError(t, err)
	_, err = h.dists().Update(ctx, dev, d.ID, changeOf("", `{"DefaultCacheBehavior":{"ViewerProtocolPolicy":"allow-all"}}`), "")
	var pv *domain.PolicyViolation
	require.ErrorAs(t, err, &pv, "the bad patch is refused, alone")
	u4, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"four"}`), "")
	require.NoError(t, err)
	for _, op := range []domain.Operation{u2.Operation, u4.Operation} {
		require.NoError(t, h.handle(op, events.CommandExecute))
		assert.Equal(t, domain.OperationRunning, h.op(t, op.ID).Status, "parked behind the update deploying")
	}
	assert.Equal(t, 1, h.cdn.count("Update"), "nothing sent while CloudFront deploys")

	h.advance(simDeploy + time.Second)
	mark := len(h.queue.sent)
	require.NoError(t, h.handle(u1.Operation, events.CommandCheckDeployment))
	assert.Equal(t, domain.OperationSucceeded, h.op(t, u1.Operation.ID).Status)
	carrier := h.dist(t, d.ID)
	assert.Equal(t, u2.Operation.ID, carrier.OperationID, "the first queued update carries the rest")
	assert.Equal(t, []string{u2.Operation.ID, u4.Operation.ID}, carrier.Carrying)
	require.Greater(t, len(h.queue.sent), mark, "the carrier's command went out with the hand-over")

	done := h.converge(t, u2.Operation)
	require.Equal(t, domain.OperationSucceeded, done.Status, done.LastError)
	assert.Equal(t, 2, h.cdn.count("Update"), "three PUTs, two UpdateDistribution calls")
	rider := h.op(t, u4.Operation.ID)
	assert.Equal(t, domain.OperationSucceeded, rider.Status)
	assert.Equal(t, u2.Operation.ID, rider.Result.CarriedBy)
	combined := []string{u2.Operation.ID, u4.Operation.ID}
	assert.Equal(t, combined, rider.Result.CombinedOperations, "each operation shows the change it rode on")
	assert.Equal(t, combined, done.Result.CombinedOperations)

	live := h.live(t, d.CloudFrontID)
	assert.Equal(t, "four", live.Config.Comment, "patches applied in order")
	assert.Equal(t, "PriceClass_200", live.Config.PriceClass)
	assert.Equal(t, "redirect-to-https", live.Config.DefaultCacheBehavior.ViewerProtocolPolicy)
	final := h.dist(t, d.ID)
	assert.Equal(t, domain.DistributionDeployed, final.Status)
	assert.Empty(t, final.OperationID)
	assert.Empty(t, final.Carrying)
}

func TestUpdateConvergesToDeployed(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"new comment","PriceClass":"PriceClass_200"}`), "")
	require.NoError(t, err)
	assert.Equal(t, domain.DistributionUpdating, res.Resource.Status)

	require.NoError(t, h.handle(res.Operation, events.CommandExecute))
	mid := h.dist(t, d.ID)
	assert.Equal(t, domain.DistributionInProgress, mid.Status)
	assert.Equal(t, res.Operation.ID, mid.OperationID, "still owned while deploying")
	assert.Equal(t, "new comment", h.live(t, d.CloudFrontID).Config.Comment)
	require.NoError(t, h.handle(res.Operation, events.CommandCheckDeployment))
	assert.False(t, h.op(t, res.Operation.ID).Status.Done(), "not Deployed yet")

	op := h.converge(t, res.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	got := h.dist(t, d.ID)
	assert.Equal(t, domain.DistributionDeployed, got.Status)
	assert.Empty(t, got.OperationID)
	require.NotNil(t, got.AppliedConfig)
	assert.Equal(t, "PriceClass_200", got.AppliedConfig.PriceClass)
	assert.Equal(t, 1, h.cdn.count("Update"))
	assert.Contains(t, h.bus.types(), events.TypeDistributionDeployed)
}

// A concurrent writer changes the distribution between our read and our write: CloudFront
// answers PreconditionFailed, and the worker re-reads and re-applies.
func TestUpdateRetriesAfterPreconditionFailed(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"ours"}`), "")
	require.NoError(t, err)
	h.cdn.beforeUpdate = func() {
		live := h.live(t, d.CloudFrontID)
		cfg := live.Config
		cfg.Comment = "someone else"
		_, err := h.cloud.UpdateDistribution(context.Background(), d.CloudFrontID, cfg, live.ETag)
		require.NoError(t, err)
	}
	op := h.converge(t, res.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Equal(t, 2, h.cdn.count("Update"), "the stale write was re-applied once")
	assert.Equal(t, "ours", h.live(t, d.CloudFrontID).Config.Comment)
}

func TestUpdateStalePreconditionIsRetriedLaterNotFailed(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"ours"}`), "")
	require.NoError(t, err)
	stale := fmt.Errorf("PreconditionFailed: %w", domain.ErrPreconditionFailed)
	h.cdn.updateErrs = []error{stale, stale, stale, stale, stale}
	err = h.handle(res.Operation, events.CommandExecute)
	require.ErrorIs(t, err, domain.ErrPreconditionFailed)
	assert.False(t, domain.IsPermanent(err))
	_, delayed := domain.RetryDelay(err)
	assert.True(t, delayed, "the message is retried after a delay")
	assert.Equal(t, 5, h.cdn.count("Update"), "bounded")
	op := h.op(t, res.Operation.ID)
	assert.Equal(t, domain.OperationRunning, op.Status)
	assert.NotEmpty(t, op.LastError)

	op = h.converge(t, res.Operation)
	assert.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
}

// The update reached CloudFront but the worker crashed before recording it: the redelivered
// command finds the desired config live and does not send it again.
func TestUpdateRedeliveryAfterSendDoesNotSendAgain(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"sent before the crash"}`), "")
	require.NoError(t, err)
	live := h.live(t, d.CloudFrontID)
	_, err = h.cloud.UpdateDistribution(context.Background(), d.CloudFrontID, res.Resource.Config, live.ETag)
	require.NoError(t, err)

	op := h.converge(t, res.Operation)
	require.Equal(t, domain.OperationSucceeded, op.Status, op.LastError)
	assert.Zero(t, h.cdn.count("Update"))
	require.NotEmpty(t, op.Steps)
	assert.Equal(t, "already applied", op.Steps[0].Detail)

	// A late duplicate of the finished operation changes nothing either.
	require.NoError(t, h.handle(res.Operation, events.CommandExecute))
	assert.Zero(t, h.cdn.count("Update"))
}

// A failed update of a serving distribution leaves it as CloudFront reports it (Deployed
// here) and released; the operation carries the failure.
func TestFailedUpdateKeepsTheServingDistribution(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"x"}`), "")
	require.NoError(t, err)
	h.cdn.updateErrs = []error{domain.Permanent(errors.New("InvalidArgument: rejected"))}
	require.NoError(t, h.handle(res.Operation, events.CommandExecute), "a permanent failure is recorded, not retried")
	op := h.op(t, res.Operation.ID)
	assert.Equal(t, domain.OperationFailed, op.Status)
	assert.Contains(t, op.LastError, "rejected")
	got := h.dist(t, d.ID)
	assert.Equal(t, domain.DistributionDeployed, got.Status, "CloudFront still serves the previous config")
	assert.Empty(t, got.OperationID, "a failed operation releases the distribution")

	// The next change is accepted.
	_, err = h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"y"}`), "")
	require.NoError(t, err)
}

// When the failure hook cannot find out what CloudFront reports, the failure is not recorded:
// the message is retried, and the redelivery records it.
func TestFailureHookThatCannotReadCloudFrontIsRetried(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	res, err := h.dists().Update(context.Background(), dev, d.ID, changeOf("", `{"Comment":"x"}`), "")
	require.NoError(t, err)
	rejected := domain.Permanent(errors.New("InvalidArgument: rejected"))
	h.cdn.updateErrs = []error{rejected, rejected}
	h.cdn.getErrs = []error{nil, fmt.Errorf("GetDistribution: %w", domain.ErrThrottled)}
	err = h.handle(res.Operation, events.CommandExecute)
	require.ErrorIs(t, err, domain.ErrThrottled, "the message is retried")
	assert.Equal(t, domain.OperationRunning, h.op(t, res.Operation.ID).Status)
	assert.Equal(t, res.Operation.ID, h.dist(t, d.ID).OperationID)

	require.NoError(t, h.handle(res.Operation, events.CommandExecute))
	assert.Equal(t, domain.OperationFailed, h.op(t, res.Operation.ID).Status)
	got := h.dist(t, d.ID)
	assert.Equal(t, domain.DistributionDeployed, got.Status)
	assert.Empty(t, got.OperationID)
}

// The carrier fails (CloudFront refuses its write): the lock is released and the next carried
// update takes over on its next pass instead of waiting for its deadline.
func TestACarriedUpdateTakesOverWhenItsCarrierFails(t *testing.T) {
	t.Parallel()
	h := newMutHarness(t)
	d := h.deployed(t)
	ctx := context.Background()
	u1, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"one"}`), "")
	require.NoError(t, err)
	h.advance(time.Second)
	require.NoError(t, h.handle(u1.Operation, events.CommandExecute))
	u2, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"Comment":"two"}`), "")
	require.NoError(t, err)
	u3, err := h.dists().Update(ctx, dev, d.ID, changeOf("", `{"PriceClass":"PriceClass_200"}`), "")
	require.NoError(t, err)
	h.advance(simDeploy + time.Second)
	require.NoError(t, h.handle(u1.Operation, events.CommandCheckDeployment))
	require.Equal(t, u2.Operation.ID, h.dist(t, d.ID).OperationID)

	h.cdn.mu.Lock()
	h.cdn.updateErrs = []error{domain.Permanent(errors.New("InvalidArgument: refused"))}
	h.cdn.mu.Unlock()
	require.NoError(t, h.handle(u2.Operation, events.CommandExecute))
	require.Equal(t, domain.OperationFailed, h.op(t, u2.Operation.ID).Status)

	done := h.converge(t, u3.Operation)
	require.Equal(t, domain.OperationSucceeded, done.Status, done.LastError)
	live := h.live(t, d.CloudFrontID)
	assert.Equal(t, "two", live.Config.Comment, "the desired config still holds every accepted patch")
	assert.Equal(t, "PriceClass_200", live.Config.PriceClass)
	assert.Empty(t, h.dist(t, d.ID).OperationID)
}
