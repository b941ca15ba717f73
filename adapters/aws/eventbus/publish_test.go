package eventbus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// fakeEvents records each PutEvents call and fails the entries whose detail-type is listed in
// fail (code per remaining failures), counting down.
type fakeEvents struct {
	calls [][]types.PutEventsRequestEntry
	fail  map[string][]string // detail type -> codes for successive attempts
	err   error
}

func (f *fakeEvents) PutEvents(_ context.Context, in *eventbridge.PutEventsInput, _ ...func(*eventbridge.Options)) (*eventbridge.PutEventsOutput, error) {
	f.calls = append(f.calls, in.Entries)
	if f.err != nil {
		return nil, f.err
	}
	out := &eventbridge.PutEventsOutput{}
	for _, e := range in.Entries {
		codes := f.fail[*e.DetailType]
		if len(codes) == 0 {
			out.Entries = append(out.Entries, types.PutEventsResultEntry{EventId: aws.String("id")})
			continue
		}
		f.fail[*e.DetailType] = codes[1:]
		out.FailedEntryCount++
		out.Entries = append(out.Entries, types.PutEventsResultEntry{ErrorCode: aws.String(codes[0]), ErrorMessage: aws.String("no")})
	}
	return out, nil
}

func events(n int) []domain.Event {
	out := make([]domain.Event, n)
	for i := range out {
		out[i] = domain.Event{ID: fmt.Sprint(i), Type: fmt.Sprintf("t%02d", i), Detail: []byte(`{}`)}
	}
	return out
}

func detailTypes(entries []types.PutEventsRequestEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, *e.DetailType)
	}
	return out
}

func TestBatches(t *testing.T) {
	f := &fakeEvents{}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	evs := events(25)
	evs[0].Time = at
	require.NoError(t, New(f, "bus").Publish(context.Background(), evs...))
	require.Len(t, f.calls, 3)
	assert.Len(t, f.calls[0], 10)
	assert.Len(t, f.calls[1], 10)
	assert.Len(t, f.calls[2], 5)
	e := f.calls[0][0]
	assert.Equal(t, "bus", *e.EventBusName)
	assert.Equal(t, domain.EventSource, *e.Source)
	assert.Equal(t, "t00", *e.DetailType)
	assert.Equal(t, `{"eventId":"0"}`, *e.Detail, "every event carries its id in the detail")
	assert.Equal(t, at, *e.Time)
	assert.Nil(t, f.calls[0][1].Time, "no time: EventBridge stamps the call's")

	// Size also bounds a batch: of three events of 100 KiB, two fit in 256 KiB.
	f = &fakeEvents{}
	big := events(3)
	for i := range big {
		big[i].Detail = []byte(`{"x":"` + strings.Repeat("a", 100*1024) + `"}`)
	}
	require.NoError(t, New(f, "bus").Publish(context.Background(), big...))
	require.Len(t, f.calls, 2)
	assert.Equal(t, []string{"t00", "t01"}, detailTypes(f.calls[0]))
	assert.Equal(t, []string{"t02"}, detailTypes(f.calls[1]))
}

func TestFailedEntries(t *testing.T) {
	ctx := context.Background()
	t.Run("retried until they pass", func(t *testing.T) {
		f := &fakeEvents{fail: map[string][]string{"t01": {"ThrottlingException", "InternalFailure"}, "t03": {"InternalFailure"}}}
		require.NoError(t, New(f, "bus", WithRetries(3, time.Millisecond)).Publish(ctx, events(4)...))
		require.Len(t, f.calls, 3)
		assert.Equal(t, []string{"t00", "t01", "t02", "t03"}, detailTypes(f.calls[0]))
		assert.Equal(t, []string{"t01", "t03"}, detailTypes(f.calls[1]), "only the failed entries are re-sent")
		assert.Equal(t, []string{"t01"}, detailTypes(f.calls[2]))
	})
	t.Run("still throttled", func(t *testing.T) {
		f := &fakeEvents{fail: map[string][]string{"t01": {"ThrottlingException", "ThrottlingException", "ThrottlingException"}}}
		err := New(f, "bus", WithRetries(3, time.Millisecond)).Publish(ctx, events(2)...)
		require.ErrorIs(t, err, domain.ErrThrottled)
		_, retry := domain.RetryDelay(err)
		assert.True(t, retry)
		assert.Contains(t, err.Error(), "t01 1: ThrottlingException")
		assert.Len(t, f.calls, 3)
	})
	t.Run("malformed is permanent at once", func(t *testing.T) {
		f := &fakeEvents{fail: map[string][]string{"t00": {"MalformedDetail"}}}
		err := New(f, "bus", WithRetries(3, time.Millisecond)).Publish(ctx, events(1)...)
		assert.True(t, domain.IsPermanent(err), "%v", err)
		assert.Len(t, f.calls, 1)
	})
	t.Run("missing bus is neither permanent nor retried", func(t *testing.T) {
		f := &fakeEvents{fail: map[string][]string{"t00": {"ResourceNotFoundException"}}}
		err := New(f, "bus", WithRetries(3, time.Millisecond)).Publish(ctx, events(1)...)
		require.Error(t, err)
		assert.False(t, domain.IsPermanent(err))
		assert.NotErrorIs(t, err, domain.ErrNotFound)
		assert.Len(t, f.calls, 1)
	})
	t.Run("a failing batch stops the next ones", func(t *testing.T) {
		f := &fakeEvents{fail: map[string][]string{"t03": {"MalformedDetail"}}}
		err := New(f, "bus").Publish(ctx, events(15)...)
		require.Error(t, err)
		assert.Len(t, f.calls, 1)
	})
}

func TestRejectsBeforeSending(t *testing.T) {
	for name, e := range map[string]domain.Event{
		"no type":      {Detail: []byte(`{}`)},
		"not json":     {Type: "t", Detail: []byte(`{`)},
		"not object":   {Type: "t", Detail: []byte(`[1]`)},
		"too large":    {Type: "t", Detail: []byte(`{"x":"` + strings.Repeat("a", 256*1024) + `"}`)},
		"bare string":  {Type: "t", Detail: []byte(`"x"`)},
		"object later": {Type: "t", Detail: []byte(`1 {}`)},
	} {
		f := &fakeEvents{}
		err := New(f, "bus").Publish(context.Background(), events(1)[0], e)
		var v *domain.ValidationError
		require.True(t, errors.As(err, &v), "%s: %v", name, err)
		assert.True(t, domain.IsPermanent(err), name)
		assert.Empty(t, f.calls, name)
	}
	f := &fakeEvents{}
	require.NoError(t, New(f, "bus").Publish(context.Background(), domain.Event{Type: "t"}))
	assert.Equal(t, "{}", *f.calls[0][0].Detail, "an event without detail sends {}")
}

func TestCallErrors(t *testing.T) {
	f := &fakeEvents{err: &types.ThrottlingException{Message: aws.String("x")}}
	err := New(f, "bus").Publish(context.Background(), events(1)...)
	require.ErrorIs(t, err, domain.ErrThrottled)
	f = &fakeEvents{err: &types.ResourceNotFoundException{Message: aws.String("x")}}
	err = New(f, "bus").Publish(context.Background(), events(1)...)
	require.Error(t, err)
	assert.NotErrorIs(t, err, domain.ErrNotFound)
}
