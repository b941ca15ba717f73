package cloud

import (
	"context"
	"fmt"
	"maps"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// MaxTags is CloudFront's limit of tags per resource.
const MaxTags = 50

// TagResource adds or overwrites tags on a distribution (or CloudFront Function); an unknown
// ARN is ErrNotFound, an invalid tag a permanent error.
func (c *Cloud) TagResource(ctx context.Context, arn string, tags map[string]string) error {
	if err := c.gate(ctx, "TagResource"); err != nil {
		return err
	}
	for k, v := range tags {
		if k == "" || len(k) > 128 || len(v) > 256 || strings.HasPrefix(k, "aws:") {
			return fmt.Errorf("tag %s: %w", arn, domain.Permanent(fmt.Errorf("InvalidTagging: tag %q=%q is not allowed", k, v)))
		}
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		if err := c.resourceExists(tx, arn); err != nil {
			return err
		}
		cur, _, err := getJSON[map[string]string](tx, bktTags, arn)
		if err != nil {
			return err
		}
		if cur == nil {
			cur = map[string]string{}
		}
		maps.Copy(cur, tags)
		if len(cur) > MaxTags {
			return domain.Permanent(fmt.Errorf("InvalidTagging: %d tags is over the limit of %d", len(cur), MaxTags))
		}
		return putJSON(tx, bktTags, arn, cur)
	})
	if err != nil {
		return fmt.Errorf("tag %s: %w", arn, err)
	}
	return nil
}

// Tags returns a resource's tags (for tests and e2e checks).
func (c *Cloud) Tags(arn string) (map[string]string, error) {
	var tags map[string]string
	err := c.db.View(func(tx *bolt.Tx) error {
		if err := c.resourceExists(tx, arn); err != nil {
			return err
		}
		t, _, err := getJSON[map[string]string](tx, bktTags, arn)
		tags = t
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("tags of %s: %w", arn, err)
	}
	if tags == nil {
		tags = map[string]string{}
	}
	return tags, nil
}

func (c *Cloud) resourceExists(tx *bolt.Tx, arn string) error {
	if id, ok := strings.CutPrefix(arn, c.distributionARN("")); ok {
		_, err := loadDistribution(tx, id)
		return err
	}
	if name, ok := strings.CutPrefix(arn, c.functionARN("")); ok {
		_, err := loadFunction(tx, name)
		return err
	}
	return fmt.Errorf("NoSuchResource: %s is not a CloudFront resource of this account: %w", arn, domain.ErrNotFound)
}

// UntagResource removes tag keys from a resource; an absent key is no error.
func (c *Cloud) UntagResource(ctx context.Context, arn string, keys []string) error {
	if err := c.gate(ctx, "UntagResource"); err != nil {
		return err
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		if err := c.resourceExists(tx, arn); err != nil {
			return err
		}
		cur, _, err := getJSON[map[string]string](tx, bktTags, arn)
		if err != nil {
			return err
		}
		for _, k := range keys {
			delete(cur, k)
		}
		return putJSON(tx, bktTags, arn, cur)
	})
	if err != nil {
		return fmt.Errorf("untag %s: %w", arn, err)
	}
	return nil
}

// ListTags returns every tag of a resource (ListTagsForResource).
func (c *Cloud) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	if err := c.gate(ctx, "ListTagsForResource"); err != nil {
		return nil, err
	}
	return c.Tags(arn)
}
