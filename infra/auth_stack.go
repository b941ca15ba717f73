package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// Groups are the roles the API maps from the `cognito:groups` claim.
var userGroups = []struct{ Name, Description string }{
	{"admins", "Platform team: every operation, including templates and policy-sensitive actions"},
	{"developers", "Application teams: create and change distributions within the guardrails"},
	{"viewers", "Read-only access"},
}

// AuthStackProps configures the user pool.
type AuthStackProps struct {
	awscdk.StackProps
	// ConsoleOrigin (https://host) is the console's callback URL when DomainPrefix is set.
	ConsoleOrigin string
	// DomainPrefix, when set, adds a Cognito hosted domain and the OAuth authorization-code
	// flow (with PKCE) to the client. Its callbacks are the console (when ConsoleOrigin is set)
	// and the cfm CLI's loopback listener, http://localhost:<CLICallbackPort>/callback.
	DomainPrefix string
	// CLICallbackPort is the loopback port `cfm login` listens on (0: 53180, the CLI's
	// default; cli/commands.DefaultCallbackPort).
	CLICallbackPort int
}

// defaultCLICallbackPort mirrors cli/commands.DefaultCallbackPort (the infra module does not
// import the CLI; TestAuthStack_CLICallbackMatchesTheCLI keeps them equal).
const defaultCLICallbackPort = 53180

// AuthStack holds the Cognito user pool the API trusts.
type AuthStack struct {
	awscdk.Stack
	UserPool awscognito.UserPool
	Client   awscognito.UserPoolClient
}

// Issuer is the `iss` claim of the pool's tokens.
func (s *AuthStack) Issuer() string {
	return fmt.Sprintf("https://cognito-idp.%s.amazonaws.com/%s", *s.Region(), *s.UserPool.UserPoolId())
}

// JWKSURL is where the pool publishes its signing keys.
func (s *AuthStack) JWKSURL() string { return s.Issuer() + "/.well-known/jwks.json" }

// NewAuthStack creates the user pool (administrators create users; no self sign-up), the three
// groups and the console's public app client (SRP, no secret).
func NewAuthStack(scope constructs.Construct, id string, props *AuthStackProps) *AuthStack {
	if props == nil {
		props = &AuthStackProps{}
	}
	stack := awscdk.NewStack(scope, &id, &props.StackProps)
	s := &AuthStack{Stack: stack}

	s.UserPool = awscognito.NewUserPool(stack, jsii.String("UserPool"), &awscognito.UserPoolProps{
		SelfSignUpEnabled:   jsii.Bool(false),
		SignInAliases:       &awscognito.SignInAliases{Username: jsii.Bool(true), Email: jsii.Bool(true)},
		SignInCaseSensitive: jsii.Bool(false),
		AutoVerify:          &awscognito.AutoVerifiedAttrs{Email: jsii.Bool(true)},
		PasswordPolicy: &awscognito.PasswordPolicy{
			MinLength:            jsii.Number(12),
			RequireLowercase:     jsii.Bool(true),
			RequireUppercase:     jsii.Bool(true),
			RequireDigits:        jsii.Bool(true),
			RequireSymbols:       jsii.Bool(true),
			TempPasswordValidity: awscdk.Duration_Days(jsii.Number(3)),
		},
		Mfa:             awscognito.Mfa_OPTIONAL,
		MfaSecondFactor: &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		AccountRecovery: awscognito.AccountRecovery_EMAIL_ONLY,
		// Plus plan: threat protection (compromised credentials, adaptive authentication)
		// enforced, as cdk-nag COG8 asks; it costs per monthly active user.
		FeaturePlan:                  awscognito.FeaturePlan_PLUS,
		StandardThreatProtectionMode: awscognito.StandardThreatProtectionMode_FULL_FUNCTION,
		DeletionProtection:           jsii.Bool(true),
		RemovalPolicy:                awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(s.UserPool, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-COG2"),
		Reason: jsii.String("MFA is optional by product decision (issue #6): TOTP is offered to every user and " +
			"threat protection runs in full-function mode; the platform team can switch the pool to REQUIRED."),
	}}, jsii.Bool(false))

	for i, g := range userGroups {
		awscognito.NewUserPoolGroup(stack, jsii.String("Group-"+g.Name), &awscognito.UserPoolGroupProps{
			UserPool:    s.UserPool,
			GroupName:   jsii.String(g.Name),
			Description: jsii.String(g.Description),
			Precedence:  jsii.Number(float64(i)),
		})
	}

	client := &awscognito.UserPoolClientOptions{
		UserPoolClientName:         jsii.String("console"),
		GenerateSecret:             jsii.Bool(false),
		AuthFlows:                  &awscognito.AuthFlow{UserSrp: jsii.Bool(true)},
		PreventUserExistenceErrors: jsii.Bool(true),
		EnableTokenRevocation:      jsii.Bool(true),
		IdTokenValidity:            awscdk.Duration_Hours(jsii.Number(1)),
		AccessTokenValidity:        awscdk.Duration_Hours(jsii.Number(1)),
		RefreshTokenValidity:       awscdk.Duration_Hours(jsii.Number(12)),
		// Without a hosted domain there is no OAuth flow; CDK's default would enable the
		// implicit grant with an example.com callback.
		DisableOAuth: jsii.Bool(true),
	}
	if props.DomainPrefix != "" {
		s.UserPool.AddDomain(jsii.String("Domain"), &awscognito.UserPoolDomainOptions{
			CognitoDomain: &awscognito.CognitoDomainOptions{DomainPrefix: jsii.String(props.DomainPrefix)},
		})
		client.DisableOAuth = jsii.Bool(false)
		port := props.CLICallbackPort
		if port == 0 {
			port = defaultCLICallbackPort
		}
		// The console's sign-in callback (/callback) and where sign-out returns (its root), and
		// the CLI's loopback callback (Cognito allows http only for localhost). Both are public
		// clients of the one app client: code + PKCE, no secret, the same token audience.
		var callbacks, logouts []string
		if props.ConsoleOrigin != "" {
			callbacks = append(callbacks, props.ConsoleOrigin+"/callback")
			logouts = append(logouts, props.ConsoleOrigin+"/")
		}
		callbacks = append(callbacks, fmt.Sprintf("http://localhost:%d/callback", port))
		client.OAuth = &awscognito.OAuthSettings{
			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
			Scopes:       &[]awscognito.OAuthScope{awscognito.OAuthScope_OPENID(), awscognito.OAuthScope_EMAIL(), awscognito.OAuthScope_PROFILE()},
			CallbackUrls: jsii.Strings(callbacks...),
		}
		if len(logouts) > 0 {
			client.OAuth.LogoutUrls = jsii.Strings(logouts...)
		}
	}
	s.Client = s.UserPool.AddClient(jsii.String("ConsoleClient"), client)

	awscdk.NewCfnOutput(stack, jsii.String("UserPoolId"), &awscdk.CfnOutputProps{Value: s.UserPool.UserPoolId()})
	awscdk.NewCfnOutput(stack, jsii.String("UserPoolClientId"), &awscdk.CfnOutputProps{Value: s.Client.UserPoolClientId()})
	return s
}
