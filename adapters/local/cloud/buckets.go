package cloud

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// bucketRecord is a simulated S3 bucket. Names are global across regions and accounts.
type bucketRecord struct {
	Name      string                `json:"name"`
	Region    string                `json:"region"`
	Owner     string                `json:"owner"`
	CreatedAt time.Time             `json:"createdAt"`
	Settings  domain.BucketSettings `json:"settings"`
	Policy    []byte                `json:"policy,omitempty"`
	// What CreateBucket always configures on a managed origin's bucket.
	BlockPublicAccess bool   `json:"blockPublicAccess"`
	ObjectOwnership   string `json:"objectOwnership"`
}

// CreateBucket creates a private bucket (public access blocked, BucketOwnerEnforced). The
// same name owned by this account in the same region is success (BucketAlreadyOwnedByYou).
func (c *Cloud) CreateBucket(ctx context.Context, name, region string) error {
	if err := c.gate(ctx, "s3:CreateBucket"); err != nil {
		return err
	}
	if why := domain.ValidBucketName(name); why != "" {
		return fmt.Errorf("create bucket %s: %w", name, domain.Permanent(fmt.Errorf("InvalidBucketName: %s", why)))
	}
	if !domain.ValidRegionFormat(region) {
		return fmt.Errorf("create bucket %s: %w", name, domain.Permanent(fmt.Errorf("InvalidLocationConstraint: %q", region)))
	}
	created := false
	err := c.db.Update(func(tx *bolt.Tx) error {
		old, ok, err := getJSON[bucketRecord](tx, bktS3Buckets, name)
		switch {
		case err != nil:
			return err
		case ok && old.Owner != c.account:
			return domain.Permanent(fmt.Errorf("BucketAlreadyExists: the bucket name %s is owned by another account: %w", name, domain.ErrConflict))
		case ok && old.Region != region:
			return domain.Permanent(fmt.Errorf("BucketAlreadyOwnedByYou: %s already exists in %s, not %s: %w", name, old.Region, region, domain.ErrConflict))
		case ok:
			return nil
		}
		created = true
		return putJSON(tx, bktS3Buckets, name, bucketRecord{Name: name, Region: region, Owner: c.account,
			CreatedAt: c.now(), BlockPublicAccess: true, ObjectOwnership: "BucketOwnerEnforced"})
	})
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", name, err)
	}
	if created {
		return c.lostResponse("s3:CreateBucket", name)
	}
	return nil
}

// foreignAccount owns the buckets AddForeignBucket claims.
const foreignAccount = "999999999999"

// AddForeignBucket makes a bucket name taken by another account (for tests).
func (c *Cloud) AddForeignBucket(name, region string) error {
	return c.db.Update(func(tx *bolt.Tx) error {
		return putJSON(tx, bktS3Buckets, name, bucketRecord{Name: name, Region: region, Owner: foreignAccount, CreatedAt: c.now()})
	})
}

// ConfigureBucket sets website hosting and CORS as the product manages them.
func (c *Cloud) ConfigureBucket(ctx context.Context, name, region string, s domain.BucketSettings) error {
	if err := c.gate(ctx, "s3:PutBucketConfiguration"); err != nil {
		return err
	}
	if err := checkSettings(s); err != nil {
		return fmt.Errorf("configure bucket %s: %w", name, err)
	}
	return c.changeBucket("configure", name, region, func(_ *bolt.Tx, b *bucketRecord) error {
		b.Settings = s
		return nil
	})
}

// BucketSettings returns what ConfigureBucket stored (for tests).
func (c *Cloud) BucketSettings(name string) (domain.BucketSettings, error) {
	var s domain.BucketSettings
	err := c.db.View(func(tx *bolt.Tx) error {
		b, err := c.loadBucket(tx, name, "")
		s = b.Settings
		return err
	})
	return s, err
}

// DeleteBucket deletes an empty bucket; a non-empty one is ErrConflict (BucketNotEmpty).
func (c *Cloud) DeleteBucket(ctx context.Context, name, region string) error {
	if err := c.gate(ctx, "s3:DeleteBucket"); err != nil {
		return err
	}
	return c.changeBucket("delete", name, region, func(tx *bolt.Tx, b *bucketRecord) error {
		if k, _ := tx.Bucket(bktS3Objects).Cursor().Seek(objectPrefix(name)); k != nil && hasPrefix(k, objectPrefix(name)) {
			return fmt.Errorf("BucketNotEmpty: The bucket you tried to delete is not empty: %w", domain.ErrConflict)
		}
		return deleteKey(tx, bktS3Buckets, name)
	})
}

// changeBucket loads a bucket of this account in region, applies change and stores it again
// (unless change deleted it).
func (c *Cloud) changeBucket(verb, name, region string, change func(*bolt.Tx, *bucketRecord) error) error {
	err := c.db.Update(func(tx *bolt.Tx) error {
		b, err := c.loadBucket(tx, name, region)
		if err != nil {
			return err
		}
		if err := change(tx, &b); err != nil {
			return err
		}
		if tx.Bucket(bktS3Buckets).Get([]byte(name)) == nil {
			return nil
		}
		return putJSON(tx, bktS3Buckets, name, b)
	})
	if err != nil {
		return fmt.Errorf("%s bucket %s: %w", verb, name, err)
	}
	return nil
}

// loadBucket finds a bucket this account owns; region "" skips the region check.
func (c *Cloud) loadBucket(tx *bolt.Tx, name, region string) (bucketRecord, error) {
	b, ok, err := getJSON[bucketRecord](tx, bktS3Buckets, name)
	switch {
	case err != nil:
		return b, err
	case !ok:
		return b, fmt.Errorf("NoSuchBucket: The specified bucket does not exist: %w", domain.ErrNotFound)
	case b.Owner != c.account:
		return b, domain.Permanent(fmt.Errorf("AccessDenied: bucket %s belongs to another account: %w", name, domain.ErrForbidden))
	case region != "" && b.Region != region:
		return b, domain.Permanent(fmt.Errorf("PermanentRedirect: bucket %s is in %s, not %s", name, b.Region, region))
	}
	return b, nil
}

var corsMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}

func checkSettings(s domain.BucketSettings) error {
	if w := s.Website; w != nil && w.Enabled && w.IndexDocument == "" {
		return domain.Permanent(errors.New("InvalidArgument: website hosting needs an index document"))
	}
	if cors := s.CORS; cors != nil && cors.Enabled {
		if len(cors.AllowedOrigins) == 0 || len(cors.AllowedMethods) == 0 {
			return domain.Permanent(errors.New("MalformedXML: a CORS rule needs allowed origins and methods"))
		}
		for _, m := range cors.AllowedMethods {
			if !slices.Contains(corsMethods, m) {
				return domain.Permanent(fmt.Errorf("InvalidRequest: unsupported CORS method %q", m))
			}
		}
	}
	return nil
}
