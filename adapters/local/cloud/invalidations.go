package cloud

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// CloudFront's per-distribution quotas for paths in in-progress invalidations.
const (
	MaxInProgressFilePaths     = 3000
	MaxInProgressWildcardPaths = 15
	// TooManyInvalidationsDelay is the retry delay a quota rejection asks for.
	TooManyInvalidationsDelay = 30 * time.Second
)

type invalidationRecord struct {
	ID              string    `json:"id"`
	CallerReference string    `json:"callerReference"`
	Paths           []string  `json:"paths"`
	CreateTime      time.Time `json:"createTime"`
}

func (c *Cloud) invalidationView(r invalidationRecord) domain.Invalidation {
	status := "Completed"
	if c.inProgress(r) {
		status = "InProgress"
	}
	return domain.Invalidation{ID: r.ID, Status: status, Paths: slices.Clone(r.Paths), CreateTime: r.CreateTime}
}

func (c *Cloud) inProgress(r invalidationRecord) bool {
	return c.now().Before(r.CreateTime.Add(c.invalidation))
}

// CreateInvalidation invalidates paths. The same callerReference with the same paths returns
// the existing invalidation; with other paths it is ErrConflict (InvalidationBatchAlreadyExists).
func (c *Cloud) CreateInvalidation(ctx context.Context, distributionID, callerReference string, paths []string) (domain.Invalidation, error) {
	if err := c.gate(ctx, "CreateInvalidation"); err != nil {
		return domain.Invalidation{}, err
	}
	if err := checkPaths(callerReference, paths); err != nil {
		return domain.Invalidation{}, fmt.Errorf("create invalidation on %s: %w", distributionID, err)
	}
	var rec invalidationRecord
	created := false
	err := c.db.Update(func(tx *bolt.Tx) error {
		if _, err := loadDistribution(tx, distributionID); err != nil {
			return err
		}
		refKey := distributionID + "/" + callerReference
		if id := tx.Bucket(bktInvRefs).Get([]byte(refKey)); id != nil {
			old, _, err := getJSON[invalidationRecord](tx, bktInvalidations, distributionID+"/"+string(id))
			if err != nil {
				return err
			}
			if !samePaths(old.Paths, paths) {
				return fmt.Errorf("InvalidationBatchAlreadyExists: caller reference %s was used for other paths by invalidation %s: %w",
					callerReference, old.ID, domain.ErrConflict)
			}
			rec = old
			return nil
		}
		if err := c.checkInvalidationQuota(tx, distributionID, paths); err != nil {
			return err
		}
		rec = invalidationRecord{ID: invalidationID(), CallerReference: callerReference,
			Paths: slices.Clone(paths), CreateTime: c.now()}
		created = true
		if err := tx.Bucket(bktInvRefs).Put([]byte(refKey), []byte(rec.ID)); err != nil {
			return fmt.Errorf("index invalidation reference: %w", err)
		}
		return putJSON(tx, bktInvalidations, distributionID+"/"+rec.ID, rec)
	})
	if err != nil {
		return domain.Invalidation{}, fmt.Errorf("create invalidation on %s: %w", distributionID, err)
	}
	if created {
		if err := c.lostResponse("CreateInvalidation", rec.ID); err != nil {
			return domain.Invalidation{}, err
		}
	}
	return c.invalidationView(rec), nil
}

// GetInvalidation describes one invalidation; a missing one (or distribution) is ErrNotFound.
func (c *Cloud) GetInvalidation(ctx context.Context, distributionID, id string) (domain.Invalidation, error) {
	if err := c.gate(ctx, "GetInvalidation"); err != nil {
		return domain.Invalidation{}, err
	}
	var rec invalidationRecord
	err := c.db.View(func(tx *bolt.Tx) error {
		if _, err := loadDistribution(tx, distributionID); err != nil {
			return err
		}
		r, ok, err := getJSON[invalidationRecord](tx, bktInvalidations, distributionID+"/"+id)
		if err == nil && !ok {
			err = fmt.Errorf("NoSuchInvalidation: The specified invalidation does not exist: %w", domain.ErrNotFound)
		}
		rec = r
		return err
	})
	if err != nil {
		return domain.Invalidation{}, fmt.Errorf("get invalidation %s on %s: %w", id, distributionID, err)
	}
	return c.invalidationView(rec), nil
}

func (c *Cloud) checkInvalidationQuota(tx *bolt.Tx, distributionID string, paths []string) error {
	files, wildcards := countPaths(paths)
	err := eachJSON(tx, bktInvalidations, distributionID+"/", func(_ string, r invalidationRecord) error {
		if c.inProgress(r) {
			f, w := countPaths(r.Paths)
			files, wildcards = files+f, wildcards+w
		}
		return nil
	})
	if err != nil {
		return err
	}
	if files > MaxInProgressFilePaths || wildcards > MaxInProgressWildcardPaths {
		return domain.RetryAfter(fmt.Errorf(
			"TooManyInvalidationsInProgress: %d file paths and %d wildcard paths would be in progress (limits %d and %d): %w",
			files, wildcards, MaxInProgressFilePaths, MaxInProgressWildcardPaths, domain.ErrConflict), TooManyInvalidationsDelay)
	}
	return nil
}

func countPaths(paths []string) (files, wildcards int) {
	for _, p := range paths {
		if strings.HasSuffix(p, "*") {
			wildcards++
		} else {
			files++
		}
	}
	return files, wildcards
}

func checkPaths(callerReference string, paths []string) error {
	if callerReference == "" {
		return domain.Permanent(errors.New("InvalidArgument: CallerReference is required"))
	}
	if len(paths) == 0 {
		return domain.Permanent(errors.New("InvalidArgument: at least one path is required"))
	}
	for _, p := range paths {
		if !strings.HasPrefix(p, "/") || strings.Count(p, "*") > 1 || (strings.Contains(p, "*") && !strings.HasSuffix(p, "*")) {
			return domain.Permanent(fmt.Errorf("InvalidArgument: path %q must start with / and may end with a single *", p))
		}
	}
	return nil
}

func samePaths(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
