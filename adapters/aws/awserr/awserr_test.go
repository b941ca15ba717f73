package awserr_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	api := &smithy.GenericAPIError{Code: "X", Message: "m"}
	d := awserr.Delays{Throttle: time.Second, Conflict: time.Minute}
	cases := []struct {
		kind      awserr.Kind
		is        error
		permanent bool
		delay     time.Duration
	}{
		{awserr.NotFound, domain.ErrNotFound, false, 0},
		{awserr.PreconditionFailed, domain.ErrPreconditionFailed, false, 0},
		{awserr.PermanentPrecondition, domain.ErrPreconditionFailed, true, 0},
		{awserr.Conflict, domain.ErrConflict, false, 0},
		{awserr.ConflictRetry, domain.ErrConflict, false, time.Minute},
		{awserr.PermanentConflict, domain.ErrConflict, true, 0},
		{awserr.Throttled, domain.ErrThrottled, false, time.Second},
		{awserr.Forbidden, domain.ErrForbidden, true, 0},
		{awserr.Permanent, nil, true, 0},
		{awserr.Transient, nil, false, 0},
	}
	for _, c := range cases {
		err := awserr.Wrap(c.kind, "do thing", api, d)
		assert.ErrorIs(t, err, api, "the AWS error stays in the chain")
		assert.Contains(t, err.Error(), "do thing")
		if c.is != nil {
			assert.ErrorIs(t, err, c.is)
		}
		assert.Equal(t, c.permanent, domain.IsPermanent(err), c.kind)
		got, _ := domain.RetryDelay(err)
		assert.Equal(t, c.delay, got, c.kind)
	}
	assert.Equal(t, "X", awserr.Code(api))
	assert.Equal(t, "m", awserr.Message(api))
	assert.Equal(t, "", awserr.Code(errors.New("plain")))
	assert.True(t, awserr.IsInvalidParams(smithy.InvalidParamsError{Context: "In"}))
}

func TestClassify(t *testing.T) {
	t.Parallel()
	kinds := map[string]awserr.Kind{"Gone": awserr.NotFound, "Exists": awserr.AlreadyExists, "Internal": awserr.Retry}
	d := awserr.Delays{Throttle: time.Second, Retry: 3 * time.Second}
	assert.NoError(t, awserr.Classify(nil, "x", kinds, d))

	err := awserr.Classify(&smithy.GenericAPIError{Code: "Gone"}, "get thing", kinds, d)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.Contains(t, err.Error(), "get thing")
	assert.ErrorIs(t, awserr.Classify(&smithy.GenericAPIError{Code: "Exists"}, "x", kinds, d), domain.ErrAlreadyExists)
	delay, _ := domain.RetryDelay(awserr.Classify(&smithy.GenericAPIError{Code: "Internal"}, "x", kinds, d))
	assert.Equal(t, 3*time.Second, delay)

	unlisted := awserr.Classify(&smithy.GenericAPIError{Code: "Odd"}, "x", kinds, d)
	assert.False(t, domain.IsPermanent(unlisted), "an unlisted code is transient")
	assert.True(t, domain.IsPermanent(awserr.Classify(smithy.InvalidParamsError{Context: "In"}, "x", kinds, d)),
		"a request the SDK refuses to send will not get better")
	plain := errors.New("dial tcp: refused")
	err = awserr.Classify(plain, "x", kinds, d)
	assert.ErrorIs(t, err, plain)
	assert.False(t, domain.IsPermanent(err))
}
