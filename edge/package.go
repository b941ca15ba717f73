package edge

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// zipEpoch is the fixed modification time of every packaged file, so the same code always
// produces the same zip bytes (and the same Lambda CodeSha256).
var zipEpoch = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// PackageLambda builds the Lambda@Edge deployment package in memory: one file, index.js
// (handler "index.handler"), fixed timestamp and permissions. It refuses a package over the
// Lambda@Edge limit for the function's trigger with a *SizeLimitError.
func PackageLambda(fn Function) ([]byte, error) {
	if fn.Target != domain.EdgeTargetLambdaEdge {
		return nil, domain.Invalid("target", "only %s functions are packaged as a zip, got %q", domain.EdgeTargetLambdaEdge, fn.Target)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: LambdaFileName, Method: zip.Deflate, Modified: zipEpoch}
	h.SetMode(0o644)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return nil, fmt.Errorf("package lambda %s: %w", LambdaFileName, err)
	}
	if _, err := w.Write(fn.Code); err != nil {
		return nil, fmt.Errorf("package lambda %s: %w", LambdaFileName, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("package lambda: %w", err)
	}
	if limit := zipLimit(fn.EventType); buf.Len() > limit {
		return nil, fmt.Errorf("package lambda for %s: %w", fn.EventType,
			&SizeLimitError{Target: fn.Target, What: "zip", Size: buf.Len(), Limit: limit})
	}
	return buf.Bytes(), nil
}
