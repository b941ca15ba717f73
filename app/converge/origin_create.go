package converge

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Steps of an origin creation, as recorded on its operation.
const (
	stepCreateBucket    = "CreateBucket"
	stepAdoptBucket     = "AdoptBucket"
	stepConfigureBucket = "ConfigureBucket"
	stepCreateOAC       = "CreateOriginAccessControl"
	stepBucketPolicy    = "SyncBucketPolicy"
)

// oacName is the one OAC of an origin; the name makes its creation idempotent.
func (w Worker) oacName(originID string) string { return w.Prefix + "-" + originID }

// createOrigin converges a new origin: a private bucket in its region, its CORS / website
// settings, its OAC, and the product's bucket-policy statement. Every step is idempotent, so
// a retry after a crash or a lost response repeats it harmlessly.
func (w Worker) createOrigin(ctx context.Context, r *run) (outcome, error) {
	if err := w.requireOriginPorts(); err != nil {
		return 0, err
	}
	o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, r.op.ResourceID)
	if err != nil {
		return 0, err
	}
	if o.Adopted {
		if err := w.adoptBucket(ctx, r, o); err != nil {
			return 0, err
		}
	} else {
		if err := w.Cloud.Buckets.CreateBucket(ctx, o.BucketName, o.Region); err != nil {
			return 0, fmt.Errorf("create origin %s: create bucket %s in %s: %w", o.ID, o.BucketName, o.Region, err)
		}
		r.op.Record(stepCreateBucket, "Done", o.BucketName, w.Now())
	}
	if !o.Adopted || o.WebsiteHosting != nil || o.CORSConfiguration != nil {
		// An adopted bucket keeps its settings unless the request asked for some.
		if err := w.configureBucket(ctx, o); err != nil {
			return 0, err
		}
		r.op.Record(stepConfigureBucket, "Done", "", w.Now())
	}
	if err := w.ensureOAC(ctx, r, &o); err != nil {
		return 0, err
	}
	if err := w.SyncOriginPolicy(ctx, o.ID); err != nil {
		return 0, err
	}
	r.op.Record(stepBucketPolicy, "Done", "", w.Now())
	now := w.Now()
	o.Status, o.OperationID, o.UpdatedAt = domain.OriginActive, "", now
	r.op.Result = &domain.OperationResult{OriginID: o.ID, OACID: o.OACID, BucketURL: "https://" + o.RegionalDomain()}
	r.writes = append(r.writes, shared.PutOrigin(&o), shared.PutHistory(domain.HistoryEntry{ResourceID: o.ID, Action: "Created",
		Actor: r.op.Actor, OperationID: r.op.ID, Message: "bucket " + o.BucketName + ", OAC " + o.OACID, At: now}))
	return finished, nil
}

// adoptBucket checks that the bucket to adopt exists and is this account's; it creates
// nothing. A missing or foreign bucket fails the operation for good.
func (w Worker) adoptBucket(ctx context.Context, r *run, o domain.ManagedOrigin) error {
	_, err := w.Cloud.Buckets.IsEmpty(ctx, o.BucketName, o.Region)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Permanent(fmt.Errorf("bucketName: bucket %s does not exist in %s; adopt takes over an existing bucket: %w",
			o.BucketName, o.Region, domain.ErrNotFound))
	case errors.Is(err, domain.ErrForbidden):
		return domain.Permanent(fmt.Errorf("bucketName: bucket %s is not readable by this account: %w", o.BucketName, err))
	case err != nil:
		return fmt.Errorf("adopt origin %s: read bucket %s: %w", o.ID, o.BucketName, err)
	}
	r.op.Record(stepAdoptBucket, "Done", o.BucketName+" (existing bucket, not created)", w.Now())
	return nil
}

func (w Worker) requireOriginPorts() error {
	if w.Cloud.Buckets == nil || w.Cloud.OACs == nil {
		return domain.Permanent(errors.New("managed origins need the bucket and origin-access-control services, which are not configured"))
	}
	return nil
}

func (w Worker) configureBucket(ctx context.Context, o domain.ManagedOrigin) error {
	s := domain.BucketSettings{Website: o.WebsiteHosting, CORS: o.CORSConfiguration}
	if err := w.Cloud.Buckets.ConfigureBucket(ctx, o.BucketName, o.Region, s); err != nil {
		return fmt.Errorf("configure bucket %s of origin %s: %w", o.BucketName, o.ID, err)
	}
	return nil
}

// ensureOAC creates the origin's OAC once. A create whose response was lost is recovered by
// name, and the id is recorded on the origin before anything else happens.
func (w Worker) ensureOAC(ctx context.Context, r *run, o *domain.ManagedOrigin) error {
	if o.OACID != "" {
		return nil
	}
	name := w.oacName(o.ID)
	oac, err := w.Cloud.OACs.CreateOriginAccessControl(ctx, name, "S3 origin "+o.BucketName+" (CloudFront Manager)")
	var exists *domain.AlreadyExistsError
	if errors.As(err, &exists) {
		w.Logger().InfoContext(ctx, "origin access control already created by an earlier attempt; recovering it", "origin", o.ID, "oac", exists.ExistingID)
		oac, err = domain.OriginAccessControl{ID: exists.ExistingID, Name: name}, nil
	}
	if err != nil {
		return fmt.Errorf("create origin access control %s: %w", name, err)
	}
	now := w.Now()
	o.OACID, o.UpdatedAt = oac.ID, now
	r.op.Record(stepCreateOAC, "Done", oac.ID, now)
	r.op.UpdatedAt = now
	if err := w.Store.Write(ctx, shared.PutOrigin(o), shared.PutOperation(r.op)); err != nil {
		return fmt.Errorf("record origin access control of %s: %w", o.ID, err)
	}
	return nil
}

// failOrigin marks an origin whose creation failed for good; DELETE cleans it up.
func (w Worker) failOrigin(ctx context.Context, op *domain.Operation, cause error) ([]domain.Write, error) {
	o, held, err := w.heldOrigin(ctx, op)
	if err != nil || !held {
		return nil, err
	}
	return w.settleOrigin(o, op, domain.OriginFailed, "Failed", cause), nil
}

// heldOrigin loads the origin of op; held is false when it is gone or another operation owns it
// (then there is no lock of op's to release).
func (w Worker) heldOrigin(ctx context.Context, op *domain.Operation) (domain.ManagedOrigin, bool, error) {
	o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return o, false, nil
	}
	if err != nil {
		return o, false, err
	}
	return o, o.OperationID == op.ID, nil
}

// settleOrigin returns an origin to a final status after its operation failed.
func (w Worker) settleOrigin(o domain.ManagedOrigin, op *domain.Operation, status domain.OriginStatus, action string, cause error) []domain.Write {
	o.Status, o.OperationID, o.UpdatedAt = status, "", w.Now()
	return []domain.Write{shared.PutOrigin(&o), shared.PutHistory(domain.HistoryEntry{ResourceID: o.ID, Action: action,
		Actor: op.Actor, OperationID: op.ID, Message: cause.Error(), At: o.UpdatedAt})}
}
