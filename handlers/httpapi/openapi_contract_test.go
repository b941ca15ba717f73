package httpapi

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

func assembled(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(OpenAPIDocument(), &doc))
	return doc
}

// Every enum the code defines reaches the document (a renamed property would leave it out).
func TestContractEnumsAreFilledFromTheCode(t *testing.T) {
	schemas := asMap(asMap(assembled(t)["components"])["schemas"])
	for _, f := range enumFields {
		s := asMap(schemas[f.schema])
		for _, p := range f.path {
			s = asMap(asMap(s["properties"])[p])
		}
		require.NotNil(t, s, "%s.%s is not in the document", f.schema, strings.Join(f.path, "."))
		assert.Len(t, s["enum"], len(f.values()), "%s.%s", f.schema, strings.Join(f.path, "."))
	}
	vpp := asMap(asMap(asMap(asMap(schemas["DistributionConfig"])["properties"])["DefaultCacheBehavior"])["properties"])["ViewerProtocolPolicy"]
	assert.Equal(t, []any{"allow-all", "https-only", "redirect-to-https"}, asMap(vpp)["enum"])
}

// Every operation documents the statuses the shared code answers, and every link names an
// operation that exists and a parameter it takes.
func TestContractStatusesAndLinks(t *testing.T) {
	doc := assembled(t)
	params := map[string]map[string]bool{} // operationId → path parameter names
	for path, item := range asMap(doc["paths"]) {
		for method, op := range asMap(item) {
			if method == "parameters" {
				continue
			}
			id, _ := asMap(op)["operationId"].(string)
			params[id] = map[string]bool{}
			for _, seg := range strings.Split(path, "/") {
				if strings.HasPrefix(seg, "{") {
					params[id][strings.Trim(seg, "{}")] = true
				}
			}
		}
	}
	links := 0
	for path, item := range asMap(doc["paths"]) {
		for method, op := range asMap(item) {
			if method == "parameters" {
				continue
			}
			o := asMap(op)
			responses := asMap(o["responses"])
			for _, code := range []string{"401", "403", "429", "503"} {
				assert.Contains(t, responses, code, "%s %s", method, path)
			}
			if strings.Contains(path, "{") {
				assert.Contains(t, responses, "404", "%s %s", method, path)
			}
			if o["requestBody"] != nil {
				for _, code := range []string{"400", "413", "415"} {
					assert.Contains(t, responses, code, "%s %s", method, path)
				}
			}
			if takesIdempotencyKey(o) {
				assert.Contains(t, responses, "409", "%s %s", method, path)
			}
			for _, r := range responses {
				for name, l := range asMap(asMap(r)["links"]) {
					links++
					target, _ := asMap(l)["operationId"].(string)
					require.Contains(t, params, target, "link %s of %s %s", name, method, path)
					for p, expr := range asMap(asMap(l)["parameters"]) {
						assert.True(t, params[target][p], "link %s: %s takes no %s", name, target, p)
						assert.True(t, strings.HasPrefix(expr.(string), "$response.body#/data/"), "link %s: %v", name, expr)
					}
				}
			}
		}
	}
	assert.Greater(t, links, 40, "creates, lists and operations link to their resources")
}

// A create is either single-origin or multi-origin, never both.
func TestContractDistributionRequestIsOneOf(t *testing.T) {
	schemas := asMap(asMap(assembled(t)["components"])["schemas"])
	one, _ := asMap(schemas["DistributionRequest"])["oneOf"].([]any)
	require.Len(t, one, 2)
	multi := asMap(schemas["MultiOriginDistributionRequest"])
	assert.ElementsMatch(t, []any{"name", "isMultiOrigin", "multiOriginConfig"}, multi["required"])
	assert.NotContains(t, asMap(asMap(schemas["SingleOriginDistributionRequest"])["properties"]), "multiOriginConfig")
}

func TestOperationFilters(t *testing.T) {
	for q, field := range map[string]string{
		"actor=": "actor",
		"resourceId=" + strings.Repeat("é", 129): "resourceId",
		"status=":        "status",
		"resourceId=%FF": "resourceId",
	} {
		v, err := url.ParseQuery(q)
		require.NoError(t, err)
		err = filterParam(v, field)
		var ve *domain.ValidationError
		require.ErrorAs(t, err, &ve, q)
		assert.Equal(t, field, ve.Fields[0].Field)
	}
	v, _ := url.ParseQuery("actor=" + strings.Repeat("é", 128) + "&resourceId=dist-1")
	assert.NoError(t, filterParam(v, "actor"))
	assert.NoError(t, filterParam(v, "resourceId"))
	assert.NoError(t, filterParam(v, "status"), "absent")
}
