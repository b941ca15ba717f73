package converge

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
)

// ManagedByTag marks every distribution this product created (IAM policies scope on it).
const ManagedByTag = domain.ManagedByTag

// createDistribution: create it (CallerReference = operation id, so a retry recovers the first
// one instead of making a second), record it, then wait until CloudFront says Deployed.
func (w Worker) createDistribution(ctx context.Context, r *run) (outcome, error) {
	d, err := shared.Load[domain.Distribution](ctx, w.Store, domain.KindDistribution, r.op.ResourceID)
	if err != nil {
		return 0, err
	}
	// Multi-origin: routing function and origin request policy first (multi_origin.go).
	if err := w.convergeMultiOrigin(ctx, r, &d); err != nil {
		return 0, err
	}
	if d.CloudFrontID == "" {
		if err := w.createInCloud(ctx, r, &d); err != nil {
			return 0, err
		}
		r.waitOn = d.CloudFrontID
		// List the new ARN in the managed origins' bucket policies (origin_links.go).
		return waitDeployment, w.attachOrigins(ctx, r, d)
	}
	if err := w.attachOrigins(ctx, r, d); err != nil {
		return 0, err
	}
	live, err := w.deploymentStatus(ctx, r, d.CloudFrontID)
	if err != nil {
		return 0, err
	}
	if live.Status != domain.CloudStatusDeployed {
		r.waitOn = d.CloudFrontID
		return waitDeployment, nil
	}
	w.markDeployed(r, &d, live)
	return finished, nil
}

func (w Worker) createInCloud(ctx context.Context, r *run, d *domain.Distribution) error {
	cfg, err := w.resolveReferences(ctx, d.Config) // references.go
	if err != nil {
		return fmt.Errorf("create distribution %s: %w", d.ID, err)
	}
	cfg.CallerReference = r.op.ID
	live, err := w.Cloud.CDN.CreateDistribution(ctx, withoutTags(cfg))
	var exists *domain.AlreadyExistsError
	if errors.As(err, &exists) {
		w.Logger().InfoContext(ctx, "distribution already created by an earlier attempt; recovering it", "operation", r.op.ID, "cloudfrontId", exists.ExistingID)
		live, err = w.Cloud.CDN.GetDistribution(ctx, exists.ExistingID)
	}
	if err != nil {
		return fmt.Errorf("create distribution %s: %w", d.ID, err)
	}
	if w.Cloud.Tagger != nil {
		tags := map[string]string{ManagedByTag: w.Prefix, "cfm:distribution": d.ID, "cfm:owner": d.Owner}
		maps.Copy(tags, d.Config.Tags) // the request's tags (planned: never a product key)
		if err := w.Cloud.Tagger.TagResource(ctx, live.ARN, tags); err != nil {
			return fmt.Errorf("tag distribution %s: %w", live.ID, err)
		}
	}
	now := w.Now()
	d.CloudFrontID, d.ARN, d.DomainName = live.ID, live.ARN, live.DomainName
	d.Status = domain.DistributionInProgress
	applied := cfg
	d.AppliedConfig = &applied
	d.UpdatedAt = now
	r.op.Record("CreateDistribution", "Done", live.ID, now)
	r.op.Record("WaitForDeployment", "Waiting", "", now)
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Created", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: "CloudFront distribution " + live.ID + " created; deploying", At: now}
	if err := w.Store.Write(ctx, shared.PutDistribution(d), shared.PutOperation(r.op), shared.PutHistory(hist),
		shared.PutCloudFrontIndex(d)); err != nil {
		return fmt.Errorf("record distribution %s: %w", d.ID, err)
	}
	return nil
}

// markDeployed prepares the Deployed record and the distribution.deployed event; both are
// committed with the operation's success.
func (w Worker) markDeployed(r *run, d *domain.Distribution, live domain.LiveDistribution) {
	now := w.Now()
	d.Status = domain.DistributionDeployed
	d.DomainName = live.DomainName
	d.OperationID = ""
	d.UpdatedAt = now
	r.op.Record("WaitForDeployment", "Done", "Deployed", now)
	r.op.Result = &domain.OperationResult{CloudFrontID: d.CloudFrontID, DomainName: d.DomainName, ARN: d.ARN}
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Deployed", Actor: r.op.Actor, OperationID: r.op.ID, At: now}
	if r.beforeDeployed != nil {
		r.beforeDeployed(d)
	}
	r.writes = append(r.writes, shared.PutDistribution(d), shared.PutHistory(hist))
	r.events = append(r.events, events.New(events.TypeDistributionDeployed, r.op.ID, now, events.DistributionDeployed{
		Version: events.EventVersion, DistributionID: d.ID, CloudFrontID: d.CloudFrontID, DomainName: d.DomainName,
		ARN: d.ARN, OperationID: r.op.ID}))
}

// failDistribution releases a distribution from its failed operation. A failing create first
// looks for the distribution its CallerReference made (orphan.go): adopted onto the record, or
// deleted when the record is gone. A create that never reached CloudFront leaves the record
// Failed (DELETE removes it); otherwise the distribution
// keeps serving as CloudFront reports it (Deployed or InProgress; Failed only when CloudFront
// no longer has it), and the operation carries the failure. A record another operation owns
// now is left alone.
func (w Worker) failDistribution(ctx context.Context, op *domain.Operation, cause error) ([]domain.Write, error) {
	create := op.Kind == domain.OpCreateDistribution
	d, err := shared.Load[domain.Distribution](ctx, w.Store, domain.KindDistribution, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		if create {
			return nil, w.deleteOrphan(ctx, op) // orphan.go
		}
		return nil, nil // removed: nothing holds a lock
	}
	if err != nil {
		return nil, err
	}
	if d.OperationID != op.ID {
		return nil, nil
	}
	var writes []domain.Write
	if create && d.CloudFrontID == "" {
		if writes, err = w.adoptOrphan(ctx, op, &d); err != nil { // orphan.go
			return nil, err
		}
	}
	status, err := w.cloudStatus(ctx, d)
	if err != nil {
		return nil, err
	}
	d.Status = status
	d.OperationID = ""
	d.UpdatedAt = w.Now()
	return append(writes, shared.PutDistribution(&d), shared.PutHistory(domain.HistoryEntry{ResourceID: d.ID, Action: "Failed",
		Actor: op.Actor, OperationID: op.ID, Message: cause.Error(), At: d.UpdatedAt})), nil
}

// cloudStatus is the status a distribution is left in after a failed operation: what
// CloudFront reports, or Failed when CloudFront does not have it.
func (w Worker) cloudStatus(ctx context.Context, d domain.Distribution) (domain.DistributionStatus, error) {
	if d.CloudFrontID == "" || w.Cloud.CDN == nil {
		return domain.DistributionFailed, nil
	}
	live, err := w.Cloud.CDN.GetDistribution(ctx, d.CloudFrontID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.DistributionFailed, nil
	case err != nil:
		return "", fmt.Errorf("status of distribution %s in CloudFront: %w", d.CloudFrontID, err)
	case live.Status == domain.CloudStatusDeployed:
		return domain.DistributionDeployed, nil
	}
	return domain.DistributionInProgress, nil
}
