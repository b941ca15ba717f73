package main

import (
	"fmt"
	"maps"
	"net/http"
	"strings"

	"github.com/cloudfront-manager/cfm/adapters/local/identity"
	"github.com/cloudfront-manager/cfm/console"
	consolehttp "github.com/cloudfront-manager/cfm/handlers/console"
)

// localRoutes are the unauthenticated routes outside /api: the local identity provider (its
// token shortcut, JWKS and the OIDC authorization-code + PKCE flow the console signs in
// through) and the console itself at /.
func localRoutes(cfg config, idp *identity.Provider) (map[string]http.Handler, error) {
	base := strings.TrimSuffix(cfg.PublicURL, "/")
	oidc, err := idp.OIDCRoutes(identity.Client{ID: idp.Audience(),
		RedirectURIs: []string{base + "/callback"}, LogoutURIs: []string{base + "/"}})
	if err != nil {
		return nil, err
	}
	ui, err := consolehttp.New(console.Assets(), consolehttp.Settings{
		Authority: idp.Issuer(), ClientID: idp.Audience(), RedirectURI: base + "/callback",
		PostLogoutRedirectURI: base + "/", Scope: "openid", Environment: "local"})
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	routes := map[string]http.Handler{
		"POST /local/token":                idp.TokenHandler(),
		"GET /local/.well-known/jwks.json": idp.JWKSHandler(),
		"/":                                ui,
	}
	maps.Copy(routes, oidc)
	return routes, nil
}
