package edge_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateIsDeterministic(t *testing.T) {
	for _, target := range []string{domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge} {
		a, err := edge.Generate(worldSpec(target))
		require.NoError(t, err)
		b, err := edge.Generate(worldSpec(target))
		require.NoError(t, err)
		assert.Equal(t, a, b, target)
		sum := sha256.Sum256(a.Code)
		assert.Equal(t, hex.EncodeToString(sum[:]), a.SHA256)
		assert.Equal(t, len(a.Code), a.CodeSize)
		assert.Equal(t, 6, a.OriginCount)
	}
}

func TestGenerateTargets(t *testing.T) {
	cff, err := edge.Generate(threeRegions(""))
	require.NoError(t, err)
	assert.Equal(t, edge.RuntimeCloudFrontJS, cff.Runtime)
	assert.Equal(t, edge.EventViewerRequest, cff.EventType)
	assert.True(t, strings.HasPrefix(string(cff.Code), "import cf from 'cloudfront';\n"), "the import must be the first line")
	assert.Contains(t, string(cff.Code), `"id": "origin-ap-northeast-2"`)
	assert.NotContains(t, string(cff.Code), "content-bucket", "CloudFront Functions select by id; bucket names are not needed")

	le, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	assert.Equal(t, edge.RuntimeLambdaNode, le.Runtime)
	assert.Equal(t, edge.EventOriginRequest, le.EventType)
	assert.Equal(t, "index.handler", le.Handler)
	assert.Contains(t, string(le.Code), `"domain": "content-bucket-kr.s3.ap-northeast-2.amazonaws.com"`)
}

// TestCodeSizes reports the generated sizes against each target's limit; the largest spec
// (25 origins) must still fit CloudFront Functions' 10 KB.
func TestCodeSizes(t *testing.T) {
	big := edge.Spec{Name: "big"}
	for i, r := range edge.Regions()[:edge.MaxOrigins] {
		o := origin("o-"+r.Code, r.Code, "bucket-"+r.Code)
		if i == 0 {
			big.Origins.Default = o
		} else {
			big.Origins.Additional = append(big.Origins.Additional, o)
		}
	}
	for name, spec := range map[string]edge.Spec{"3 origins": threeRegions(""), "25 origins": big} {
		for _, target := range []string{domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge} {
			spec.Target = target
			fn, err := edge.Generate(spec)
			require.NoError(t, err, name)
			if target == domain.EdgeTargetLambdaEdge {
				z, err := edge.PackageLambda(fn)
				require.NoError(t, err)
				t.Logf("%s %s: code %d bytes, zip %d bytes (limit %d)", name, target, fn.CodeSize, len(z), edge.LambdaEdgeOriginMaxZipBytes)
			} else {
				assert.LessOrEqual(t, fn.CodeSize, edge.CloudFrontFunctionMaxCodeBytes)
				t.Logf("%s %s: code %d bytes (limit %d)", name, target, fn.CodeSize, edge.CloudFrontFunctionMaxCodeBytes)
			}
		}
	}
}

func TestPackageLambda(t *testing.T) {
	fn, err := edge.Generate(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	z1, err := edge.PackageLambda(fn)
	require.NoError(t, err)
	z2, err := edge.PackageLambda(fn)
	require.NoError(t, err)
	assert.Equal(t, z1, z2, "same code, same zip bytes")

	r, err := zip.NewReader(bytes.NewReader(z1), int64(len(z1)))
	require.NoError(t, err)
	require.Len(t, r.File, 1)
	f := r.File[0]
	assert.Equal(t, "index.js", f.Name)
	assert.Equal(t, 2020, f.Modified.Year())
	rc, err := f.Open()
	require.NoError(t, err)
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, fn.Code, got)

	cff, err := edge.Generate(threeRegions(""))
	require.NoError(t, err)
	_, err = edge.PackageLambda(cff)
	var v *domain.ValidationError
	assert.ErrorAs(t, err, &v)
}

func TestPackageLambdaRefusesOversizedViewerPackage(t *testing.T) {
	noise := make([]byte, edge.LambdaEdgeViewerMaxZipBytes+1024) // random bytes do not compress
	_, err := rand.Read(noise)
	require.NoError(t, err)
	fn := edge.Function{Target: domain.EdgeTargetLambdaEdge, EventType: "viewer-request", Code: noise}
	_, err = edge.PackageLambda(fn)
	require.Error(t, err)
	assert.True(t, errors.Is(err, edge.ErrTooLarge))
	var se *edge.SizeLimitError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "zip", se.What)
	assert.Equal(t, edge.LambdaEdgeViewerMaxZipBytes, se.Limit)

	fn.EventType = edge.EventOriginRequest // 50 MB for origin triggers
	_, err = edge.PackageLambda(fn)
	assert.NoError(t, err)
}

func TestPreview(t *testing.T) {
	p, err := edge.Preview(edge.Spec{Preset: "geographic", Origins: threeRegions("").Origins})
	require.NoError(t, err, "preview needs no function name")
	assert.Equal(t, "geographic", p.Preset)
	assert.Equal(t, 3, p.OriginCount)
	assert.Equal(t, len(p.FunctionCode), p.EstimatedSize)
	assert.Equal(t, edge.CloudFrontFunctionMaxCodeBytes, p.SizeLimit)
	assert.Equal(t, edge.ForwardedHeaders(""), p.RequiredHeaders)
	assert.Contains(t, p.FunctionCode, "cf.selectRequestOriginById")
	t.Logf("preview (3 origins, %s):\n%s", p.Target, p.FunctionCode)

	le, err := edge.Preview(threeRegions(domain.EdgeTargetLambdaEdge))
	require.NoError(t, err)
	assert.Less(t, le.EstimatedSize, len(le.FunctionCode), "lambda size is the zip size")
	assert.Equal(t, edge.LambdaEdgeOriginMaxZipBytes, le.SizeLimit)

	_, err = edge.Preview(edge.Spec{Preset: "nope", Origins: threeRegions("").Origins})
	var v *domain.ValidationError
	assert.ErrorAs(t, err, &v)
}
