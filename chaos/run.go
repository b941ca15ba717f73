package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"time"
)

// Run is one chaos run: load with faults, settle, audit. The error is for a run that could
// not be carried out (the binary does not start, the API cannot be read); what the audit
// found is in the Report.
func Run(ctx context.Context, cfg Config, rate float64, stderr *os.File) (Report, error) {
	began := time.Now()
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			cfg.Log(format, args...)
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return Report{}, err
	}
	base := "http://" + addr
	proc := newProcess(cfg, addr, true, stderr)
	if err := proc.start(ctx); err != nil {
		return Report{}, err
	}
	defer proc.stop()
	w := &workload{cfg: cfg, run: fmt.Sprintf("%x", began.UnixNano()&0xffffff), base: base}

	loadCtx, stopLoad := context.WithCancel(ctx)
	side := make(chan struct{})
	go func() { defer close(side); chaosMonkey(loadCtx, cfg, rate, proc, w) }()
	logf("load: %d requests from %d clients at about %.0f/s", cfg.Ops, cfg.Clients, rate)
	w.drive(ctx, rate)
	stopLoad()
	<-side
	logf("load done in %s: %d accepted; settling (at most %s)", time.Since(began).Round(time.Second), len(w.ops), cfg.Settle)

	admin := newClient(base, "chaos-auditor", "admins")
	final := settle(ctx, admin, w.ops, time.Now().Add(cfg.Settle))
	proc.sample(ctx)
	proc.stop()
	rep := Report{Sent: min(int(w.sent.Load()), cfg.Ops), Refused: w.refused, Unexpected: w.unexpected,
		Retried429: int(w.throttled.Load()), Faults: proc.faultCounts()}
	rep.SelfCrashes, rep.DriverKills = proc.crashes()

	// The audit: a clean restart without faults serves the records; then the cloud is read
	// from its files, with no process holding them.
	logf("settled; auditing")
	clean := newProcess(cfg, addr, false, stderr)
	if err := clean.start(ctx); err != nil {
		return rep, err
	}
	known := map[string]bool{}
	for _, op := range w.ops {
		known[op.ID] = true
	}
	recs, err := readRecords(ctx, admin, known)
	if err != nil {
		clean.stop()
		return rep, err
	}
	ops := append(slices.Clone(w.ops), recs.unknownOps...)
	var took []time.Duration
	var finals []finalOp
	rep.Failed, rep.ByAction, rep.Accepted = map[string]int{}, map[string]int{}, len(ops)
	for _, op := range ops {
		rep.ByAction[op.Action]++
		f := recs.final(op)
		finals = append(finals, f)
		if before, ok := final[op.ID]; ok && !terminal(before.Status) {
			f = before // terminal only after the deadline (or after the restart): stuck
		}
		switch {
		case !f.Found:
			rep.Lost = append(rep.Lost, fmt.Sprintf("%s %s (%s): no such operation", op.Action, op.Resource, op.ID))
		case f.Status == "Succeeded":
			rep.Succeeded++
			took = append(took, f.Took)
		case f.Status == "Failed":
			reason := reasonOf(f.LastError)
			rep.Failed[reason]++
			took = append(took, f.Took)
			if explain(reason) == "" {
				rep.Unexplained = append(rep.Unexplained, fmt.Sprintf("%s %s (%s): %s", op.Action, op.Resource, op.ID, f.LastError))
			}
		default:
			rep.Stuck = append(rep.Stuck, fmt.Sprintf("%s %s (%s): %s %s", op.Action, op.Resource, op.ID, f.Status, f.LastError))
		}
	}
	rep.P50, rep.P99, rep.Slowest = percentile(took, 0.5), percentile(took, 0.99), percentile(took, 1)
	clean.stop()
	found, err := compare(cfg.DataDir, simDeploySeconds, recs, finals)
	if err != nil {
		return rep, err
	}
	rep.Duplicates, rep.Orphans, rep.Disagreements, rep.Audited = found.duplicates, found.orphans, found.disagreements, found.audited
	rep.Took = time.Since(began)
	return rep, nil
}

// chaosMonkey runs beside the load: it samples the process's fault counters, and kills the
// process with SIGKILL at random moments whenever the crashes so far (its own and the
// after-write ones) fall behind CrashRate of the requests sent.
func chaosMonkey(ctx context.Context, cfg Config, rate float64, proc *process, w *workload) {
	rng := rand.New(rand.NewPCG(cfg.Seed, 99))
	next := time.Now()
	for ctx.Err() == nil {
		proc.sample(ctx)
		if time.Now().After(next) {
			self, driver := proc.crashes()
			if float64(self+driver) < cfg.CrashRate*float64(w.sent.Load()) {
				proc.kill9()
			}
			// on average one chance per ten requests: spread over the whole load
			gap := 1 / (rate * cfg.CrashRate) * (0.5 + rng.Float64())
			next = time.Now().Add(time.Duration(gap * float64(time.Second)))
		}
		_ = sleep(ctx, 100*time.Millisecond)
	}
}
