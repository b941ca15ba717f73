package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// newConsoleHosting creates the console's bucket and distribution. The page may call the API
// (its custom domain, or any execute-api endpoint of the home region: the API is created after
// this stack) and Cognito (the user pool's issuer and its hosted domain).
func newConsoleHosting(app awscdk.App, cfg Config, props awscdk.StackProps) *ConsoleStack {
	connect := []string{"https://*.execute-api." + cfg.HomeRegion + ".amazonaws.com"}
	if cfg.ApiDomain.Name != "" {
		connect = []string{"https://" + cfg.ApiDomain.Name}
	}
	connect = append(connect, "https://cognito-idp."+cfg.HomeRegion+".amazonaws.com")
	if cfg.AuthDomainPrefix != "" {
		connect = append(connect, cognitoDomain(cfg))
	}
	hp := &ConsoleStackProps{StackProps: props, Connect: connect, CertificateARN: cfg.ConsoleCertificateARN}
	if cfg.ConsoleOrigin != "" {
		hp.Domain = cfg.ConsoleOrigin[len("https://"):]
	}
	return NewConsoleStack(app, "Cfm-Console", hp)
}

func cognitoDomain(cfg Config) string {
	return "https://" + cfg.AuthDomainPrefix + ".auth." + cfg.HomeRegion + ".amazoncognito.com"
}

// newConsoleContent deploys console/dist with the config.json of this deployment
// (handlers/console.Settings): the API URL, the user pool as OIDC authority, the app client,
// the callback and Cognito's logout endpoint.
func newConsoleContent(app awscdk.App, cfg Config, props awscdk.StackProps, s *Stacks) *ConsoleContentStack {
	apiURL := s.Api.Api.Url()
	if cfg.ApiDomain.Name != "" {
		apiURL = jsii.String("https://" + cfg.ApiDomain.Name + "/")
	}
	settings := map[string]any{
		"apiUrl":                apiURL,
		"authority":             s.Auth.Issuer(),
		"clientId":              s.Auth.Client.UserPoolClientId(),
		"redirectUri":           cfg.ConsoleOrigin + "/callback",
		"postLogoutRedirectUri": cfg.ConsoleOrigin + "/",
		"scope":                 "openid email profile",
		"environment":           "aws",
	}
	if cfg.AuthDomainPrefix != "" {
		settings["logoutUrl"] = cognitoDomain(cfg) + "/logout"
	}
	return NewConsoleContentStack(app, "Cfm-ConsoleContent", &ConsoleContentStackProps{StackProps: props, Hosting: s.Console, Dist: cfg.ConsoleDist, Settings: settings})
}
