package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthStack_AdminCreatedUsersGroupsAndConsoleClient(t *testing.T) {
	defer failOnPanic(t)
	tpl := altFixture(t).template("Auth")
	tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPool"), props(map[string]any{
		"AdminCreateUserConfig": objectLike(map[string]any{"AllowAdminCreateUserOnly": true}),
		"Policies": map[string]any{"PasswordPolicy": objectLike(map[string]any{
			"MinimumLength": 12, "RequireLowercase": true, "RequireUppercase": true, "RequireNumbers": true, "RequireSymbols": true,
		})},
		"MfaConfiguration":      "OPTIONAL",
		"EnabledMfas":           []any{"SOFTWARE_TOKEN_MFA"},
		"UserPoolTier":          "PLUS",
		"UserPoolAddOns":        map[string]any{"AdvancedSecurityMode": "ENFORCED"},
		"DeletionProtection":    "ACTIVE",
		"UsernameConfiguration": map[string]any{"CaseSensitive": false},
	}))
	tpl.HasResource(jsii.String("AWS::Cognito::UserPool"), props(map[string]any{"DeletionPolicy": "Retain"}))
	tpl.ResourceCountIs(jsii.String("AWS::Cognito::UserPoolGroup"), jsii.Number(3))
	for _, g := range []string{"admins", "developers", "viewers"} {
		tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolGroup"), props(map[string]any{"GroupName": g}))
	}
	tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolClient"), props(map[string]any{
		"GenerateSecret":                  false,
		"ExplicitAuthFlows":               assertions.Match_ArrayEquals(&[]any{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}),
		"AllowedOAuthFlowsUserPoolClient": false,
		"PreventUserExistenceErrors":      "ENABLED",
	}))
	tpl.ResourceCountIs(jsii.String("AWS::Cognito::UserPoolDomain"), jsii.Number(0))
}

func TestAuthStack_OptionalHostedDomainUsesTheCodeFlow(t *testing.T) {
	defer failOnPanic(t)
	tpl := mainFixture(t).template("Auth")
	tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolDomain"), props(map[string]any{"Domain": "cfm-test-login"}))
	tpl.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolClient"), props(map[string]any{
		"GenerateSecret":                  false,
		"AllowedOAuthFlows":               []any{"code"},
		"AllowedOAuthFlowsUserPoolClient": true,
		"AllowedOAuthScopes":              assertions.Match_ArrayEquals(&[]any{"openid", "email", "profile"}),
		"CallbackURLs":                    []any{"https://console.example.com/callback", "http://localhost:53180/callback"},
		"LogoutURLs":                      []any{"https://console.example.com/"},
	}))
}

// The CLI's `cfm login` listens on cli/commands.DefaultCallbackPort; the app client must list
// that loopback URL, or managed login refuses the CLI's redirect.
func TestAuthStack_CLICallbackMatchesTheCLI(t *testing.T) {
	src, err := os.ReadFile("../cli/commands/login.go")
	require.NoError(t, err)
	assert.Contains(t, string(src), fmt.Sprintf("const DefaultCallbackPort = %d", defaultCLICallbackPort))
}
