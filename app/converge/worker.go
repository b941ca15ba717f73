package converge

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// Worker converges operations: it reads the current state, does what is missing, and records
// progress. Every step is safe to run twice.
type Worker struct{ shared.Deps }

// outcome is what one convergence pass reached.
type outcome int

const (
	// finished: the resource is converged; the operation succeeds.
	finished outcome = iota
	// waitDeployment: CloudFront is deploying; poll again later.
	waitDeployment
)

// run is one pass over one operation. A converger that finishes leaves the domain events to
// publish and the resource writes to commit atomically with the operation's success.
type run struct {
	op     *domain.Operation
	events []domain.Event
	writes []domain.Write
}

type converger func(w Worker, ctx context.Context, r *run) (outcome, error)

// failHook returns the resource writes that record an operation's final failure and release
// the resource's operation lock (when the operation holds it). An error means the hook could
// not find out what to write (the store or the cloud did not answer): the failure is not
// recorded and the message is retried.
type failHook func(w Worker, ctx context.Context, op *domain.Operation, cause error) ([]domain.Write, error)

// handling is how the worker treats one operation kind: converge runs the operation, fail
// records its final failure on the resource.
type handling struct {
	converge converger
	fail     failHook
}

// kinds maps every operation kind to its converger and failure hook.
var kinds = map[domain.OperationKind]handling{
	domain.OpCreateDistribution: {Worker.createDistribution, Worker.failDistribution},
	domain.OpUpdateDistribution: {Worker.updateDistribution, Worker.failDistribution},
	domain.OpDeleteDistribution: {Worker.deleteDistribution, Worker.failDistribution},
	domain.OpInvalidate:         {Worker.invalidate, Worker.failInvalidation},
	domain.OpCreateOrigin:       {Worker.createOrigin, Worker.failOrigin},
	domain.OpUpdateOrigin:       {Worker.updateOrigin, Worker.failOriginChange},
	domain.OpDeleteOrigin:       {Worker.deleteOrigin, Worker.failOriginChange},
	domain.OpCreateEdgeFunction: {Worker.createEdgeFunction, Worker.failEdgeFunction},
	domain.OpDeleteEdgeFunction: {Worker.deleteEdgeFunction, Worker.failEdgeFunction},
}

// Handle processes one command. nil means done (ack the message); an error means try again
// later (domain.RetryDelay tells when).
func (w Worker) Handle(ctx context.Context, cmd events.Command) error {
	op, err := shared.Load[domain.Operation](ctx, w.Store, domain.KindOperation, cmd.OperationID)
	if errors.Is(err, domain.ErrNotFound) {
		w.Logger().WarnContext(ctx, "command for an unknown operation dropped", "operation", cmd.OperationID)
		return nil
	}
	if err != nil {
		return err
	}
	if op.Status.Done() {
		return nil // duplicate or late delivery
	}
	kind, ok := kinds[op.Kind]
	if !ok {
		return w.settle(ctx, &op, domain.Permanent(fmt.Errorf("no converger for %s", op.Kind)))
	}
	if w.Now().After(op.Deadline) {
		return w.settle(ctx, &op, domain.Permanent(fmt.Errorf("operation passed its deadline %s", op.Deadline.Format("15:04:05Z"))))
	}
	execute := cmd.Type == events.CommandExecute || op.Status == domain.OperationAccepted
	if execute {
		// Counted before converging, so a pass that crashes or times out counts too.
		if op.Attempts >= w.Retry.AttemptLimit() {
			return w.fail(ctx, &op, w.gaveUp(op))
		}
		op.Attempts++
		op.Status = domain.OperationRunning
		op.UpdatedAt = w.Now()
		if err := w.Store.Write(ctx, shared.PutOperation(&op)); err != nil {
			return fmt.Errorf("start %s: %w", op.ID, err)
		}
	}
	r := &run{op: &op}
	out, err := kind.converge(w, ctx, r)
	if err != nil {
		if !execute {
			op.Attempts++ // a failed deployment check is an attempt too
		}
		return w.settle(ctx, &op, err)
	}
	if out == waitDeployment {
		// Touch the operation so the sweeper sees it is alive, then poll again later.
		op.UpdatedAt = w.Now()
		if err := w.Store.Write(ctx, shared.PutOperation(&op)); err != nil {
			return fmt.Errorf("touch %s: %w", op.ID, err)
		}
		return w.schedulePoll(ctx, op, cmd.Poll+1)
	}
	return w.succeed(ctx, r)
}

// schedulePoll sends a delayed deployment check with exponential backoff.
func (w Worker) schedulePoll(ctx context.Context, op domain.Operation, poll int) error {
	delay := w.Timing.PollInitial
	for i := 1; i < poll && delay < w.Timing.PollMax; i++ {
		delay *= 2
	}
	delay = min(delay, w.Timing.PollMax)
	cmd := events.Command{Type: events.CommandCheckDeployment, Version: events.CommandVersion, OperationID: op.ID, ResourceID: op.ResourceID, Poll: poll}
	if err := w.Queue.Send(ctx, domain.QueuePolls, domain.Message{Body: cmd.Marshal(), Delay: delay}); err != nil {
		return fmt.Errorf("schedule deployment check for %s: %w", op.ID, err)
	}
	return nil
}

// succeed publishes the run's events (at least once, stable ids), then marks the operation done.
func (w Worker) succeed(ctx context.Context, r *run) error {
	op := r.op
	now := w.Now()
	evs := append(r.events, events.New(events.TypeOperationSucceeded, op.ID, now, events.OperationSucceeded{
		Version: events.EventVersion, OperationID: op.ID, Kind: string(op.Kind), ResourceType: op.ResourceType,
		ResourceID: op.ResourceID, Actor: op.Actor, Result: op.Result}))
	if err := w.Bus.Publish(ctx, evs...); err != nil {
		return fmt.Errorf("publish events of %s: %w", op.ID, err)
	}
	op.Status = domain.OperationSucceeded
	op.LastError, op.ErrorRepeats = "", 0
	op.UpdatedAt = now
	if err := w.Store.Write(ctx, append([]domain.Write{shared.PutOperation(op)}, r.writes...)...); err != nil {
		return fmt.Errorf("complete %s: %w", op.ID, err)
	}
	return nil
}

// fail marks the operation (and through its hook, the resource) failed and says so on the bus.
func (w Worker) fail(ctx context.Context, op *domain.Operation, cause error) error {
	var resource []domain.Write
	if kind, ok := kinds[op.Kind]; ok {
		var err error
		if resource, err = kind.fail(w, ctx, op, cause); err != nil {
			return fmt.Errorf("record failure of %s on its resource: %w", op.ID, err)
		}
	}
	now := w.Now()
	ev := events.New(events.TypeOperationFailed, op.ID, now, events.OperationFailed{Version: events.EventVersion,
		OperationID: op.ID, Kind: string(op.Kind), ResourceType: op.ResourceType, ResourceID: op.ResourceID,
		Actor: op.Actor, Error: cause.Error()})
	if err := w.Bus.Publish(ctx, ev); err != nil {
		return fmt.Errorf("publish failure of %s: %w", op.ID, err)
	}
	op.Status = domain.OperationFailed
	op.LastError = cause.Error()
	op.UpdatedAt = now
	if err := w.Store.Write(ctx, append([]domain.Write{shared.PutOperation(op)}, resource...)...); err != nil {
		return fmt.Errorf("record failure of %s: %w", op.ID, err)
	}
	w.Logger().ErrorContext(ctx, "operation failed", "operation", op.ID, "kind", op.Kind, "error", cause)
	return nil
}
