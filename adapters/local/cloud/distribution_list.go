package cloud

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

var _ domain.DistributionStatuses = (*Cloud)(nil)

// ListPageSize is how many distributions one ListDistributions page holds (what the AWS
// adapter asks CloudFront for).
const ListPageSize = 1000

// ListDistributionStatuses answers ListDistributions: distributions in id order, ListPageSize
// per page; the marker is the last id of the previous page.
func (c *Cloud) ListDistributionStatuses(ctx context.Context, marker string) ([]domain.DeploymentStatus, string, error) {
	if err := c.gate(ctx, "ListDistributions"); err != nil {
		return nil, "", err
	}
	var out []domain.DeploymentStatus
	next := ""
	err := c.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bktDistributions).Cursor()
		k, v := cur.First()
		if marker != "" {
			k, v = cur.Seek([]byte(marker))
			if k != nil && string(k) == marker {
				k, v = cur.Next()
			}
		}
		for ; k != nil; k, v = cur.Next() {
			if len(out) == ListPageSize {
				next = out[len(out)-1].ID
				return nil
			}
			var rec distRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("decode distribution %s: %w", k, err)
			}
			l := c.live(rec)
			out = append(out, domain.DeploymentStatus{ID: l.ID, ARN: l.ARN, DomainName: l.DomainName,
				Status: l.Status, LastModifiedTime: l.LastModifiedTime})
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("list distributions: %w", err)
	}
	return out, next, nil
}
