package cloud

import (
	"context"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// distRecord is a stored distribution; its Status is computed from LastModified on read.
type distRecord struct {
	ID           string                    `json:"id"`
	ARN          string                    `json:"arn"`
	DomainName   string                    `json:"domainName"`
	ETag         string                    `json:"etag"`
	LastModified time.Time                 `json:"lastModified"`
	Config       domain.DistributionConfig `json:"config"`
}

func (c *Cloud) live(r distRecord) domain.LiveDistribution {
	status := domain.CloudStatusDeployed
	deploy := c.deploy
	if c.deployFor != nil {
		deploy = c.deployFor(r.ID)
	}
	if c.now().Before(r.LastModified.Add(deploy)) {
		status = domain.CloudStatusInProgress
	}
	return domain.LiveDistribution{ID: r.ID, ARN: r.ARN, DomainName: r.DomainName, Status: status,
		ETag: r.ETag, LastModifiedTime: r.LastModified, Config: r.Config}
}

// CreateDistribution creates a distribution, InProgress until DeploySeconds have passed. A
// CallerReference used before returns *domain.AlreadyExistsError carrying the existing id,
// even for an identical config (as CloudFront does).
func (c *Cloud) CreateDistribution(ctx context.Context, cfg domain.DistributionConfig) (domain.LiveDistribution, error) {
	if err := c.gate(ctx, "CreateDistribution"); err != nil {
		return domain.LiveDistribution{}, err
	}
	if cfg.CallerReference == "" {
		return domain.LiveDistribution{}, domain.Permanent(errors.New("create distribution: InvalidArgument: CallerReference is required"))
	}
	var rec distRecord
	err := c.db.Update(func(tx *bolt.Tx) error {
		if id := tx.Bucket(bktCallerRefs).Get([]byte(cfg.CallerReference)); id != nil {
			return &domain.AlreadyExistsError{ExistingID: string(id), Err: fmt.Errorf(
				"DistributionAlreadyExists: The caller reference that you are using to create a distribution is associated with another distribution. Already exists: %s", id)}
		}
		if err := c.validateDistribution(tx, "", cfg); err != nil {
			return err
		}
		id := cloudFrontID()
		rec = distRecord{ID: id, ARN: c.distributionARN(id), DomainName: distributionDomain(),
			ETag: newETag(), LastModified: c.now(), Config: cfg}
		if err := tx.Bucket(bktCallerRefs).Put([]byte(cfg.CallerReference), []byte(id)); err != nil {
			return fmt.Errorf("index caller reference: %w", err)
		}
		return putJSON(tx, bktDistributions, id, rec)
	})
	if err != nil {
		return domain.LiveDistribution{}, fmt.Errorf("create distribution (caller reference %s): %w", cfg.CallerReference, err)
	}
	if err := c.lostResponse("CreateDistribution", rec.ID); err != nil {
		return domain.LiveDistribution{}, err
	}
	return c.live(rec), nil
}

// GetDistribution returns the distribution with its current ETag; a missing id is ErrNotFound.
func (c *Cloud) GetDistribution(ctx context.Context, id string) (domain.LiveDistribution, error) {
	if err := c.gate(ctx, "GetDistribution"); err != nil {
		return domain.LiveDistribution{}, err
	}
	var rec distRecord
	err := c.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = loadDistribution(tx, id)
		return err
	})
	if err != nil {
		return domain.LiveDistribution{}, fmt.Errorf("get distribution %s: %w", id, err)
	}
	return c.live(rec), nil
}

// UpdateDistribution replaces the config (no merge). It needs the current ETag as ifMatch; the
// CallerReference cannot change.
func (c *Cloud) UpdateDistribution(ctx context.Context, id string, cfg domain.DistributionConfig, ifMatch string) (domain.LiveDistribution, error) {
	if err := c.gate(ctx, "UpdateDistribution"); err != nil {
		return domain.LiveDistribution{}, err
	}
	if err := c.outOfBandSave(id); err != nil {
		return domain.LiveDistribution{}, fmt.Errorf("update distribution %s: %w", id, err)
	}
	var rec distRecord
	err := c.db.Update(func(tx *bolt.Tx) (err error) {
		if rec, err = loadDistribution(tx, id); err != nil {
			return err
		}
		if err := checkIfMatch(ifMatch, rec.ETag); err != nil {
			return err
		}
		if cfg.CallerReference != rec.Config.CallerReference {
			return domain.Permanent(fmt.Errorf("IllegalUpdate: CallerReference cannot change (was %q, got %q)",
				rec.Config.CallerReference, cfg.CallerReference))
		}
		if err := c.validateDistribution(tx, id, cfg); err != nil {
			return err
		}
		if err := c.releaseLambdas(tx, rec.Config, cfg); err != nil {
			return err
		}
		rec.Config, rec.ETag, rec.LastModified = cfg, newETag(), c.now()
		return putJSON(tx, bktDistributions, id, rec)
	})
	if err != nil {
		return domain.LiveDistribution{}, fmt.Errorf("update distribution %s: %w", id, err)
	}
	c.afterWrite()
	return c.live(rec), nil
}

// DeleteDistribution deletes a disabled, Deployed distribution; otherwise it answers
// DistributionNotDisabled (ErrConflict).
func (c *Cloud) DeleteDistribution(ctx context.Context, id, ifMatch string) error {
	if err := c.gate(ctx, "DeleteDistribution"); err != nil {
		return err
	}
	if err := c.outOfBandSave(id); err != nil {
		return fmt.Errorf("delete distribution %s: %w", id, err)
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		rec, err := loadDistribution(tx, id)
		if err != nil {
			return err
		}
		if err := checkIfMatch(ifMatch, rec.ETag); err != nil {
			return err
		}
		if domain.BoolValue(rec.Config.Enabled, true) || c.live(rec).Status != domain.CloudStatusDeployed {
			return fmt.Errorf("DistributionNotDisabled: The distribution you are trying to delete has not been disabled and deployed: %w", domain.ErrConflict)
		}
		if err := c.releaseLambdas(tx, rec.Config, domain.DistributionConfig{}); err != nil {
			return err
		}
		return c.purgeDistribution(tx, rec)
	})
	if err != nil {
		return fmt.Errorf("delete distribution %s: %w", id, err)
	}
	c.afterWrite()
	return nil
}

// outOfBandSave is Faults.ETagRaceRate: another client changed the config just before this
// write, in its own commit (its Comment, with a new ETag and LastModified, so InProgress
// again), and the caller's If-Match is now stale. The caller must read again and write its
// desired config over the change; a write that kept the out-of-band edit would leave the
// record and the cloud apart (the chaos run's "disagree" count). A missing distribution is
// left to the write to report.
func (c *Cloud) outOfBandSave(id string) error {
	if !c.raceETag() {
		return nil
	}
	return c.db.Update(func(tx *bolt.Tx) error {
		rec, ok, err := getJSON[distRecord](tx, bktDistributions, id)
		if err != nil || !ok {
			return err
		}
		rec.Config.Comment = outOfBandComment
		rec.ETag, rec.LastModified = newETag(), c.now()
		return putJSON(tx, bktDistributions, id, rec)
	})
}
