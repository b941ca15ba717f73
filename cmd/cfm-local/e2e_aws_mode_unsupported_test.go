package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// Against moto 5.2.5, which lacks origin request policies, PublishFunction and UpdateFunction,
// a multi-origin create fails fast and says why (a permanent unsupported-API error, not
// retries until the 2-hour deadline) and leaves Creating; a Lambda@Edge target, which needs an
// execution role this mode does not have, is refused at once naming the field.
func TestEndToEndAWSModeMultiOriginFailsFastOnMissingAPIs(t *testing.T) {
	_, anon := startAWSMode(t)
	alice := anon.login("alice", "developers")
	name := awstest.Name(t, "u")
	ids, _ := threeRegions(alice, "u"+strings.ToLower(name[len(name)-8:]))

	r := alice.do("POST", "/api/distributions", multiOriginBody("edge", ids, domain.EdgeTargetLambdaEdge))
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Raw))
	assert.Contains(t, string(r.Raw), "target")
	assert.Contains(t, string(r.Raw), "execution role")

	start := time.Now()
	r = alice.do("POST", "/api/distributions", multiOriginBody("routed", ids, domain.EdgeTargetCloudFrontFunction))
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Raw))
	op := alice.waitOperation(dig(r.Body, "data", "operation", "id").(string), 20*time.Second)
	require.Equal(t, "Failed", op["status"], op)
	assert.Contains(t, op["lastError"], "unsupported API")
	assert.Contains(t, op["lastError"], "OriginRequestPolicies")
	assert.EqualValues(t, 1, op["attempts"], "permanent: not retried")
	assert.Less(t, time.Since(start), 20*time.Second)
	d := alice.do("GET", "/api/distributions/"+dig(r.Body, "data", "distribution", "id").(string), nil)
	require.Equal(t, http.StatusOK, d.Status)
	assert.Equal(t, "Failed", dig(d.Body, "data", "distribution", "status"), "out of Creating")
}
