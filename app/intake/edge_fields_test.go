package intake

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

func TestMultiOriginFieldNames(t *testing.T) {
	for in, want := range map[string]string{
		"origins.default.region":           "multiOriginConfig.defaultOriginId",
		"origins.default.originId":         "multiOriginConfig.defaultOriginId",
		"origins.additional[0].bucketName": "multiOriginConfig.additionalOriginIds[0]",
		"origins.additional[12].region":    "multiOriginConfig.additionalOriginIds[12]",
		"origins.additional":               "multiOriginConfig.additionalOriginIds",
		"preset":                           "multiOriginConfig.preset",
		"target":                           "multiOriginConfig.target",
		"name":                             "name",
	} {
		assert.Equal(t, want, multiOriginField(in), in)
	}
}

func TestSizeLimitIsA422NamingTheField(t *testing.T) {
	err := sizeViolation(&edge.SizeLimitError{Target: "cloudfront-function", What: "code", Size: 11000, Limit: 10240}, "origins.additional", multiOriginField)
	var pv *domain.PolicyViolation
	require.True(t, errors.As(err, &pv))
	assert.Equal(t, "multiOriginConfig.additionalOriginIds", pv.Field)
	assert.Equal(t, "edgeFunctionSize", pv.Rule)
	plain := errors.New("boom")
	assert.Same(t, plain, sizeViolation(plain, "x", nil))
}

func TestEdgeNamesFit(t *testing.T) {
	assert.Equal(t, "cfm-dist-0123456789abcdef", edgeFunctionNameFor("cfm", "dist-0123456789abcdef"))
	long := edgeFunctionNameFor("a-very-long-deployment-prefix-that-goes-on-and-on-and-on", "dist-0123456789abcdef")
	assert.Len(t, long, 64)
	assert.NoError(t, edge.Validate(edge.Spec{Name: long, Origins: domain.RoutingOrigins{
		Default: domain.RoutingOrigin{OriginID: "o", Region: "us-east-1", BucketName: "bucket"}}}))
	name := functionName("custom-routing-function", "func-0123456789abcdef")
	assert.Equal(t, "custom-routing-function-89abcdef", name)
	assert.Len(t, functionName("x", "func-0123456789abcdef"), 1+1+functionSuffixLen)
	// The planner's trigger events are the generator's.
	assert.Equal(t, edge.EventViewerRequest, domain.EdgeEventViewerRequest)
	assert.Equal(t, edge.EventOriginRequest, domain.EdgeEventOriginRequest)
}
