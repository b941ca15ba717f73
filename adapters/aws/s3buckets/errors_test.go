package s3buckets

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestClassify(t *testing.T) {
	cases := map[string]struct {
		is        error
		permanent bool
		retry     bool
	}{
		"NoSuchBucket":        {is: domain.ErrNotFound},
		"BucketAlreadyExists": {is: domain.ErrConflict, permanent: true},
		"BucketNotEmpty":      {is: domain.ErrConflict},
		"OperationAborted":    {is: domain.ErrConflict, retry: true},
		"SlowDown":            {is: domain.ErrThrottled, retry: true},
		"AccessDenied":        {is: domain.ErrForbidden, permanent: true},
		"MalformedPolicy":     {permanent: true},
		"InvalidBucketName":   {permanent: true},
		"PermanentRedirect":   {permanent: true},
		"InternalError":       {},
	}
	for code, want := range cases {
		t.Run(code, func(t *testing.T) {
			src := &smithy.GenericAPIError{Code: code}
			err := classify(src, "op")
			assert.ErrorIs(t, err, src)
			if want.is != nil {
				assert.ErrorIs(t, err, want.is)
			}
			assert.Equal(t, want.permanent, domain.IsPermanent(err))
			_, retry := domain.RetryDelay(err)
			assert.Equal(t, want.retry, retry)
		})
	}
}

// createFake answers CreateBucket with a fixed error and records what followed.
type createFake struct {
	bucketAPI
	createErr error
	calls     []string
}

func (f *createFake) CreateBucket(context.Context, *s3.CreateBucketInput, ...func(*s3.Options)) (*s3.CreateBucketOutput, error) {
	f.calls = append(f.calls, "CreateBucket")
	return &s3.CreateBucketOutput{}, f.createErr
}

func (f *createFake) PutPublicAccessBlock(context.Context, *s3.PutPublicAccessBlockInput, ...func(*s3.Options)) (*s3.PutPublicAccessBlockOutput, error) {
	f.calls = append(f.calls, "PutPublicAccessBlock")
	return &s3.PutPublicAccessBlockOutput{}, nil
}

func (f *createFake) PutBucketOwnershipControls(context.Context, *s3.PutBucketOwnershipControlsInput, ...func(*s3.Options)) (*s3.PutBucketOwnershipControlsOutput, error) {
	f.calls = append(f.calls, "PutBucketOwnershipControls")
	return &s3.PutBucketOwnershipControlsOutput{}, nil
}

// Moto runs one account, so "owned by someone else" is exercised here.
func TestCreateBucketOwnership(t *testing.T) {
	ctx := context.Background()

	owned := &createFake{createErr: &smithy.GenericAPIError{Code: "BucketAlreadyOwnedByYou"}}
	require.NoError(t, newClient("us-east-1", Options{}, func(string) bucketAPI { return owned }).CreateBucket(ctx, "site-bucket", "eu-west-1"))
	assert.Equal(t, []string{"CreateBucket", "PutPublicAccessBlock", "PutBucketOwnershipControls"}, owned.calls,
		"an owned bucket is still converged")

	taken := &createFake{createErr: &smithy.GenericAPIError{Code: "BucketAlreadyExists"}}
	err := newClient("us-east-1", Options{}, func(string) bucketAPI { return taken }).CreateBucket(ctx, "site-bucket", "eu-west-1")
	assert.ErrorIs(t, err, domain.ErrConflict)
	assert.True(t, domain.IsPermanent(err))
	assert.Equal(t, []string{"CreateBucket"}, taken.calls)
}
