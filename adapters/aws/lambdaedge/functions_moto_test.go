package lambdaedge

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

func edgeZip(t *testing.T, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.Create("index.js")
	require.NoError(t, err)
	_, err = f.Write([]byte(body))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

// createRole makes an IAM role on moto (which checks that a function's role exists) with a
// plain Query API call: the module has no IAM SDK and needs none in production.
func createRole(t *testing.T, name string) string {
	t.Helper()
	form := url.Values{
		"Action":                   {"CreateRole"},
		"Version":                  {"2010-05-08"},
		"RoleName":                 {name},
		"AssumeRolePolicyDocument": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","edgelambda.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`},
	}
	req, err := http.NewRequest(http.MethodPost, awstest.Endpoint(t)+"/", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	return "arn:aws:iam::123456789012:role/" + name
}

func TestLambdaEdgeLifecycleOnMoto(t *testing.T) {
	ctx := context.Background()
	c := New(awstest.Config(t), Options{PollInterval: 50 * time.Millisecond})
	role := createRole(t, awstest.Name(t, "role"))
	name := awstest.Name(t, "edge")
	code := edgeZip(t, `exports.handler = async (e) => e.Records[0].cf.request;`)

	created, err := c.CreateFunction(ctx, name, role, code)
	require.NoError(t, err)
	assert.Equal(t, name, created.Name)
	assert.True(t, strings.HasSuffix(created.ARN, ":function:"+name), created.ARN)
	assert.Equal(t, "nodejs22.x", created.Runtime)
	assert.Equal(t, int64(len(code)), created.CodeSize)
	assert.NotEmpty(t, created.CodeSHA256)
	assert.Empty(t, created.VersionARN, "Publish=false: no numbered version yet")

	_, err = c.CreateFunction(ctx, name, role, code)
	var ae *domain.AlreadyExistsError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, name, ae.ExistingID)

	active, err := c.WaitActive(ctx, name, 10*time.Second)
	require.NoError(t, err)
	assert.Equal(t, "Active", active.State)
	got, err := c.GetFunction(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, created.ARN, got.ARN)
	assert.Equal(t, created.CodeSHA256, got.CodeSHA256)

	v, err := c.PublishVersion(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, created.ARN+":1", v.VersionARN)
	assert.Equal(t, created.ARN, v.ARN)
	ver, err := c.WaitActive(ctx, v.VersionARN, 10*time.Second)
	require.NoError(t, err)
	assert.Equal(t, v.VersionARN, ver.VersionARN)

	require.NoError(t, c.AllowCloudFront(ctx, name))
	require.NoError(t, c.AllowCloudFront(ctx, name), "idempotent (moto accepts a duplicate statement id; AWS answers ResourceConflictException, see TestAllowCloudFront)")

	require.NoError(t, c.DeleteFunction(ctx, name))
	_, err = c.GetFunction(ctx, name)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	assert.ErrorIs(t, c.DeleteFunction(ctx, name), domain.ErrNotFound)
	_, err = c.WaitActive(ctx, name, time.Second)
	assert.ErrorIs(t, err, domain.ErrNotFound)

	_, err = c.CreateFunction(ctx, awstest.Name(t, "edge"), "arn:aws:iam::123456789012:role/missing", code)
	d, ok := domain.RetryDelay(err)
	assert.True(t, ok, "a role Lambda cannot assume yet is retried: %v", err)
	assert.Positive(t, d)
}
