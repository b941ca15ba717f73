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
