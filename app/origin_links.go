package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cloudfront-manager/cfm/domain"
)

// Store kinds only the origin use cases write.
const (
	// kindOriginUse links a distribution to a managed origin it uses (Parent = origin id), so
	// the users of an origin are found through the parent index, without a scan.
	kindOriginUse domain.Kind = "originUse"
	// kindBucketClaim makes one bucket name belong to one origin: its Version-1 put fails when
	// two creates race for the same bucket.
	kindBucketClaim domain.Kind = "originBucket"
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

func originUseID(originID, distID string) string { return originID + "/" + distID }

// putBucketClaim claims bucket for an origin (fails with ErrConflict if it is taken).
func putBucketClaim(o domain.ManagedOrigin) domain.Write {
	return put(kindBucketClaim, o.BucketName, 1, "", "", sortTime(o.CreatedAt)+"#"+o.ID, bucketClaim{OriginID: o.ID})
}

// managedOriginUses finds the managed origins a planned config reaches and returns their ids
// and the writes that link the distribution to them. Each origin is re-put at the version just
// read, so an origin delete accepted at the same moment makes one of the two intents fail
// instead of both succeeding. An origin that is not ready (Creating, Deleting, Failed) is a
// conflict: its bucket or OAC may not exist.
func (d Deps) managedOriginUses(ctx context.Context, distID string, cfg domain.DistributionConfig) ([]string, []domain.Write, error) {
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
		o, err := Distributions{d}.originByBucket(ctx, bucket)
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
		writes = append(writes, putOrigin(&o))
		linked, err := d.linked(ctx, o.ID, distID)
		if err != nil {
			return nil, nil, err
		}
		if !linked {
			writes = append(writes, d.putOriginUse(o.ID, distID))
		}
	}
	return ids, writes, nil
}

func (d Deps) putOriginUse(originID, distID string) domain.Write {
	return put(kindOriginUse, originUseID(originID, distID), 1, originID, "", sortTime(d.now())+"#"+distID,
		originUse{OriginID: originID, DistributionID: distID})
}

// linked reports whether the distribution is linked to the origin.
func (d Deps) linked(ctx context.Context, originID, distID string) (bool, error) {
	_, err := d.Store.Get(ctx, kindOriginUse, originUseID(originID, distID))
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("link of %s to origin %s: %w", distID, originID, err)
	}
	return true, nil
}

// linkOrigins links a distribution to each of its OriginIDs that is not linked yet (records
// created by other paths, such as multi-origin creates, carry OriginIDs without links).
func (d Deps) linkOrigins(ctx context.Context, dist domain.Distribution) error {
	for _, id := range dist.OriginIDs {
		linked, err := d.linked(ctx, id, dist.ID)
		if err != nil {
			return err
		}
		if linked {
			continue
		}
		if err := d.Store.Write(ctx, d.putOriginUse(id, dist.ID)); err != nil && !errors.Is(err, domain.ErrConflict) {
			return fmt.Errorf("link %s to origin %s: %w", dist.ID, id, err)
		}
	}
	return nil
}

// originUsers returns the distributions that use an origin now: linked, and existing in
// CloudFront or about to (a failed create that never reached CloudFront does not count).
func (d Deps) originUsers(ctx context.Context, originID string) ([]domain.Distribution, error) {
	q := domain.Query{Kind: kindOriginUse, Index: domain.ByParent, Key: originID, Limit: MaxPageLimit}
	var out []domain.Distribution
	for {
		links, next, err := list[originUse](ctx, d.Store, q)
		if err != nil {
			return nil, fmt.Errorf("users of origin %s: %w", originID, err)
		}
		for _, l := range links {
			dist, err := load[domain.Distribution](ctx, d.Store, domain.KindDistribution, l.DistributionID)
			if errors.Is(err, domain.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("users of origin %s: %w", originID, err)
			}
			if usesOrigins(dist) {
				out = append(out, dist)
			}
		}
		if next == "" {
			return out, nil
		}
		q.Cursor = next
	}
}

func usesOrigins(d domain.Distribution) bool {
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
	users, err := d.originUsers(ctx, originID)
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
