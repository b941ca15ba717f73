package main

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEndToEndCertificates(t *testing.T) {
	_, anon := startLocal(t, t.TempDir())
	viewer := anon.login("victor", "viewers")

	r := viewer.do("GET", "/api/certificates", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	certs := dig(r.Body, "data", "certificates").([]any)
	require.Len(t, certs, 2, "only ISSUED certificates: the pending one is left out")
	var wildcard map[string]any
	for _, c := range certs {
		m := c.(map[string]any)
		assert.Equal(t, "ISSUED", m["status"])
		assert.Regexp(t, `^arn:aws:acm:us-east-1:\d{12}:certificate/`, m["certificateArn"])
		if m["domainName"] == "*.example.com" {
			wildcard = m
		}
	}
	require.NotNil(t, wildcard)
	arn := wildcard["certificateArn"].(string)

	// The ARN in the path is URL-encoded (its "/" as %2F).
	r = viewer.do("GET", "/api/certificates/"+url.PathEscape(arn), nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	assert.Equal(t, arn, dig(r.Body, "data", "certificate", "certificateArn"))
	assert.Contains(t, dig(r.Body, "data", "certificate", "subjectAlternativeNames"), "example.com")
	// The seed's detail: DNS validation with its record, key usages, serial, subject, issuer,
	// renewal eligibility and transparency logging.
	cert := dig(r.Body, "data", "certificate").(map[string]any)
	dvs := cert["domainValidationOptions"].([]any)
	require.NotEmpty(t, dvs)
	dv := dvs[0].(map[string]any)
	assert.Equal(t, "*.example.com", dv["domainName"])
	assert.Equal(t, "example.com", dv["validationDomain"])
	assert.Equal(t, "SUCCESS", dv["validationStatus"])
	assert.Equal(t, "DNS", dv["validationMethod"])
	assert.Equal(t, "CNAME", dig(dv, "resourceRecord", "type"))
	assert.Regexp(t, `^_[0-9a-f]{32}\.example\.com\.$`, dig(dv, "resourceRecord", "name"))
	assert.Equal(t, []any{"DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"}, cert["keyUsages"])
	assert.Contains(t, cert["extendedKeyUsages"], "TLS_WEB_SERVER_AUTHENTICATION")
	assert.Regexp(t, `^[0-9a-f]{2}(:[0-9a-f]{2})+$`, cert["serial"])
	assert.Equal(t, "CN=*.example.com", cert["subject"])
	assert.Equal(t, "Amazon", cert["issuer"])
	assert.Equal(t, "INELIGIBLE", cert["renewalEligibility"], "no distribution uses it yet")
	assert.Equal(t, "ENABLED", cert["certificateTransparencyLoggingPreference"])
	missing := "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000"
	r = viewer.do("GET", "/api/certificates/"+url.PathEscape(missing), nil)
	assert.Equal(t, http.StatusNotFound, r.Status, string(r.Raw))
	r = viewer.do("GET", "/api/certificates/"+url.PathEscape("arn:aws:acm:eu-west-1:000000000000:certificate/x"), nil)
	assertField(t, r, http.StatusBadRequest, "arn")
	r = viewer.do("GET", "/api/certificates/not-an-arn", nil)
	assertField(t, r, http.StatusBadRequest, "arn")
	r = anon.do("GET", "/api/certificates", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Status)
}

// withAliases is a distribution body with aliases and a certificate.
func withAliases(arn string, aliases ...string) map[string]any {
	b := seedCreateBody("aliased")
	cfg := b["config"].(map[string]any)
	cfg["Aliases"] = map[string]any{"Quantity": len(aliases), "Items": aliases}
	cfg["ViewerCertificate"] = map[string]any{"ACMCertificateArn": arn, "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}
	return b
}

func TestEndToEndAliasesNeedACoveringIssuedCertificate(t *testing.T) {
	_, anon := startLocalWith(t, func(c *config) {
		c.Policy.AllowedAliasDomains = []string{"example.com", "example.org", "example.net"}
	})
	alice := anon.login("alice", "developers")
	r := alice.do("GET", "/api/certificates", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	arns := map[string]string{}
	for _, c := range dig(r.Body, "data", "certificates").([]any) {
		m := c.(map[string]any)
		arns[m["domainName"].(string)] = m["certificateArn"].(string)
	}
	wildcard, org := arns["*.example.com"], arns["app.example.org"]
	require.NotEmpty(t, wildcard)
	require.NotEmpty(t, org)

	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"alias outside the certificate", withAliases(org, "www.example.org"), "config.Aliases.Items[0]"},
		{"second alias not covered", withAliases(wildcard, "www.example.com", "a.b.example.com"), "config.Aliases.Items[1]"},
		{"unknown certificate", withAliases("arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000", "www.example.com"), "config.ViewerCertificate.ACMCertificateArn"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alice.t = t
			r := alice.do("POST", "/api/distributions", tc.body)
			assertField(t, r, http.StatusUnprocessableEntity, tc.field)
		})
	}
	alice.t = t
	// Covered by the wildcard and by the apex SAN: accepted and deployed.
	r = alice.do("POST", "/api/distributions", withAliases(wildcard, "www.example.com", "example.com"))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	assert.Equal(t, "Succeeded", op["status"], op)
	distID := dig(r.Body, "data", "distribution", "id").(string)
	r = alice.do("GET", "/api/certificates/"+url.PathEscape(wildcard), nil)
	assert.Equal(t, true, dig(r.Body, "data", "certificate", "inUse"))
	assert.Equal(t, "ELIGIBLE", dig(r.Body, "data", "certificate", "renewalEligibility"), "ACM renews a certificate in use")

	// An update that adds an alias the certificate does not cover is refused the same way.
	r = alice.do("PUT", "/api/distributions/"+distID, map[string]any{"config": map[string]any{
		"Aliases": map[string]any{"Quantity": 3, "Items": []string{"www.example.com", "example.com", "deep.www.example.com"}}}})
	assertField(t, r, http.StatusUnprocessableEntity, "config.Aliases.Items[2]")
}
