package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestDetailWithID(t *testing.T) {
	for _, tc := range []struct{ detail, want string }{
		{`{"a":1}`, `{"eventId":"t:k","a":1}`},
		{`{}`, `{"eventId":"t:k"}`},
		{` { } `, `{"eventId":"t:k"}`},
		{`{"eventId":"mine","a":1}`, `{"eventId":"mine","a":1}`},
		{`[1]`, `[1]`},
	} {
		got := domain.Event{ID: "t:k", Detail: []byte(tc.detail)}.DetailWithID()
		assert.Equal(t, tc.want, string(got), tc.detail)
	}
}
