package domain

import "context"

// BucketSettings is what the product configures on a managed origin's bucket.
type BucketSettings struct {
	Website *WebsiteHosting
	CORS    *CORSConfiguration
}

// PolicyStatement is one bucket-policy statement the product owns (identified by Sid).
type PolicyStatement struct {
	Sid string
	// JSON is the full statement object, including the Sid.
	JSON []byte
}

// Buckets manages S3 buckets for managed origins. CreateBucket is idempotent
// (BucketAlreadyOwnedByYou is success) and blocks public access and enforces BucketOwnerEnforced;
// a name owned by another account is *PermanentError wrapping ErrConflict.
type Buckets interface {
	CreateBucket(ctx context.Context, name, region string) error
	ConfigureBucket(ctx context.Context, name, region string, s BucketSettings) error
	// MergePolicyStatement replaces the statement with the same Sid, or adds it, keeping every
	// other statement; a nil JSON removes the statement.
	MergePolicyStatement(ctx context.Context, name, region string, st PolicyStatement) error
	GetPolicy(ctx context.Context, name, region string) ([]byte, error)
	IsEmpty(ctx context.Context, name, region string) (bool, error)
	EmptyBucket(ctx context.Context, name, region string) error
	DeleteBucket(ctx context.Context, name, region string) error
}
