package edge

import (
	"errors"
	"fmt"
)

// Size limits of the two targets (CloudFront quotas, "Quotas on CloudFront Functions" and
// "Quotas on Lambda@Edge"):
//   - CloudFront Functions: maximum function size 10 KB.
//   - Lambda@Edge: compressed deployment package 1 MB for viewer triggers, 50 MB for origin triggers.
const (
	CloudFrontFunctionMaxCodeBytes = 10 * 1024
	LambdaEdgeViewerMaxZipBytes    = 1 << 20
	LambdaEdgeOriginMaxZipBytes    = 50 << 20
)

// ErrTooLarge is matched (errors.Is) by every *SizeLimitError.
var ErrTooLarge = errors.New("edge function too large")

// SizeLimitError reports generated code or a package over its target's limit. It is bad input
// (too many origins), not a transient failure: callers map it to 400/422 and never retry.
type SizeLimitError struct {
	Target string // domain.EdgeTarget…
	What   string // "code" or "zip"
	Size   int
	Limit  int
}

func (e *SizeLimitError) Error() string {
	return fmt.Sprintf("%s %s is %d bytes, over the %d-byte limit", e.Target, e.What, e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *SizeLimitError) Is(target error) bool { return target == ErrTooLarge }

// zipLimit returns the Lambda@Edge package limit for a trigger event type.
func zipLimit(eventType string) int {
	if eventType == EventOriginRequest || eventType == "origin-response" {
		return LambdaEdgeOriginMaxZipBytes
	}
	return LambdaEdgeViewerMaxZipBytes
}
