package converge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Steps of an origin deletion.
const (
	stepEmptyBucket   = "EmptyBucket"
	stepDeleteBucket  = "DeleteBucket"
	stepDeleteOAC     = "DeleteOriginAccessControl"
	stepReleaseBucket = "ReleaseBucket"
)

// deleteOrigin removes the bucket (emptying it first only when the caller forced it), then the
// OAC, then the record. The bucket goes first: an OAC left behind by a failure is harmless,
// data deleted by surprise is not. Each step treats "already gone" as done.
func (w Worker) deleteOrigin(ctx context.Context, r *run) (outcome, error) {
	if err := w.requireOriginPorts(); err != nil {
		return 0, err
	}
	o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, r.op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		return finished, nil
	}
	if err != nil {
		return 0, err
	}
	var in shared.DeleteOriginInput
	if err := json.Unmarshal(r.op.Input, &in); err != nil {
		return 0, domain.Permanent(fmt.Errorf("decode input of %s: %w", r.op.ID, err))
	}
	// A distribution accepted in the meantime would have conflicted with the intent, but check
	// again: deleting a bucket someone reads from is not recoverable.
	if err := w.CheckUnused(ctx, o); err != nil {
		return 0, domain.Permanent(err)
	}
	kept := "deleted"
	if o.Adopted {
		// Not the product's bucket: remove only the product's statement, keep the bucket.
		if err := w.releaseBucket(ctx, r, o, in); err != nil {
			return 0, err
		}
		kept = "kept (adopted)"
	} else if err := w.deleteBucket(ctx, r, o, in); err != nil {
		return 0, err
	}
	if err := w.deleteOAC(ctx, r, o); err != nil {
		return 0, err
	}
	now := w.Now()
	r.op.Result = &domain.OperationResult{OriginID: o.ID, BucketName: o.BucketName}
	r.writes = append(r.writes, shared.DeleteKey(domain.KindOrigin, o.ID, o.Version), shared.DeleteKey(shared.KindBucketClaim, o.BucketName, 0),
		shared.PutHistory(domain.HistoryEntry{ResourceID: o.ID, Action: "Deleted", Actor: r.op.Actor, OperationID: r.op.ID,
			Message: "bucket " + o.BucketName + " " + kept, At: now}))
	return finished, nil
}

func (w Worker) deleteBucket(ctx context.Context, r *run, o domain.ManagedOrigin, in shared.DeleteOriginInput) error {
	b := w.Cloud.Buckets
	empty, err := b.IsEmpty(ctx, o.BucketName, o.Region)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		r.op.Record(stepDeleteBucket, "Done", "already gone", w.Now())
		return nil
	case errors.Is(err, domain.ErrForbidden) && in.Previous == domain.OriginFailed:
		// The create failed because the name belongs to someone else: nothing of ours to delete.
		r.op.Record(stepDeleteBucket, "Done", "bucket is not this account's; left alone", w.Now())
		return nil
	case err != nil:
		return fmt.Errorf("delete origin %s: list bucket %s: %w", o.ID, o.BucketName, err)
	}
	if !empty {
		if !in.Force {
			return domain.Permanent(fmt.Errorf("force: bucket %s is not empty; delete again with force=true to remove its objects: %w",
				o.BucketName, domain.ErrConflict))
		}
		if err := b.EmptyBucket(ctx, o.BucketName, o.Region); err != nil {
			return fmt.Errorf("delete origin %s: empty bucket %s: %w", o.ID, o.BucketName, err)
		}
		r.op.Record(stepEmptyBucket, "Done", o.BucketName, w.Now())
	}
	err = b.DeleteBucket(ctx, o.BucketName, o.Region)
	switch {
	case errors.Is(err, domain.ErrNotFound):
	case errors.Is(err, domain.ErrConflict) && !in.Force:
		// An object arrived after the check: never delete it without force.
		return domain.Permanent(fmt.Errorf("force: bucket %s received objects during the delete; delete again with force=true: %w",
			o.BucketName, err))
	case err != nil:
		return fmt.Errorf("delete origin %s: delete bucket %s: %w", o.ID, o.BucketName, err)
	}
	r.op.Record(stepDeleteBucket, "Done", o.BucketName, w.Now())
	return nil
}

// releaseBucket removes the product's bucket-policy statement from an adopted bucket, keeping
// the owner's statements and the bucket itself.
func (w Worker) releaseBucket(ctx context.Context, r *run, o domain.ManagedOrigin, in shared.DeleteOriginInput) error {
	err := w.Cloud.Buckets.MergePolicyStatement(ctx, o.BucketName, o.Region, shared.OACStatement(o.BucketName, nil))
	gone := errors.Is(err, domain.ErrNotFound) || (errors.Is(err, domain.ErrForbidden) && in.Previous == domain.OriginFailed)
	if err != nil && !gone {
		return fmt.Errorf("delete origin %s: remove policy statement from bucket %s: %w", o.ID, o.BucketName, err)
	}
	r.op.Record(stepReleaseBucket, "Done", o.BucketName+" kept", w.Now())
	return nil
}

func (w Worker) deleteOAC(ctx context.Context, r *run, o domain.ManagedOrigin) error {
	id := o.OACID
	if id == "" {
		// A create that crashed between making the OAC and recording its id left it behind
		// under its name. A create answers with the existing id (or makes one to delete).
		name := w.oacName(o.ID)
		oac, err := w.Cloud.OACs.CreateOriginAccessControl(ctx, name, "S3 origin "+o.BucketName+" (CloudFront Manager)")
		var exists *domain.AlreadyExistsError
		switch {
		case errors.As(err, &exists):
			id = exists.ExistingID
		case err != nil:
			return fmt.Errorf("delete origin %s: find origin access control %s: %w", o.ID, name, err)
		default:
			id = oac.ID
		}
	}
	oac, err := w.Cloud.OACs.GetOriginAccessControl(ctx, id)
	if err == nil {
		err = w.Cloud.OACs.DeleteOriginAccessControl(ctx, id, oac.ETag)
	}
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("delete origin %s: delete origin access control %s: %w", o.ID, id, err)
	}
	r.op.Record(stepDeleteOAC, "Done", id, w.Now())
	return nil
}
