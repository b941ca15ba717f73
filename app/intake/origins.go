package intake

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Origins is the API side of managed-origin use cases.
type Origins struct{ shared.Deps }

// OriginDetail is one origin as GET /origins/{id} shows it: the record, the distributions
// that use it, and what the bucket policy allows (nil when the policy could not be read).
type OriginDetail struct {
	Origin          domain.ManagedOrigin
	DistributionIDs []string
	BucketPolicy    *shared.BucketPolicyAccess
}

// Create validates a new origin, records the intent and sends the command. The bucket is
// created private (public access blocked); CloudFront reads it through its REST endpoint with
// the origin's OAC, also when website hosting is on.
func (a Origins) Create(ctx context.Context, p domain.Principal, req OriginRequest, idemKey string) (Accepted[domain.ManagedOrigin], error) {
	if !p.CanCreate() {
		return Accepted[domain.ManagedOrigin]{}, fmt.Errorf("create origin: %w", domain.ErrForbidden)
	}
	id := domain.NewID(domain.PrefixOrigin)
	op := a.NewOperation(domain.OpCreateOrigin, "origin", id, p, idemKey, shared.RequestHash("create-origin", req))
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		// Same key, same body: once the origin is gone, the answer shows it as it was created.
		asCreated := func() domain.ManagedOrigin {
			valid, _ := validateOriginRequest(req)
			return newOrigin(prev.ResourceID, valid, prev)
		}
		return a.replayed(ctx, prev, err, asCreated)
	}
	req, err := validateOriginRequest(req)
	if err != nil {
		return Accepted[domain.ManagedOrigin]{}, err
	}
	if pre := a.Policy.OriginBucketPrefix; pre != "" && !strings.HasPrefix(req.BucketName, pre) {
		return Accepted[domain.ManagedOrigin]{}, &domain.PolicyViolation{Rule: "originBucketPrefix", Field: "bucketName",
			Message: fmt.Sprintf("origin buckets (created or adopted) must be named %s…; the product's permissions reach only those", pre)}
	}
	existing, err := a.OriginByBucket(ctx, req.BucketName)
	switch {
	case err == nil:
		return Accepted[domain.ManagedOrigin]{}, fmt.Errorf("bucketName: bucket %s is already managed by origin %s: %w",
			req.BucketName, existing.ID, domain.ErrConflict)
	case !errors.Is(err, domain.ErrNotFound):
		return Accepted[domain.ManagedOrigin]{}, err
	}
	now := a.Now()
	o := newOrigin(id, req, op)
	msg := "bucket " + req.BucketName + " in " + req.Region
	if req.Adopt {
		msg = "adopt existing " + msg
	}
	hist := domain.HistoryEntry{ResourceID: id, Action: "CreateRequested", Actor: p.Username, OperationID: op.ID, Message: msg, At: now}
	sub, err := a.Submit(ctx, op, shared.PutOrigin(&o), shared.PutBucketClaim(o), shared.PutHistory(hist))
	if err != nil || sub.Replayed {
		if errors.Is(err, domain.ErrConflict) {
			err = fmt.Errorf("bucketName: bucket %s is already managed: %w", req.BucketName, err)
		}
		return a.replayed(ctx, sub.Operation, err, func() domain.ManagedOrigin { return newOrigin(sub.Operation.ResourceID, req, sub.Operation) })
	}
	return Accepted[domain.ManagedOrigin]{Resource: o, Operation: sub.Operation}, nil
}

// newOrigin is the record a create makes: the request's settings, Creating, owned by the
// operation's actor.
func newOrigin(id string, req OriginRequest, op domain.Operation) domain.ManagedOrigin {
	return domain.ManagedOrigin{ID: id, Name: req.Name, BucketName: req.BucketName, Region: req.Region,
		Status: domain.OriginCreating, WebsiteHosting: req.WebsiteHosting, CORSConfiguration: req.CORSConfiguration,
		Adopted: req.Adopt, OperationID: op.ID, Owner: op.Actor, CreatedAt: op.CreatedAt, UpdatedAt: op.CreatedAt}
}

// replayed answers a repeated request with the original operation and the origin as it is now.
// When the origin is gone since, a replayed create shows it as it was created (asCreated); other
// replays a tombstone: its id and status Deleted.
func (a Origins) replayed(ctx context.Context, op domain.Operation, err error, asCreated ...func() domain.ManagedOrigin) (Accepted[domain.ManagedOrigin], error) {
	if err != nil {
		return Accepted[domain.ManagedOrigin]{}, err
	}
	o, err := shared.Load[domain.ManagedOrigin](ctx, a.Store, domain.KindOrigin, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) { // gone since: still the original operation
		gone := domain.ManagedOrigin{ID: op.ResourceID, Status: domain.OriginDeleted}
		if len(asCreated) > 0 {
			gone = asCreated[0]()
		}
		return Accepted[domain.ManagedOrigin]{Resource: gone, Operation: op, Replayed: true}, nil
	}
	if err != nil {
		return Accepted[domain.ManagedOrigin]{}, err
	}
	return Accepted[domain.ManagedOrigin]{Resource: o, Operation: op, Replayed: true}, nil
}

// Get returns one origin with its users and bucket-policy access.
func (a Origins) Get(ctx context.Context, p domain.Principal, id string) (OriginDetail, error) {
	if !p.CanRead() {
		return OriginDetail{}, fmt.Errorf("get origin: %w", domain.ErrForbidden)
	}
	o, err := shared.Load[domain.ManagedOrigin](ctx, a.Store, domain.KindOrigin, id)
	if err != nil {
		return OriginDetail{}, err
	}
	det, err := a.withUsers(ctx, o)
	if err != nil {
		return OriginDetail{}, err
	}
	det.BucketPolicy = a.bucketPolicy(ctx, o)
	return det, nil
}

// bucketPolicy reads who the bucket policy lets in; a read failure is logged, not fatal.
func (a Origins) bucketPolicy(ctx context.Context, o domain.ManagedOrigin) *shared.BucketPolicyAccess {
	if a.Cloud.Buckets == nil {
		return nil
	}
	doc, err := a.Cloud.Buckets.GetPolicy(ctx, o.BucketName, o.Region)
	if errors.Is(err, domain.ErrNotFound) {
		return &shared.BucketPolicyAccess{}
	}
	if err == nil {
		var acc shared.BucketPolicyAccess
		if acc, err = shared.PolicyAccess(doc); err == nil {
			return &acc
		}
	}
	a.Logger().WarnContext(ctx, "bucket policy not readable", "origin", o.ID, "bucket", o.BucketName, "error", err)
	return nil
}

func (a Origins) withUsers(ctx context.Context, o domain.ManagedOrigin) (OriginDetail, error) {
	users, err := a.OriginUsers(ctx, o.ID)
	if err != nil {
		return OriginDetail{}, err
	}
	det := OriginDetail{Origin: o, DistributionIDs: []string{}}
	o.AssociatedDistributions = []string{}
	for _, u := range users {
		det.DistributionIDs = append(det.DistributionIDs, u.ID)
		if u.ARN != "" {
			o.AssociatedDistributions = append(o.AssociatedDistributions, u.ARN)
		}
	}
	det.Origin = o
	return det, nil
}

// List pages through origins, newest first, each with its users.
func (a Origins) List(ctx context.Context, p domain.Principal, page PageRequest) (Page[OriginDetail], error) {
	if !p.CanRead() {
		return Page[OriginDetail]{}, fmt.Errorf("list origins: %w", domain.ErrForbidden)
	}
	q, err := page.query(domain.KindOrigin, domain.ByKind, "", true)
	if err != nil {
		return Page[OriginDetail]{}, err
	}
	items, next, err := shared.List[domain.ManagedOrigin](ctx, a.Store, q)
	if err != nil {
		return Page[OriginDetail]{}, err
	}
	out := make([]OriginDetail, 0, len(items))
	for _, o := range items {
		det, err := a.withUsers(ctx, o)
		if err != nil {
			return Page[OriginDetail]{}, err
		}
		out = append(out, det)
	}
	return Page[OriginDetail]{Items: out, Next: next}, nil
}

// loadForChange checks the caller's role, then answers a repeat of the caller's own update or
// delete (same key; keys are per caller) with its original operation (replay), before the
// origin is read: once a delete succeeded there is no origin to read, and a replay must still
// not be a 404. Otherwise it loads the origin, which the caller must be allowed to change.
func (a Origins) loadForChange(ctx context.Context, p domain.Principal, verb string, op domain.Operation) (o domain.ManagedOrigin, replay *Accepted[domain.ManagedOrigin], err error) {
	if !p.CanCreate() {
		return o, nil, fmt.Errorf("%s origin: %w", verb, domain.ErrForbidden)
	}
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		acc, err := a.replayed(ctx, prev, err)
		return o, &acc, err
	}
	o, err = shared.Load[domain.ManagedOrigin](ctx, a.Store, domain.KindOrigin, op.ResourceID)
	if err != nil {
		return o, nil, err
	}
	if !p.CanModify(o.Owner) {
		return o, nil, fmt.Errorf("%s origin %s owned by %s: %w", verb, o.ID, o.Owner, domain.ErrForbidden)
	}
	return o, nil, nil
}

// Update changes an origin's name (metadata) and its CORS / website settings (converged on
// the bucket by the worker).
func (a Origins) Update(ctx context.Context, p domain.Principal, id string, req OriginUpdate, idemKey string) (Accepted[domain.ManagedOrigin], error) {
	op := a.NewOperation(domain.OpUpdateOrigin, "origin", id, p, idemKey, shared.RequestHash("update-origin", id, req))
	o, replay, err := a.loadForChange(ctx, p, "update", op)
	switch {
	case err != nil:
		return Accepted[domain.ManagedOrigin]{}, err
	case replay != nil:
		return *replay, nil
	}
	req, err = validateOriginUpdate(req)
	if err != nil {
		return Accepted[domain.ManagedOrigin]{}, err
	}
	if o.Status != domain.OriginActive {
		return Accepted[domain.ManagedOrigin]{}, fmt.Errorf("origin %s is %s; only an Active origin can be updated: %w", id, o.Status, domain.ErrConflict)
	}
	in := shared.UpdateOriginInput{Name: o.Name, Website: o.WebsiteHosting, CORS: o.CORSConfiguration, Previous: o.Status}
	if req.Name != nil {
		in.Name = *req.Name
	}
	if req.WebsiteHosting != nil {
		in.Website = req.WebsiteHosting
	}
	if req.CORSConfiguration != nil {
		in.CORS = req.CORSConfiguration
	}
	op.Input = shared.MustJSON(in)
	now := a.Now()
	o.Status, o.OperationID, o.UpdatedAt = domain.OriginUpdating, op.ID, now
	hist := domain.HistoryEntry{ResourceID: id, Action: "UpdateRequested", Actor: p.Username, OperationID: op.ID, At: now}
	sub, err := a.Submit(ctx, op, shared.PutOrigin(&o), shared.PutHistory(hist))
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	// The answer shows the origin as it will be (the worker applies these settings) and its
	// users, as GET does.
	o.Name, o.WebsiteHosting, o.CORSConfiguration = in.Name, in.Website, in.CORS
	if det, err := a.withUsers(ctx, o); err == nil {
		o = det.Origin
	} else {
		a.Logger().WarnContext(ctx, "origin users not readable", "origin", o.ID, "error", err)
	}
	return Accepted[domain.ManagedOrigin]{Resource: o, Operation: sub.Operation}, nil
}

// Delete removes an origin no distribution uses: its OAC, its bucket (which must be empty
// unless force is set — objects are never removed silently) and its record.
func (a Origins) Delete(ctx context.Context, p domain.Principal, id string, force bool, idemKey string) (Accepted[domain.ManagedOrigin], error) {
	op := a.NewOperation(domain.OpDeleteOrigin, "origin", id, p, idemKey, shared.RequestHash("delete-origin", id, force))
	o, replay, err := a.loadForChange(ctx, p, "delete", op)
	switch {
	case err != nil:
		return Accepted[domain.ManagedOrigin]{}, err
	case replay != nil:
		return *replay, nil
	}
	if o.Status != domain.OriginActive && o.Status != domain.OriginFailed {
		return Accepted[domain.ManagedOrigin]{}, fmt.Errorf("origin %s is %s; wait until its operation %s finishes: %w", id, o.Status, o.OperationID, domain.ErrConflict)
	}
	if err := a.CheckUnused(ctx, o); err != nil {
		return Accepted[domain.ManagedOrigin]{}, err
	}
	if !force && o.Status == domain.OriginActive {
		if err := checkEmpty(ctx, a.Deps, o); err != nil {
			return Accepted[domain.ManagedOrigin]{}, err
		}
	}
	op.Input = shared.MustJSON(shared.DeleteOriginInput{Force: force, Previous: o.Status})
	now := a.Now()
	o.Status, o.OperationID, o.UpdatedAt = domain.OriginDeleting, op.ID, now
	hist := domain.HistoryEntry{ResourceID: id, Action: "DeleteRequested", Actor: p.Username, OperationID: op.ID,
		Message: fmt.Sprintf("force=%t", force), At: now}
	sub, err := a.Submit(ctx, op, shared.PutOrigin(&o), shared.PutHistory(hist))
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	return Accepted[domain.ManagedOrigin]{Resource: o, Operation: sub.Operation}, nil
}

// checkEmpty is ErrConflict when the bucket holds objects (a gone bucket is empty).
// An adopted bucket is never deleted, so its objects do not matter.
func checkEmpty(ctx context.Context, d shared.Deps, o domain.ManagedOrigin) error {
	if d.Cloud.Buckets == nil || o.Adopted {
		return nil
	}
	empty, err := d.Cloud.Buckets.IsEmpty(ctx, o.BucketName, o.Region)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("check bucket %s: %w", o.BucketName, err)
	case !empty:
		return fmt.Errorf("force: bucket %s is not empty; pass force=true to delete its objects with it: %w", o.BucketName, domain.ErrConflict)
	}
	return nil
}
