package sqsqueue

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// fakeSQS records what is sent and fails every call with err.
type fakeSQS struct {
	err  error
	sent []*sqs.SendMessageInput
}

func (f *fakeSQS) SendMessage(_ context.Context, in *sqs.SendMessageInput, _ ...func(*sqs.Options)) (*sqs.SendMessageOutput, error) {
	f.sent = append(f.sent, in)
	return &sqs.SendMessageOutput{}, f.err
}

func (f *fakeSQS) ReceiveMessage(context.Context, *sqs.ReceiveMessageInput, ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error) {
	return nil, f.err
}

func (f *fakeSQS) DeleteMessage(context.Context, *sqs.DeleteMessageInput, ...func(*sqs.Options)) (*sqs.DeleteMessageOutput, error) {
	return nil, f.err
}

func (f *fakeSQS) ChangeMessageVisibility(context.Context, *sqs.ChangeMessageVisibilityInput, ...func(*sqs.Options)) (*sqs.ChangeMessageVisibilityOutput, error) {
	return nil, f.err
}

var testURLs = URLs{Commands: "https://sqs/1/c.fifo", Polls: "https://sqs/1/p"}

func TestSendMapsMessages(t *testing.T) {
	f := &fakeSQS{}
	q := New(f, testURLs)
	ctx := context.Background()
	require.NoError(t, q.Send(ctx, domain.QueueCommands, domain.Message{Group: "d-1", DedupID: "op-1", Body: []byte("{}")}))
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Group: "ignored", DedupID: "ignored", Body: []byte("a"), Delay: 14500 * time.Millisecond}))
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("b"), Delay: time.Hour}))
	require.NoError(t, q.Send(ctx, domain.QueuePolls, domain.Message{Body: []byte("c")}))
	require.Len(t, f.sent, 4)

	c := f.sent[0]
	assert.Equal(t, testURLs.Commands, aws.ToString(c.QueueUrl))
	assert.Equal(t, "d-1", aws.ToString(c.MessageGroupId))
	assert.Equal(t, "op-1", aws.ToString(c.MessageDeduplicationId))
	assert.Equal(t, "{}", aws.ToString(c.MessageBody))
	assert.Zero(t, c.DelaySeconds)

	for i, want := range []int32{15, MaxDelaySeconds, 0} {
		p := f.sent[i+1]
		assert.Equal(t, testURLs.Polls, aws.ToString(p.QueueUrl))
		assert.Nil(t, p.MessageGroupId, "no group on the standard queue (it would make it a fair queue)")
		assert.Nil(t, p.MessageDeduplicationId)
		assert.Equal(t, want, p.DelaySeconds, "poll %d", i)
	}
}

func TestSendRejects(t *testing.T) {
	tests := []struct {
		name  string
		queue string
		m     domain.Message
		field string
	}{
		{"no group", domain.QueueCommands, domain.Message{DedupID: "d", Body: []byte("x")}, "group"},
		{"no dedup id", domain.QueueCommands, domain.Message{Group: "g", Body: []byte("x")}, "dedupID"},
		{"delay on fifo", domain.QueueCommands, domain.Message{Group: "g", DedupID: "d", Body: []byte("x"), Delay: time.Second}, "delay"},
		{"negative delay", domain.QueuePolls, domain.Message{Body: []byte("x"), Delay: -time.Second}, "delay"},
		{"empty body", domain.QueuePolls, domain.Message{}, "body"},
		{"invalid utf-8", domain.QueuePolls, domain.Message{Body: []byte{0xff}}, "body"},
		{"control character", domain.QueuePolls, domain.Message{Body: []byte("a\x00b")}, "body"},
	}
	for _, tt := range tests {
		f := &fakeSQS{}
		err := New(f, testURLs).Send(context.Background(), tt.queue, tt.m)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: %v", tt.name, err)
		assert.Equal(t, tt.field, v.Fields[0].Field, tt.name)
		assert.True(t, domain.IsPermanent(err), tt.name)
		assert.Empty(t, f.sent, tt.name)
	}
	err := New(&fakeSQS{}, testURLs).Send(context.Background(), "elsewhere", domain.Message{Body: []byte("x")})
	assert.True(t, domain.IsPermanent(err), "unknown queue: %v", err)
}

// TestClassify covers the errors moto cannot produce, in both spellings SQS uses.
func TestClassify(t *testing.T) {
	legacy := "AWS.SimpleQueueService.NonExistentQueue"
	tests := []struct {
		name      string
		err       error
		is        error
		retry     bool
		permanent bool
	}{
		{"throttled", &types.RequestThrottled{Message: aws.String("x")}, domain.ErrThrottled, true, false},
		{"throttling", &smithy.GenericAPIError{Code: "ThrottlingException"}, domain.ErrThrottled, true, false},
		{"kms throttled", &types.KmsThrottled{}, domain.ErrThrottled, true, false},
		{"over limit", &types.OverLimit{}, domain.ErrThrottled, true, false},
		{"receipt", &types.ReceiptHandleIsInvalid{}, domain.ErrConflict, false, false},
		{"not in flight", &smithy.GenericAPIError{Code: "AWS.SimpleQueueService.MessageNotInflight"}, domain.ErrConflict, false, false},
		{"invalid parameter", &smithy.GenericAPIError{Code: "InvalidParameterValue"}, nil, false, true},
		{"invalid contents", &types.InvalidMessageContents{}, nil, false, true},
		{"no queue", &types.QueueDoesNotExist{}, nil, false, false},
		{"no queue, legacy code", &types.QueueDoesNotExist{ErrorCodeOverride: &legacy}, nil, false, false},
		{"internal", &smithy.GenericAPIError{Code: "InternalError"}, nil, true, false},
	}
	for _, tt := range tests {
		err := New(&fakeSQS{err: tt.err}, testURLs).Send(context.Background(), domain.QueuePolls, domain.Message{Body: []byte("x")})
		for _, sentinel := range []error{domain.ErrConflict, domain.ErrThrottled, domain.ErrNotFound} {
			assert.Equal(t, errors.Is(tt.is, sentinel), errors.Is(err, sentinel), "%s: errors.Is(%v): %v", tt.name, sentinel, err)
		}
		_, retry := domain.RetryDelay(err)
		assert.Equal(t, tt.retry, retry, tt.name)
		assert.Equal(t, tt.permanent, domain.IsPermanent(err), tt.name)
		assert.ErrorIs(t, err, tt.err, "%s: the AWS error stays reachable", tt.name)
	}
}
