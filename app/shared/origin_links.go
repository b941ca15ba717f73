package shared

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// Store kinds only the origin use cases write.
const (
	// kindOriginUse links a distribution to a managed origin it uses (Parent = origin id), so
	// the users of an origin are found through the parent index, without a scan.
	KindOriginUse domain.Kind = "originUse"
	// kindBucketClaim makes one bucket name belong to one origin: its Version-1 put fails when
	// two creates race for the same bucket.
	KindBucketClaim domain.Kind = "originBucket"
)

// originUse is the body of a kindOriginUse item.
type originUse struct {
	OriginID       string `json:"originId"`
	DistributionID string `json:"distributionId"`
}

// bucketClaim is the body of a kindBucketClaim item.
type bucketClaim struct {
	OriginID string `json:"originId"`
}

func OriginUseID(originID, distID string) string { return originID + "/" + distID }

// PutBucketClaim claims bucket for an origin (fails with ErrConflict if it is taken).
func PutBucketClaim(o domain.ManagedOrigin) domain.Write {
	return Put(KindBucketClaim, o.BucketName, 1, "", "", SortTime(o.CreatedAt)+"#"+o.ID, bucketClaim{OriginID: o.ID})
}

// ManagedOriginUses finds the managed origins a planned config reaches and returns their ids
// and the writes that link the distribution to them. Each origin is re-put at the version just
// read, so an origin delete accepted at the same moment makes one of the two intents fail
// instead of both succeeding. An origin that is not ready (Creating, Deleting, Failed) is a
// conflict: its bucket or OAC may not exist.
func (d Deps) ManagedOriginUses(ctx context.Context, distID string, cfg domain.DistributionConfig) ([]string, []domain.Write, error) {
	if cfg.Origins == nil {
		return nil, nil, nil
	}
	var ids []string
	var writes []domain.Write
	for i, it := range cfg.Origins.Items {
		bucket, _, ok := domain.ParseS3Domain(it.DomainName)
		if !ok {
			continue
		}
		o, err := d.OriginByBucket(ctx, bucket)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if slices.Contains(ids, o.ID) {
			continue
		}
		if o.Status != domain.OriginActive && o.Status != domain.OriginUpdating {
			return nil, nil, fmt.Errorf("config.Origins.Items[%d]: managed origin %s (bucket %s) is %s, not Active: %w",
				i, o.ID, bucket, o.Status, domain.ErrConflict)
		}
		ids = append(ids, o.ID)
		writes = append(writes, PutOrigin(&o))
		linked, err := d.linked(ctx, o.ID, distID)
		if err != nil {
			return nil, nil, err
		}
		if !linked {
			writes = append(writes, d.PutOriginUse(o.ID, distID))
		}
	}
	return ids, writes, nil
}

func (d Deps) PutOriginUse(originID, distID string) domain.Write {
	return Put(KindOriginUse, OriginUseID(originID, distID), 1, originID, "", SortTime(d.Now())+"#"+distID,
		originUse{OriginID: originID, DistributionID: distID})
}

// linked reports whether the distribution is linked to the origin.
func (d Deps) linked(ctx context.Context, originID, distID string) (bool, error) {
	_, err := d.Store.Get(ctx, KindOriginUse, OriginUseID(originID, distID))
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("link of %s to origin %s: %w", distID, originID, err)
	}
	return true, nil
}

// LinkOrigins links a distribution to each of its OriginIDs that is not linked yet (records
// created by other paths, such as multi-origin creates, carry OriginIDs without links).
func (d Deps) LinkOrigins(ctx context.Context, dist domain.Distribution) error {
	for _, id := range dist.OriginIDs {
		linked, err := d.linked(ctx, id, dist.ID)
		if err != nil {
			return err
		}
		if linked {
			continue
		}
		if err := d.Store.Write(ctx, d.PutOriginUse(id, dist.ID)); err != nil && !errors.Is(err, domain.ErrConflict) {
			return fmt.Errorf("link %s to origin %s: %w", dist.ID, id, err)
		}
	}
	return nil
}

// OriginUsers returns the distributions that use an origin now: linked, and existing in
// CloudFront or about to (a failed create that never reached CloudFront does not count).
func (d Deps) OriginUsers(ctx context.Context, originID string) ([]domain.Distribution, error) {
	q := domain.Query{Kind: KindOriginUse, Index: domain.ByParent, Key: originID, Limit: linkPageLimit}
	var out []domain.Distribution
	for {
		links, next, err := List[originUse](ctx, d.Store, q)
		if err != nil {
			return nil, fmt.Errorf("users of origin %s: %w", originID, err)
		}
		for _, l := range links {
			dist, err := Load[domain.Distribution](ctx, d.Store, domain.KindDistribution, l.DistributionID)
			if errors.Is(err, domain.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("users of origin %s: %w", originID, err)
			}
			if UsesOrigins(dist) {
				out = append(out, dist)
			}
		}
		if next == "" {
			return out, nil
		}
		q.Cursor = next
	}
}

func UsesOrigins(d domain.Distribution) bool {
	switch d.Status {
	case domain.DistributionDeleted:
		return false
	case domain.DistributionFailed:
		return d.CloudFrontID != ""
	}
	return true
}

// originARNs is the sorted AWS:SourceArn list for an origin: the ARNs of its users that
// exist in CloudFront.
func (d Deps) originARNs(ctx context.Context, originID string) ([]string, error) {
	users, err := d.OriginUsers(ctx, originID)
	if err != nil {
		return nil, err
	}
	var arns []string
	for _, u := range users {
		if u.ARN != "" && !slices.Contains(arns, u.ARN) {
			arns = append(arns, u.ARN)
		}
	}
	slices.Sort(arns)
	return arns, nil
}

// CheckUnused is ErrConflict while any distribution uses the origin.
func (d Deps) CheckUnused(ctx context.Context, o domain.ManagedOrigin) error {
	users, err := d.OriginUsers(ctx, o.ID)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		return nil
	}
	ids := make([]string, 0, len(users))
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return fmt.Errorf("origin %s is used by distributions %s; delete them or move them to another origin first: %w",
		o.ID, strings.Join(ids, ", "), domain.ErrConflict)
}

// OriginByBucket finds the managed origin of a bucket through the parent index.
func (d Deps) OriginByBucket(ctx context.Context, bucket string) (domain.ManagedOrigin, error) {
	items, _, err := List[domain.ManagedOrigin](ctx, d.Store, domain.Query{Kind: domain.KindOrigin, Index: domain.ByParent, Key: bucket, Limit: 1})
	if err != nil {
		return domain.ManagedOrigin{}, err
	}
	if len(items) == 0 {
		return domain.ManagedOrigin{}, fmt.Errorf("origin for bucket %s: %w", bucket, domain.ErrNotFound)
	}
	return items[0], nil
}

// linkPageLimit is the page size of the origin-use scans.
const linkPageLimit = 100

// DetachOrigins removes a distribution from the bucket policies of the managed origins it
// used: it drops the links, then recomputes each origin's statement (the last user's removal
// removes the statement). The delete worker calls it once the distribution is gone from
// CloudFront; it is idempotent.
func (deps Deps) DetachOrigins(ctx context.Context, d domain.Distribution) error {
	if len(d.OriginIDs) == 0 {
		return nil
	}
	writes := make([]domain.Write, 0, len(d.OriginIDs))
	for _, id := range d.OriginIDs {
		writes = append(writes, DeleteKey(KindOriginUse, OriginUseID(id, d.ID), 0))
	}
	if err := deps.Store.Write(ctx, writes...); err != nil {
		return fmt.Errorf("unlink distribution %s from its origins: %w", d.ID, err)
	}
	for _, id := range d.OriginIDs {
		if err := deps.SyncOriginPolicy(ctx, id); err != nil {
			return fmt.Errorf("detach distribution %s from origin %s: %w", d.ID, id, err)
		}
	}
	return nil
}
