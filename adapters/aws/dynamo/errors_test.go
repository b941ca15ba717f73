package dynamo

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// fakeAPI returns err from every call and records the transactions it was given.
type fakeAPI struct {
	err   error
	calls []*dynamodb.TransactWriteItemsInput
}

func (f *fakeAPI) GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return nil, f.err
}

func (f *fakeAPI) TransactWriteItems(_ context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	f.calls = append(f.calls, in)
	return nil, f.err
}

func (f *fakeAPI) Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return nil, f.err
}

func cancelled(codes ...string) error {
	e := &types.TransactionCanceledException{Message: aws.String("Transaction cancelled")}
	for _, c := range codes {
		e.CancellationReasons = append(e.CancellationReasons, types.CancellationReason{Code: aws.String(c)})
	}
	return e
}

// TestClassify covers the errors moto cannot produce (throttling, transaction conflicts).
func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		is        error // nil: neither conflict nor throttled nor not found
		retry     bool
		permanent bool
	}{
		{"condition", &types.ConditionalCheckFailedException{Message: aws.String("x")}, domain.ErrConflict, false, false},
		{"cancelled by condition", cancelled("None", "ConditionalCheckFailed"), domain.ErrConflict, false, false},
		{"cancelled by condition and conflict", cancelled("TransactionConflict", "ConditionalCheckFailed"), domain.ErrConflict, false, false},
		{"cancelled by conflict", cancelled("None", "TransactionConflict"), domain.ErrConflict, true, false},
		{"cancelled by throughput", cancelled("ProvisionedThroughputExceeded", "None"), domain.ErrThrottled, true, false},
		{"cancelled by validation", cancelled("ValidationError", "None"), nil, false, true},
		{"throughput", &types.ProvisionedThroughputExceededException{Message: aws.String("x")}, domain.ErrThrottled, true, false},
		{"throttling", &smithy.GenericAPIError{Code: "ThrottlingException"}, domain.ErrThrottled, true, false},
		{"request limit", &types.RequestLimitExceeded{Message: aws.String("x")}, domain.ErrThrottled, true, false},
		{"retry quota", ratelimit.QuotaExceededError{Available: 0, Requested: 5}, domain.ErrThrottled, true, false},
		{"validation", &smithy.GenericAPIError{Code: "ValidationException"}, nil, false, true},
		{"item too large", &smithy.GenericAPIError{Code: "ValidationException", Message: "Item size has exceeded the maximum allowed size"}, nil, false, true},
		{"internal", &types.InternalServerError{Message: aws.String("x")}, nil, true, false},
		{"no table", &types.ResourceNotFoundException{Message: aws.String("x")}, nil, false, false},
		{"access denied", &smithy.GenericAPIError{Code: "AccessDeniedException"}, nil, false, false},
		{"not an api error", context.DeadlineExceeded, nil, false, false},
	}
	put := domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "o", Version: 1}}
	for _, tt := range tests {
		f := &fakeAPI{err: tt.err}
		err := New(f, "t").Write(context.Background(), put, put2)
		require.Error(t, err, tt.name)
		for _, sentinel := range []error{domain.ErrConflict, domain.ErrThrottled, domain.ErrNotFound} {
			assert.Equal(t, errors.Is(tt.is, sentinel), errors.Is(err, sentinel), "%s: errors.Is(%v)", tt.name, sentinel)
		}
		d, retry := domain.RetryDelay(err)
		assert.Equal(t, tt.retry, retry, "%s: retry (%v)", tt.name, err)
		if retry {
			assert.Equal(t, time.Second, d, tt.name)
		}
		assert.Equal(t, tt.permanent, domain.IsPermanent(err), "%s: permanent", tt.name)
		assert.True(t, errors.Is(err, tt.err) || errors.As(err, new(*types.TransactionCanceledException)),
			"%s: the AWS error stays reachable: %v", tt.name, err)
		assert.Contains(t, err.Error(), "operation/o", tt.name)
	}
}

var put2 = domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "o2", Version: 3}}

// TestConflictNamesItem: the cancellation reason's position names the write that lost.
func TestConflictNamesItem(t *testing.T) {
	f := &fakeAPI{err: cancelled("None", "ConditionalCheckFailed")}
	put := domain.Write{Put: &domain.Item{Kind: domain.KindOperation, ID: "o", Version: 1}}
	err := New(f, "t").Write(context.Background(), put, put2)
	require.ErrorIs(t, err, domain.ErrConflict)
	assert.Contains(t, err.Error(), "put operation/o2 version 3")
	assert.NotContains(t, err.Error(), "operation/o version")
	require.Len(t, f.calls, 1, "one transaction for the whole write")
	assert.Len(t, f.calls[0].TransactItems, 2)
}

// TestInvalidWritesNeverCallDynamoDB: bad input is a permanent ValidationError before any call.
func TestInvalidWritesNeverCallDynamoDB(t *testing.T) {
	f := &fakeAPI{}
	s := New(f, "t")
	many := make([]domain.Write, MaxWrites+1)
	for i := range many {
		many[i] = domain.Write{Delete: &domain.DeleteKey{Kind: "k", ID: string(rune('a'+i%26)) + string(rune('a'+i/26))}}
	}
	for name, writes := range map[string][]domain.Write{
		"too many":         many,
		"negative delete":  {{Delete: &domain.DeleteKey{Kind: "k", ID: "a", Version: -1}}},
		"put and delete":   {{Put: &domain.Item{Kind: "k", ID: "a", Version: 1}, Delete: &domain.DeleteKey{Kind: "k", ID: "a"}}},
		"invalid utf-8 id": {{Put: &domain.Item{Kind: "k", ID: "\xff", Version: 1}}},
		"invalid utf-8 sk": {{Put: &domain.Item{Kind: "k", ID: "a", Version: 1, SortKey: "\xff"}}},
	} {
		err := s.Write(context.Background(), writes...)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: %v", name, err)
		assert.True(t, domain.IsPermanent(err), name)
	}
	assert.Empty(t, f.calls)
}

// TestSortKeyEncoding: the sk attribute orders like (SortKey, ID) byte-wise, and round-trips.
func TestSortKeyEncoding(t *testing.T) {
	pairs := [][2]string{
		{"", "a"}, {"", "b"}, {"\x00", "a"}, {"\x00\x00", ""}, {"\x01", "a"}, {"\x01\x00", "a"},
		{"\x01\x01", "a"}, {"\x02", ""}, {"1", "x#y"}, {"1", "z"}, {"1\x00", "a/b"}, {"1#y", "x"}, {"10", "a"}, {"2", "a"},
	}
	for i, p := range pairs {
		sk, err := sortKeyOf(skValue(p[0], p[1]))
		require.NoError(t, err)
		assert.Equal(t, p[0], sk, "round trip %q", p[0])
		for _, q := range pairs[i+1:] {
			assert.Less(t, skValue(p[0], p[1]), skValue(q[0], q[1]), "%q < %q", p, q)
		}
		for _, q := range pairs {
			assert.Equal(t, p[0] < q[0], skValue(p[0], p[1]) < skBelow(q[0]), "%q below %q", p[0], q[0])
		}
	}
}
