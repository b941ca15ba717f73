package cloud

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// DistributionCount is the number of distributions that exist (for tests and e2e checks).
func (c *Cloud) DistributionCount() (int, error) {
	n := 0
	err := c.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bktDistributions).Stats().KeyN
		return nil
	})
	return n, err
}

func (c *Cloud) distributionARN(id string) string {
	return "arn:aws:cloudfront::" + c.account + ":distribution/" + id
}

func loadDistribution(tx *bolt.Tx, id string) (distRecord, error) {
	rec, ok, err := getJSON[distRecord](tx, bktDistributions, id)
	if err != nil {
		return rec, err
	}
	if !ok {
		return rec, fmt.Errorf("NoSuchDistribution: The specified distribution does not exist: %w", domain.ErrNotFound)
	}
	return rec, nil
}

// purgeDistribution removes a distribution with its caller reference, invalidations and tags.
func (c *Cloud) purgeDistribution(tx *bolt.Tx, rec distRecord) error {
	if err := deleteKey(tx, bktCallerRefs, rec.Config.CallerReference); err != nil {
		return err
	}
	for _, b := range [][]byte{bktInvalidations, bktInvRefs} {
		if err := deletePrefix(tx, b, rec.ID+"/"); err != nil {
			return err
		}
	}
	if err := deleteKey(tx, bktTags, rec.ARN); err != nil {
		return err
	}
	return deleteKey(tx, bktDistributions, rec.ID)
}
