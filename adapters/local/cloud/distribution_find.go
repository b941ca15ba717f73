package cloud

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// FindDistribution returns the distribution created with callerReference (ErrNotFound when
// none, or when it was deleted since). since is not needed here: the caller references are
// indexed.
func (c *Cloud) FindDistribution(ctx context.Context, callerReference string, _ time.Time) (domain.LiveDistribution, error) {
	if err := c.gate(ctx, "ListDistributions"); err != nil {
		return domain.LiveDistribution{}, err
	}
	var rec distRecord
	err := c.db.View(func(tx *bolt.Tx) (err error) {
		id := tx.Bucket(bktCallerRefs).Get([]byte(callerReference))
		if id == nil {
			return domain.ErrNotFound
		}
		rec, err = loadDistribution(tx, string(id))
		return err
	})
	if err != nil {
		return domain.LiveDistribution{}, fmt.Errorf("find caller reference %s: %w", callerReference, err)
	}
	return c.live(rec), nil
}
