package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/edge"
)

// changePaths lists the paths of a dry run's or an update's changes.
func changePaths(body map[string]any, keys ...string) []string {
	var paths []string
	changes, _ := dig(body, keys...).([]any)
	for _, c := range changes {
		paths = append(paths, c.(map[string]any)["path"].(string))
	}
	return paths
}

// A multi-origin distribution is renamed, re-priced and given a third origin with one PUT:
// the dry run shows the plan and its diff, the update regenerates the routing function and
// lists the distribution in the new origin's bucket policy; removing the origin again takes
// it out of that policy once the config without it is deployed.
func TestEndToEndMultiOriginUpdateAddsAndRemovesAnOrigin(t *testing.T) {
	sys, anon := startLocalWith(t, func(c *config) { c.Policy.AllowedAliasDomains = []string{"example.com", "example.org"} })
	alice := anon.login("alice", "developers")
	var wildcard string // the simulator's *.example.com certificate
	r := alice.do("GET", "/api/certificates", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	for _, c := range dig(r.Body, "data", "certificates").([]any) {
		if m := c.(map[string]any); m["domainName"] == "*.example.com" {
			wildcard = m["certificateArn"].(string)
		}
	}
	require.NotEmpty(t, wildcard)
	ctx := context.Background()
	ids, buckets := threeRegions(alice, "upd")
	region := []string{"us-east-1", "eu-central-1", "ap-southeast-1"}

	body := multiOriginBody("two-regions", ids[:2], "")
	body["multiOriginConfig"].(map[string]any)["preset"] = "geographic"
	r = alice.do("POST", "/api/distributions?dryRun=true", body)
	require.Equal(t, http.StatusOK, r.Status, "a multi-origin dry run plans like a create: %s", r.Raw)
	assert.Len(t, dig(r.Body, "data", "config", "Origins", "Items"), 2)
	assert.Contains(t, changePaths(r.Body, "data", "changes"), "Origins.Items[1].Id")

	r = alice.do("POST", "/api/distributions", body)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	id := dig(r.Body, "data", "distribution", "id").(string)
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	r = alice.do("GET", "/api/distributions/"+id, nil)
	dist := dig(r.Body, "data", "distribution").(map[string]any)
	fnName := "cfm-" + id
	assert.NotContains(t, policyStatements(t, sys, buckets[2], region[2]), shared.OACStatementSid, "the third origin is not used yet")

	change := map[string]any{"name": "three-regions",
		"multiOriginConfig": map[string]any{"defaultOriginId": ids[0], "additionalOriginIds": ids[1:], "preset": "geographic"},
		"config": map[string]any{"Comment": "now in three regions", "PriceClass": "PriceClass_200",
			"Aliases":           map[string]any{"Quantity": 1, "Items": []string{"global.example.com"}},
			"ViewerCertificate": map[string]any{"ACMCertificateArn": wildcard, "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}}}

	// An alias the certificate does not cover is refused on a multi-origin distribution too.
	uncovered := map[string]any{"config": map[string]any{"Aliases": map[string]any{"Quantity": 1, "Items": []string{"global.example.org"}},
		"ViewerCertificate": map[string]any{"ACMCertificateArn": wildcard, "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}}}
	r = alice.do("PUT", "/api/distributions/"+id+"?dryRun=true", uncovered)
	assertField(t, r, http.StatusUnprocessableEntity, "config.Aliases.Items[0]")

	// Dry run: the plan and its diff; nothing written, nothing sent.
	r = alice.do("PUT", "/api/distributions/"+id+"?dryRun=true", change)
	require.Equal(t, http.StatusOK, r.Status, string(r.Raw))
	paths := changePaths(r.Body, "data", "changes")
	assert.Contains(t, paths, "Comment")
	assert.Contains(t, paths, "PriceClass")
	assert.Contains(t, paths, "Aliases.Items[0]")
	assert.Contains(t, paths, "Origins.Items[2].Id", "the third origin: %v", paths)
	assert.Equal(t, dig(dist, "config", "DefaultCacheBehavior", "OriginRequestPolicyId"),
		dig(r.Body, "data", "config", "DefaultCacheBehavior", "OriginRequestPolicyId"), "the plan keeps the resolved policy")
	assert.NotContains(t, paths, "DefaultCacheBehavior.FunctionAssociations.Items[0].FunctionARN", "a CloudFront Function keeps its ARN")
	after := alice.do("GET", "/api/distributions/"+id, nil)
	assert.Equal(t, dist["version"], dig(after.Body, "data", "distribution", "version"), "a dry run writes nothing")

	// The update.
	r = alice.do("PUT", "/api/distributions/"+id, change)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	steps := stepStatuses(op)
	for _, s := range []string{"SyncBucketPolicies:Done", "UpdateRoutingFunction:Done", "UpdateDistribution:Done", "WaitForDeployment:Done"} {
		assert.Contains(t, steps, s)
	}
	r = alice.do("GET", "/api/distributions/"+id, nil)
	dist = dig(r.Body, "data", "distribution").(map[string]any)
	assert.Equal(t, "three-regions", dist["name"])
	assert.Equal(t, "Deployed", dist["status"])
	assert.Equal(t, toAny(ids), dist["originIds"])
	live, err := sys.Cloud.GetDistribution(ctx, dist["cloudfrontId"].(string))
	require.NoError(t, err)
	require.Len(t, live.Config.Origins.Items, 3)
	assert.Equal(t, "now in three regions", live.Config.Comment)
	assert.Equal(t, "PriceClass_200", live.Config.PriceClass)
	require.NotNil(t, live.Config.Aliases)
	assert.Equal(t, []string{"global.example.com"}, live.Config.Aliases.Items)
	require.NotNil(t, live.Config.ViewerCertificate)
	assert.Equal(t, wildcard, live.Config.ViewerCertificate.ACMCertificateArn)
	_, code, err := sys.Cloud.Functions().Code(fnName)
	require.NoError(t, err)
	want, err := edge.Generate(edge.Spec{Name: fnName, Preset: "geographic", Origins: routingOf(t, alice, ids)})
	require.NoError(t, err)
	assert.Equal(t, string(want.Code), string(code), "the LIVE routing function routes to all three origins")
	sts := policyStatements(t, sys, buckets[2], region[2])
	require.Contains(t, sts, shared.OACStatementSid)
	assert.Equal(t, []any{dist["arn"]}, dig(sts[shared.OACStatementSid], "Condition", "StringEquals", "AWS:SourceArn"))

	// Removing the third origin again.
	back := map[string]any{"multiOriginConfig": map[string]any{"defaultOriginId": ids[0], "additionalOriginIds": ids[1:2], "preset": "geographic"}}
	r = alice.do("PUT", "/api/distributions/"+id, back)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op = alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 30*time.Second)
	require.Equal(t, "Succeeded", op["status"], op)
	assert.Contains(t, stepStatuses(op), "DetachPreviousOrigins:Done")
	assert.NotContains(t, policyStatements(t, sys, buckets[2], region[2]), shared.OACStatementSid, "the removed origin's bucket no longer lists it")
	assert.Contains(t, policyStatements(t, sys, buckets[0], region[0]), shared.OACStatementSid)
	_, code, err = sys.Cloud.Functions().Code(fnName)
	require.NoError(t, err)
	assert.NotContains(t, string(code), ids[2])
	r = alice.do("DELETE", "/api/origins/"+ids[2], nil)
	assert.Equal(t, http.StatusAccepted, r.Status, "an origin no distribution uses can go: %s", r.Raw)
}
