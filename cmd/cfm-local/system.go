package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/cloudfront-manager/cfm/app/intake"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/adapters/jwtauth"
	"github.com/cloudfront-manager/cfm/adapters/local/bus"
	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/adapters/local/queue"
	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/converge"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/handlers/httpapi"
	"github.com/cloudfront-manager/cfm/handlers/worker"
)

// Local identity: tokens are issued for this audience by the embedded provider.
const localAudience = "cfm-local"

// system is the running product: the HTTP handler plus the background workers.
type system struct {
	Handler http.Handler
	Cloud   *cloud.Cloud
	Bus     *bus.Bus
	Queue   *queue.Queue
	Deps    shared.Deps

	cancel  context.CancelFunc
	wg      sync.WaitGroup
	closers []func() error
	// The outbox relay runs beside the workers (stopWorkers leaves it running).
	relayCancel context.CancelFunc
	relayWG     sync.WaitGroup
}

// start opens every embedded adapter under cfg.DataDir, wires the use cases and starts the
// workers and the sweeper.
func start(ctx context.Context, cfg config) (_ *system, err error) {
	s := &system{}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	if cfg.AWSEndpoint != "" {
		return startAWS(ctx, cfg, s) // aws_mode.go
	}
	st, err := store.Open(filepath.Join(cfg.DataDir, "store.db"))
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, st.Close)
	// The queue lives in the store's file (its own buckets) and the store writes an accept's
	// outbox record as the queued command itself, in the accept's transaction: one durable
	// commit per accept, and no window between commit and send (transactionalQueue).
	q, err := queue.OpenShared(st.DB(), st.Committer(), queue.Options{MaxReceives: domain.MaxReceives,
		DuplicateRate: cfg.DuplicateRate})
	if err != nil {
		return nil, err
	}
	s.Queue = q
	s.closers = append(s.closers, q.Close)
	if !cfg.relayOff {
		transactionalQueue(st, q)
	}
	deploy := cfg.DeploySeconds
	if deploy == 0 {
		deploy = -1 // the simulator reads 0 as "default"; here it means "at once"
	}
	cl, err := cloud.Open(filepath.Join(cfg.DataDir, "cloud"), cloud.Options{DeploySeconds: deploy,
		InvalidationSeconds: cfg.InvalidationSeconds, ReplicaSeconds: cfg.ReplicaSeconds, Crash: crashNow})
	if err != nil {
		return nil, err
	}
	cl.InjectFaults(cloud.Faults{ThrottleRate: cfg.ThrottleRate, ETagRaceRate: cfg.ETagRaceRate,
		CrashAfterWriteRate: cfg.CrashAfterWriteRate})
	s.Cloud = cl
	s.closers = append(s.closers, cl.Close)
	for _, b := range cfg.SimBuckets { // the account's own buckets, there before the product
		if err := cl.CreateBucket(ctx, b.Name, b.Region); err != nil {
			return nil, fmt.Errorf("CFM_SIM_BUCKETS: %w", err)
		}
	}
	b, err := bus.Open(filepath.Join(cfg.DataDir, "events.jsonl"))
	if err != nil {
		return nil, err
	}
	s.Bus = b
	s.closers = append(s.closers, b.Close)
	idp, err := identity.Open(filepath.Join(cfg.DataDir, "identity"), cfg.PublicURL+"/local", localAudience)
	if err != nil {
		return nil, err
	}
	auth, err := jwtauth.New(ctx, jwtauth.Config{Issuer: idp.Issuer(), Audience: localAudience, Keyfunc: idp.Keyfunc()})
	if err != nil {
		return nil, err
	}
	s.Deps = shared.Deps{Store: st, Queue: q, Bus: b, Policy: cfg.Policy, Prefix: "cfm",
		// The command is in the queue with the accept's commit (Divert below). Outbox records left
		// by an older data dir (or written with relayOff) go out in the start pass and the
		// sweeper's relay.
		EnqueuedInCommit: true,
		Cloud: shared.Cloud{CDN: cl, OACs: cl, RequestPols: cl, HeaderPols: cl, LambdaOAC: cl, CFFunctions: cl.Functions(), Tagger: cl, Buckets: cl,
			Certificates: cl, Lambdas: cl.Lambda(), Statuses: cl},
		EdgeRoleARN: "arn:aws:iam::" + cl.AccountID() + ":role/cfm-edge",
		Timing: shared.Timing{PollInitial: cfg.PollInitial, PollMax: 30 * time.Second, OperationTimeout: 2 * time.Hour,
			ExpectedDeploy: time.Duration(max(cfg.DeploySeconds, 1) * float64(time.Second)), StuckAfter: time.Minute,
			WatchTick: watchTick(cfg.WatchTick), WatchJitter: watchTick(cfg.WatchTick) / 5}}
	if err := (intake.Templates{Deps: s.Deps}).EnsureShipped(ctx); err != nil {
		return nil, err
	}
	extra, err := localRoutes(cfg, idp)
	if err != nil {
		return nil, err
	}
	s.Handler = httpapi.New(httpapi.Config{
		Auth: auth,
		Deps: s.Deps,
		Health: func() map[string]any {
			h := map[string]any{"mode": "local"}
			if cfg.faulty() { // what the chaos faults did since this process started
				for k, n := range cl.FaultCounts() {
					h["fault:"+k] = n
				}
				h["fault:duplicate"], h["fault:sent"] = q.Duplicated()
				calls := 0
				for _, n := range cl.Calls() {
					calls += n
				}
				h["fault:calls"] = calls
			}
			for _, name := range []string{domain.QueueCommands, domain.QueuePolls, domain.QueueCommands + queue.DLQSuffix, domain.QueuePolls + queue.DLQSuffix} {
				if n, err := q.Len(context.Background(), name); err == nil {
					h["queued:"+name] = n
				}
			}
			return h
		},
		Extra:         extra,
		ConsoleOrigin: cfg.ConsoleOrigin,
	})
	if !cfg.relayOff {
		s.startRelay()
	}
	s.startWorkers(localSource{q}, cfg.Visibility, cfg.Workers)
	return s, nil
}

// watchTick is the configured tick, 1 s when unset.
func watchTick(d time.Duration) time.Duration {
	if d <= 0 {
		return time.Second
	}
	return d
}

// transactionalQueue makes st write every outbox record as its message in q, in the same
// transaction (the store and the queue share one bbolt file).
func transactionalQueue(st *store.Store, q *queue.Queue) {
	st.Divert(domain.KindOutbox, func(tx *bolt.Tx, it domain.Item) error {
		e, err := shared.DecodeOutbox(it)
		if err != nil {
			return err
		}
		return q.SendTx(tx, e.Queue, e.Message)
	})
}

// startRelay delivers, once and in the background, the outbox records a crash or an older
// data dir left; accepts enqueue in their own commit, so nothing else reaches the outbox
// locally (the sweeper relays whatever a failed pass leaves).
func (s *system) startRelay() {
	ctx, cancel := context.WithCancel(context.Background())
	s.relayCancel = cancel
	r := shared.Relay{Store: s.Deps.Store, Queue: s.Deps.Queue}
	s.relayWG.Go(func() {
		if _, err := r.DeliverPending(ctx, time.Time{}, 0); err != nil && ctx.Err() == nil {
			slog.Warn("outbox relay pass failed", "error", err)
		}
	})
}

// defaultWorkers is how many commands the local worker runs at once (config.Workers).
const defaultWorkers = 4

// startWorkers runs the pollers (the dead-letter queues too: what lands there fails its
// operation, as on Lambda) and the sweeper until Close. The commands queue gets workers
// pollers of one message each, so one slow command (emptying a large bucket, a throttled
// call) does not hold up everybody else's, as on Lambda, where batches run concurrently; the
// queue's FIFO groups (one per resource) keep each resource's commands in order and one at a
// time. The other queues get one poller.
func (s *system) startWorkers(src worker.Source, visibility time.Duration, workers int) {
	if visibility <= 0 {
		visibility = 30 * time.Second
	}
	if workers <= 0 {
		workers = defaultWorkers
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	w := converge.Worker{Deps: s.Deps}
	h := worker.Handler{Exec: w, DeadLetters: w}
	poll := func(name string, batch int) {
		p := worker.Poller{Handler: h, Source: src, Queue: name, Batch: batch, Visibility: visibility, Idle: 100 * time.Millisecond}
		s.wg.Go(func() { p.Run(ctx) })
	}
	for range workers {
		poll(domain.QueueCommands, 1)
	}
	for _, name := range []string{domain.QueuePolls, domain.QueueCommands + worker.DLQSuffix, domain.QueuePolls + worker.DLQSuffix} {
		poll(name, 10)
	}
	sw := converge.Sweeper{Deps: s.Deps}
	if err := s.Deps.EnsureWatchIfWaiting(ctx); err != nil { // a tick lost in a crash
		slog.Warn("deployment watcher not restarted", "error", err)
	}
	s.wg.Go(func() {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if rep, err := sw.Sweep(ctx); err != nil {
					slog.Warn("sweep failed", "error", err)
				} else if rep.Relayed+rep.Resent+rep.Failed > 0 {
					slog.Info("sweep", "relayed", rep.Relayed, "resent", rep.Resent, "failed", rep.Failed)
				}
			}
		}
	})
}

// stopWorkers stops the pollers and the sweeper (the relay keeps delivering).
func (s *system) stopWorkers() {
	if s.cancel != nil {
		s.cancel()
		s.wg.Wait()
	}
}

// Close stops the workers and the relay and closes every adapter.
func (s *system) Close() error {
	s.stopWorkers()
	if s.relayCancel != nil {
		s.relayCancel()
		s.relayWG.Wait()
	}
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	return errors.Join(errs...)
}

// localSource adapts the embedded queue to the poller.
type localSource struct{ q *queue.Queue }

func (l localSource) Receive(ctx context.Context, name string, n int, vis time.Duration) ([]worker.Delivery, error) {
	ds, err := l.q.Receive(ctx, name, n, vis)
	out := make([]worker.Delivery, 0, len(ds))
	for _, d := range ds {
		out = append(out, worker.Delivery{Receipt: d.Receipt, Body: d.Body, ReceiveCount: d.ReceiveCount})
	}
	return out, err
}

func (l localSource) Ack(ctx context.Context, name, receipt string) error {
	return l.q.Ack(ctx, name, receipt)
}

func (l localSource) Release(ctx context.Context, name, receipt string, d time.Duration) error {
	return l.q.Release(ctx, name, receipt, d)
}
