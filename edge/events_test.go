package edge_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/require"
)

// threeRegions is the seed's 3-region example with Seoul instead of Singapore.
func threeRegions(target string) edge.Spec {
	return edge.Spec{Name: "routing", Target: target, Preset: "global-3-region", Origins: domain.RoutingOrigins{
		Default: domain.RoutingOrigin{OriginID: "origin-us-east-1", Region: "us-east-1", BucketName: "content-bucket-us"},
		Additional: []domain.RoutingOrigin{
			{OriginID: "origin-eu-central-1", Region: "eu-central-1", BucketName: "content-bucket-eu"},
			{OriginID: "origin-ap-northeast-2", Region: "ap-northeast-2", BucketName: "content-bucket-kr"},
		},
	}}
}

// viewer is the location CloudFront reports; empty fields mean the header is absent.
type viewer struct{ lat, lon, country string }

func loadFixture(t testing.TB, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// cffEvent is the documented CloudFront Functions viewer-request event with v's headers.
func cffEvent(t testing.TB, v viewer) map[string]any {
	ev := loadFixture(t, "cff-viewer-request.json")
	h := ev["request"].(map[string]any)["headers"].(map[string]any)
	for name, val := range v.headers() {
		delete(h, name)
		if val != "" {
			h[name] = map[string]any{"value": val}
		}
	}
	return ev
}

// lambdaEvent is the documented Lambda@Edge origin-request event with v's headers.
func lambdaEvent(t testing.TB, v viewer) map[string]any {
	ev := loadFixture(t, "lambda-origin-request.json")
	h := lambdaRequest(ev)["headers"].(map[string]any)
	keys := map[string]string{"cloudfront-viewer-latitude": "CloudFront-Viewer-Latitude",
		"cloudfront-viewer-longitude": "CloudFront-Viewer-Longitude", "cloudfront-viewer-country": "CloudFront-Viewer-Country"}
	for name, val := range v.headers() {
		delete(h, name)
		if val != "" {
			h[name] = []any{map[string]any{"key": keys[name], "value": val}}
		}
	}
	return ev
}

func lambdaRequest(ev map[string]any) map[string]any {
	return ev["Records"].([]any)[0].(map[string]any)["cf"].(map[string]any)["request"].(map[string]any)
}

func (v viewer) headers() map[string]string {
	return map[string]string{"cloudfront-viewer-latitude": v.lat, "cloudfront-viewer-longitude": v.lon, "cloudfront-viewer-country": v.country}
}

// chosenCFF returns the origin id the CloudFront Function selected (exactly one call).
func chosenCFF(t testing.TB, a nodeAnswer) string {
	t.Helper()
	require.Len(t, a.Calls, 1, "exactly one origin selection per request")
	require.Equal(t, "selectRequestOriginById", a.Calls[0].Fn)
	require.Len(t, a.Calls[0].Args, 1)
	var id string
	require.NoError(t, json.Unmarshal(a.Calls[0].Args[0], &id))
	return id
}

// lambdaResult is the part of the returned Lambda@Edge request the tests check.
type lambdaResult struct {
	URI         string `json:"uri"`
	Method      string `json:"method"`
	Querystring string `json:"querystring"`
	Origin      struct {
		S3 struct {
			DomainName    string         `json:"domainName"`
			Region        string         `json:"region"`
			AuthMethod    string         `json:"authMethod"`
			Path          string         `json:"path"`
			CustomHeaders map[string]any `json:"customHeaders"`
		} `json:"s3"`
	} `json:"origin"`
	Headers map[string][]struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"headers"`
}

func decodeLambda(t testing.TB, a nodeAnswer) lambdaResult {
	t.Helper()
	var r lambdaResult
	require.NoError(t, json.Unmarshal(a.Result, &r))
	return r
}

func (r lambdaResult) header(name string) string {
	if h := r.Headers[name]; len(h) > 0 {
		return h[0].Value
	}
	return ""
}
