package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDefaultPolicyFileMirrorsDomainDefault: infra/policy/default-policy.json is
// domain.DefaultPolicy(), field for field, except requireOac and the security headers: on when
// deployed, off locally (so the seed's own create body keeps working with make run, unchanged).
func TestDefaultPolicyFileMirrorsDomainDefault(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join("policy", "default-policy.json"))
	require.NoError(t, err)
	var fromFile domain.Policy
	require.NoError(t, json.Unmarshal(raw, &fromFile))
	local := domain.DefaultPolicy()
	assert.False(t, local.RequireOAC, "locally seed-compatible")
	local.RequireOAC = true
	assert.Empty(t, local.ResponseHeaders.Default, "locally no response headers policy unless asked")
	local.ResponseHeaders.Default = domain.ResponseHeadersPresetSecurity
	local.ResponseHeaders.RequireSecurityHeaders = true
	assert.Equal(t, local, fromFile)

	compact, err := loadPolicy(filepath.Join("policy", "default-policy.json"), nil, "cfm")
	require.NoError(t, err)
	deployed := local
	deployed.OriginBucketPrefix = "cfm-" // the IAM policy reaches only the product's buckets
	want, err := json.Marshal(deployed)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), compact)
}

func TestLoadConfig(t *testing.T) {
	root := t.TempDir()
	assets := filepath.Join(root, "dist")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "infra", "policy"), 0o755))
	require.NoError(t, os.MkdirAll(assets, 0o755))
	for _, z := range lambdaZips {
		require.NoError(t, writePlaceholderZip(filepath.Join(assets, z)))
	}
	policy, err := os.ReadFile(filepath.Join("policy", "default-policy.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(root, defaultPolicyFile), policy, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "typo.json"), []byte(`{"viewerProtocolPolicy":["https-only"]}`), 0o644))
	t.Setenv("CDK_DEFAULT_ACCOUNT", "")
	t.Setenv("CDK_DEFAULT_REGION", "")

	tests := []struct {
		name    string
		ctx     map[string]any
		wantErr string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", ctx: map[string]any{"account": testAccount}, check: func(t *testing.T, c Config) {
			assert.Equal(t, edgeRegion, c.HomeRegion)
			assert.False(t, c.CreateTrail)
			assert.Equal(t, assets, c.AssetDir)
			assert.Equal(t, "cfm", c.ResourcePrefix)
			assert.Contains(t, c.PolicyJSON, `"allowedAliasDomains":null`)
		}},
		{name: "context values from the CLI are strings", ctx: map[string]any{
			"account": testAccount, "homeRegion": "eu-central-1", "createTrail": "true",
			"allowedAliasDomains": "Example.com, ,static.example.org", "consoleOrigin": "https://console.example.com/", "consoleCertificateArn": "arn:aws:acm:us-east-1:" + testAccount + ":certificate/abc",
		}, check: func(t *testing.T, c Config) {
			assert.Equal(t, "eu-central-1", c.HomeRegion)
			assert.True(t, c.CreateTrail)
			assert.Equal(t, []string{"example.com", "static.example.org"}, c.AllowedAliasDomains)
			assert.Contains(t, c.PolicyJSON, `"allowedAliasDomains":["example.com","static.example.org"]`)
			assert.Equal(t, "https://console.example.com", c.ConsoleOrigin)
		}},
		{name: "cdk.json booleans", ctx: map[string]any{"account": testAccount, "createTrail": true}, check: func(t *testing.T, c Config) {
			assert.True(t, c.CreateTrail)
		}},
		{name: "no account", ctx: map[string]any{}, wantErr: "account"},
		{name: "bad region", ctx: map[string]any{"account": testAccount, "homeRegion": "mars"}, wantErr: "homeRegion"},
		{name: "bad trail flag", ctx: map[string]any{"account": testAccount, "createTrail": "yes please"}, wantErr: "createTrail"},
		{name: "bad key", ctx: map[string]any{"account": testAccount, "kmsKeyArn": "alias/mine"}, wantErr: "kmsKeyArn"},
		{name: "plain-http console", ctx: map[string]any{"account": testAccount, "consoleOrigin": "http://console.example.com"}, wantErr: "consoleOrigin"},
		{name: "reserved word in the auth domain", ctx: map[string]any{"account": testAccount, "authDomainPrefix": "my-cognito"}, wantErr: "authDomainPrefix"},
		{name: "privileged CLI callback port", ctx: map[string]any{"account": testAccount, "cliCallbackPort": "80"}, wantErr: "cliCallbackPort"},
		{name: "CLI callback port not a number", ctx: map[string]any{"account": testAccount, "cliCallbackPort": "53180/callback"}, wantErr: "cliCallbackPort"},
		{name: "console domain without its certificate", ctx: map[string]any{"account": testAccount, "consoleOrigin": "https://console.example.com"}, wantErr: "go together"},
		{name: "console certificate outside us-east-1", ctx: map[string]any{"account": testAccount, "consoleOrigin": "https://console.example.com", "consoleCertificateArn": "arn:aws:acm:eu-west-1:" + testAccount + ":certificate/abc"}, wantErr: "us-east-1"},
		{name: "bad alias domain", ctx: map[string]any{"account": testAccount, "allowedAliasDomains": "*.example.com"}, wantErr: "allowedAliasDomains"},
		{name: "typo in the policy file", ctx: map[string]any{"account": testAccount, "policyFile": "typo.json"}, wantErr: "unknown field"},
		{name: "missing policy file", ctx: map[string]any{"account": testAccount, "policyFile": "nope.json"}, wantErr: "policyFile"},
		{name: "alarm e-mail and API domain", ctx: map[string]any{
			"account": testAccount, "homeRegion": "eu-west-1", "alarmEmail": "ops@example.com",
			"apiDomainName": "API.example.com.", "apiCertificateArn": "arn:aws:acm:eu-west-1:" + testAccount + ":certificate/abc-123",
		}, check: func(t *testing.T, c Config) {
			assert.Equal(t, "ops@example.com", c.AlarmEmail)
			assert.Equal(t, ApiDomain{Name: "api.example.com", CertificateARN: "arn:aws:acm:eu-west-1:" + testAccount + ":certificate/abc-123"}, c.ApiDomain)
		}},
		{name: "bad alarm e-mail", ctx: map[string]any{"account": testAccount, "alarmEmail": "ops, dev@example.com"}, wantErr: "alarmEmail"},
		{name: "API domain without certificate", ctx: map[string]any{"account": testAccount, "apiDomainName": "api.example.com"}, wantErr: "set both or neither"},
		{name: "API certificate in another region", ctx: map[string]any{
			"account": testAccount, "homeRegion": "eu-west-1", "apiDomainName": "api.example.com",
			"apiCertificateArn": "arn:aws:acm:us-east-1:" + testAccount + ":certificate/abc-123",
		}, wantErr: "needs a certificate in homeRegion eu-west-1"},
		{name: "assets not built", ctx: map[string]any{"account": testAccount, "assetDir": "nowhere"}, wantErr: "make build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(func(k string) any { return tt.ctx[k] }, root)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, c)
		})
	}
}
