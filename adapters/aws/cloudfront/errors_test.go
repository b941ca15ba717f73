package cloudfront

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/domain"
)

func apiErr(code, msg string) error {
	return &smithy.GenericAPIError{Code: code, Message: msg}
}

func TestExistingIDFromRealMessages(t *testing.T) {
	cases := map[string]string{
		// AWS (aws-sdk-js-v3#2618, aws-saas-boost#153) and moto 5.2.5
		"The caller reference that you are using to create a distribution is associated with another distribution. Already exists: E2O6U8DECVP5UD":                                         "E2O6U8DECVP5UD",
		"The caller reference that you are using to create a distribution is associated with another distribution. Already exists: E2O6U8DECVP5UD (Service: CloudFront, Status Code: 409)": "E2O6U8DECVP5UD",
		"Already exists: E1SXXXXXXXXXX": "E1SXXXXXXXXXX",
		// moto's CloudFront Functions message carries the name
		"The function name that you are using to create a function is associated with another function. Already exists: cfm-route": "cfm-route",
		// no id in the message: nothing to recover (emulators, e.g. fakecloud)
		"Distribution with the same CallerReference exists":              "",
		"An origin access control with the same name already exists.":    "",
		"The origin request policy already exists with the same name.":   "",
		"Distribution E3ABCDEFGHIJKL already uses this caller reference": "E3ABCDEFGHIJKL",
	}
	for msg, want := range cases {
		assert.Equal(t, want, existingID(msg), msg)
	}
}

func TestClassify(t *testing.T) {
	type check struct {
		is        []error
		permanent bool
		retry     time.Duration
	}
	cases := map[string]check{
		"NoSuchDistribution":             {is: []error{domain.ErrNotFound}},
		"NoSuchOriginAccessControl":      {is: []error{domain.ErrNotFound}},
		"NoSuchFunctionExists":           {is: []error{domain.ErrNotFound}},
		"NoSuchInvalidation":             {is: []error{domain.ErrNotFound}},
		"PreconditionFailed":             {is: []error{domain.ErrPreconditionFailed}},
		"InvalidIfMatchVersion":          {is: []error{domain.ErrPreconditionFailed}, permanent: true},
		"DistributionNotDisabled":        {is: []error{domain.ErrConflict}},
		"OriginAccessControlInUse":       {is: []error{domain.ErrConflict}},
		"TooManyInvalidationsInProgress": {is: []error{domain.ErrConflict}, retry: invalidationsDelay},
		"CNAMEAlreadyExists":             {is: []error{domain.ErrConflict}, permanent: true},
		"Throttling":                     {is: []error{domain.ErrThrottled}, retry: throttleDelay},
		"TooManyRequestsException":       {is: []error{domain.ErrThrottled}, retry: throttleDelay},
		"SlowDown":                       {is: []error{domain.ErrThrottled}, retry: throttleDelay},
		"InvalidArgument":                {permanent: true},
		"IllegalUpdate":                  {permanent: true},
		"TooManyDistributions":           {permanent: true},
		"AccessDenied":                   {is: []error{domain.ErrForbidden}, permanent: true},
		"ServiceUnavailable":             {},
	}
	for code, want := range cases {
		t.Run(code, func(t *testing.T) {
			src := apiErr(code, "message")
			err := classify(src, "do %s", "thing")
			assert.ErrorContains(t, err, "do thing")
			assert.ErrorIs(t, err, src, "the AWS error stays in the chain")
			for _, target := range want.is {
				assert.ErrorIs(t, err, target)
			}
			assert.Equal(t, want.permanent, domain.IsPermanent(err))
			d, ok := domain.RetryDelay(err)
			assert.Equal(t, want.retry != 0, ok)
			assert.Equal(t, want.retry, d)
			if len(want.is) == 0 {
				for _, s := range []error{domain.ErrNotFound, domain.ErrConflict, domain.ErrThrottled, domain.ErrPreconditionFailed} {
					assert.NotErrorIs(t, err, s)
				}
			}
		})
	}

	t.Run("DistributionAlreadyExists carries the id", func(t *testing.T) {
		err := classify(apiErr("DistributionAlreadyExists",
			"The caller reference that you are using to create a distribution is associated with another distribution. Already exists: E2O6U8DECVP5UD"), "create")
		var ae *domain.AlreadyExistsError
		if assert.ErrorAs(t, err, &ae) {
			assert.Equal(t, "E2O6U8DECVP5UD", ae.ExistingID)
		}
		assert.ErrorIs(t, err, domain.ErrAlreadyExists)
		assert.False(t, domain.IsPermanent(err))
	})
	t.Run("client-side validation is permanent", func(t *testing.T) {
		assert.True(t, domain.IsPermanent(classify(&smithy.InvalidParamsError{Context: "CreateDistributionInput"}, "create")))
		assert.True(t, domain.IsPermanent(classify(smithy.InvalidParamsError{Context: "CreateDistributionInput"}, "create")))
	})
	t.Run("non-API errors pass through", func(t *testing.T) {
		err := classify(context.Canceled, "get")
		assert.ErrorIs(t, err, context.Canceled)
		assert.False(t, domain.IsPermanent(err))
		assert.NoError(t, classify(nil, "x"))
	})
	t.Run("unknown codes are transient", func(t *testing.T) {
		err := classify(apiErr("InternalError", ""), "x")
		assert.False(t, domain.IsPermanent(err))
		assert.False(t, errors.Is(err, domain.ErrNotFound))
	})
}
