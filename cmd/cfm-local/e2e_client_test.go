package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// client drives the HTTP API like a user with curl would.
type client struct {
	t     *testing.T
	base  string
	token string
}

type reply struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    []byte
}

func (c *client) do(method, path string, body any, headers ...string) reply {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	checkAgainstOpenAPI(c.t, req, resp.StatusCode, resp.Header, raw)
	r := reply{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		require.NoError(c.t, json.Unmarshal(raw, &r.Body), string(raw))
	}
	return r
}

// login gets a token from the local identity provider.
func (c *client) login(user string, groups ...string) *client {
	c.t.Helper()
	anon := &client{t: c.t, base: c.base}
	r := anon.do("POST", "/local/token", map[string]any{"username": user, "groups": groups})
	require.Equal(c.t, http.StatusOK, r.Status, string(r.Raw))
	return &client{t: c.t, base: c.base, token: r.Body["token"].(string)}
}

// waitOperation polls an operation until it is final.
func (c *client) waitOperation(id string, timeout time.Duration) map[string]any {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		r := c.do("GET", "/api/operations/"+id, nil)
		require.Equal(c.t, http.StatusOK, r.Status, string(r.Raw))
		op := dig(r.Body, "data", "operation").(map[string]any)
		if s := op["status"]; s == "Succeeded" || s == "Failed" {
			return op
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("operation %s not final after %s: %v", id, timeout, op)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// dig walks nested JSON objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func seedCreateBody(name string) map[string]any {
	return map[string]any{
		"name":          name,
		"isMultiOrigin": false,
		"config": map[string]any{
			"Comment": "my distribution",
			"Enabled": true,
			"Origins": map[string]any{"Quantity": 1, "Items": []any{map[string]any{
				"Id": "origin-1", "DomainName": "mybucket.s3.amazonaws.com",
				"S3OriginConfig": map[string]any{"OriginAccessIdentity": ""},
			}}},
			"DefaultCacheBehavior": map[string]any{"TargetOriginId": "origin-1", "ViewerProtocolPolicy": "redirect-to-https"},
		},
	}
}
