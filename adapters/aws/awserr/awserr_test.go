package awserr_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
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

// A response that is no AWS error document (an HTML page with 404, 405, 500 or 501: an
// emulator without the API) is permanently unsupported; an HTML 503 (a proxy) and an XML 404
// are not.
func TestClassifyUnsupportedAPI(t *testing.T) {
	t.Parallel()
	resp := func(status int, contentType string) error {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		return &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status, Header: h}},
			Err: errors.New("error while deserializing xml error response")}
	}
	for _, tc := range []struct {
		err         error
		unsupported bool
	}{
		{resp(404, "text/html; charset=utf-8"), true},
		{resp(500, "text/html"), true},
		{resp(501, "text/html"), true},
		{resp(503, "text/html"), false},
		{resp(404, "application/xml"), false},
		{resp(404, ""), false},
	} {
		err := awserr.Classify(tc.err, "call", nil, awserr.Delays{})
		assert.Equal(t, tc.unsupported, errors.Is(err, awserr.ErrUnsupportedAPI), "%v", tc.err)
		assert.Equal(t, tc.unsupported, domain.IsPermanent(err), "%v", tc.err)
	}
}
