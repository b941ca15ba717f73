package commands

import (
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnswerMapsStatusesToExitCodes(t *testing.T) {
	tests := []struct {
		status int
		body   string
		code   int
		msg    string
	}{
		{http.StatusBadRequest, `{"success":false,"error":{"code":"validation_failed","message":"bad","fields":[{"field":"name","message":"required"}]}}`, ExitUsage, "400 validation_failed: bad\n  name: required"},
		{http.StatusUnauthorized, `{"success":false,"error":{"code":"unauthenticated","message":"a valid bearer token is required"}}`, ExitAuth, "cfm login"},
		{http.StatusForbidden, `{"success":false,"error":{"code":"forbidden","message":"no"}}`, ExitAuth, "403 forbidden"},
		{http.StatusNotFound, `{"success":false,"error":{"code":"not_found","message":"gone"}}`, ExitFailed, "404 not_found"},
		{http.StatusConflict, `{"success":false,"error":{"code":"conflict","message":"busy"}}`, ExitRefused, "409 conflict"},
		{http.StatusUnprocessableEntity, `{"success":false,"error":{"code":"policy_violation","message":"no","rule":"priceClasses"}}`, ExitRefused, "(guardrail priceClasses)"},
		{http.StatusBadGateway, `<html>proxy</html>`, ExitFailed, "502 bad_gateway"},
	}
	for _, tt := range tests {
		_, err := answer(tt.status, []byte(tt.body))
		require.Error(t, err, tt.status)
		assert.Equal(t, tt.code, codeOf(err), tt.status)
		assert.Contains(t, err.Error(), tt.msg, tt.status)
	}
	data, err := answer(http.StatusOK, []byte(`{"success":true,"data":{"a":1}}`))
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1}`, string(data))
	assert.Equal(t, ExitFailed, codeOf(errors.New("network")))
}

func TestIdempotencyKeyIsStableAndScoped(t *testing.T) {
	env := map[string]string{}
	a := &app{env: Env{Getenv: func(k string) string { return env[k] }}}
	k := a.idempotencyKey("distributions create", nil, []byte(`{"name":"a"}`))
	assert.Regexp(t, `^cfm-[0-9a-f]{40}$`, k)
	assert.Equal(t, k, a.idempotencyKey("distributions create", nil, []byte(`{"name":"a"}`)), "a re-run sends the same key")
	for name, other := range map[string]string{
		"another body":    a.idempotencyKey("distributions create", nil, []byte(`{"name":"b"}`)),
		"another command": a.idempotencyKey("origins create", nil, []byte(`{"name":"a"}`)),
		"another id":      a.idempotencyKey("distributions create", []string{"x"}, []byte(`{"name":"a"}`)),
	} {
		assert.NotEqual(t, k, other, name)
	}
	env["CFM_RUN_ID"] = "42"
	assert.NotEqual(t, k, a.idempotencyKey("distributions create", nil, []byte(`{"name":"a"}`)), "another pipeline run")
	a.idemKey = "mine"
	assert.Equal(t, "mine", a.idempotencyKey("distributions create", nil, nil))
}
