package edge_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLambdaEdgeSignatureMatchesSDK checks the generated SigV4 signer against the AWS SDK for
// Go's signer (an independent implementation) on the request the function actually returns.
func TestLambdaEdgeSignatureMatchesSDK(t *testing.T) {
	cases := []struct {
		name, originPath, uri, query string
		decodedPath                  string // the object path S3 sees, decoded
	}{
		{"plain", "", "/media/index.html", "", "/media/index.html"},
		{"origin path and query", "/site", "/css/app.css", "v=2&lang=ko", "/site/css/app.css"},
		{"space and unicode", "", "/a%20b/%C3%BC-%E2%9C%93.txt", "", "/a b/ü-✓.txt"},
		{"encoded query", "", "/q", "name=a%20b&x=%2F", "/q"},
	}
	fn, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	n := startNode(t)
	n.load(t, "le", "lambda", fn.Code)
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	creds := aws.Credentials{AccessKeyID: testEnv["AWS_ACCESS_KEY_ID"], SecretAccessKey: testEnv["AWS_SECRET_ACCESS_KEY"], SessionToken: testEnv["AWS_SESSION_TOKEN"]}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := lambdaEvent(t, viewer{"35.68950", "139.69170", "JP"}) // Tokyo -> Seoul origin
			req := lambdaRequest(ev)
			req["uri"], req["querystring"] = c.uri, c.query
			req["origin"].(map[string]any)["s3"].(map[string]any)["path"] = c.originPath
			req["headers"].(map[string]any)["x-amz-server-side-encryption-customer-algorithm"] = []any{map[string]any{"key": "X-Amz-Server-Side-Encryption-Customer-Algorithm", "value": "AES256"}}
			r := decodeLambda(t, n.run(t, "le", ev))
			require.Equal(t, "ap-northeast-2", r.Origin.S3.Region)
			assert.Empty(t, r.header("x-amz-server-side-encryption-customer-algorithm"), "viewer x-amz-* headers are dropped")

			u := &url.URL{Scheme: "https", Host: r.Origin.S3.DomainName, Path: c.decodedPath, RawQuery: c.query}
			ref, err := http.NewRequest(http.MethodGet, u.String(), nil)
			require.NoError(t, err)
			ref.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			require.NoError(t, signer.SignHTTP(context.Background(), creds, ref, "UNSIGNED-PAYLOAD", "s3", "ap-northeast-2", testNow))
			require.NotEmpty(t, ref.Header.Get("Authorization"))
			assert.Equal(t, ref.Header.Get("Authorization"), r.header("authorization"))
			assert.Equal(t, ref.Header.Get("X-Amz-Date"), r.header("x-amz-date"))
		})
	}
}
