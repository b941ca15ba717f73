package edge

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// Runtimes and trigger events of the two targets.
const (
	RuntimeCloudFrontJS = "cloudfront-js-2.0"
	RuntimeLambdaNode   = "nodejs22.x"
	LambdaHandler       = "index.handler"
	LambdaFileName      = "index.js"

	EventViewerRequest = "viewer-request"
	EventOriginRequest = "origin-request"
)

// Function is generated edge code, ready to publish (CloudFront Functions) or package
// (Lambda@Edge, see PackageLambda).
type Function struct {
	Target      string `json:"target"`
	Runtime     string `json:"runtime"`
	EventType   string `json:"eventType"`
	Handler     string `json:"handler,omitempty"` // Lambda@Edge only
	Preset      string `json:"preset"`
	OriginCount int    `json:"originCount"`
	Code        []byte `json:"-"`
	CodeSize    int    `json:"codeSize"`
	SHA256      string `json:"sha256"` // hex SHA-256 of Code (not Lambda's base64 CodeSha256 of the zip)
}

// routing is the data the generated program reads. It is the only thing that varies between
// two generated functions of the same target, and it enters the code only through jsData.
type routing struct {
	Preset  string     `json:"preset"`
	Origins []jsOrigin `json:"origins"`
}

type jsOrigin struct {
	ID     string  `json:"id"`
	Region string  `json:"region"`
	Domain string  `json:"domain,omitempty"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	// Countries lists (space-separated, sorted) the viewer countries whose representative
	// coordinate is nearest to this origin: the fallback when no latitude/longitude arrives.
	Countries string `json:"countries"`
}

const routingPlaceholder = "__CFM_ROUTING__"

// Generate validates the routing part of s and returns the function for its target. The output
// is byte-for-byte deterministic for the same input.
//
// CloudFront Functions (default target): the code calls cf.selectRequestOriginById(originId), so
// EVERY candidate origin must be defined in the distribution with Id == originId (each with its
// own S3 origin access control); the planner creates those origins. Lambda@Edge: the code rewrites
// request.origin.s3 to the bucket's regional endpoint and signs the request itself (see doc.go for
// why OAC cannot be kept there). Both need ForwardedHeaders(target) in the behavior's origin
// request policy, or every viewer silently lands on the default origin.
func Generate(s Spec) (Function, error) {
	v := &domain.ValidationError{}
	validateRouting(v, s)
	if err := v.OrNil(); err != nil {
		return Function{}, err
	}
	target := targetName(s)
	data, err := jsData(buildRouting(s, target == domain.EdgeTargetLambdaEdge))
	if err != nil {
		return Function{}, err
	}
	fn := Function{Target: target, Preset: presetName(s), OriginCount: len(s.Origins.All())}
	var tmpl string
	switch target {
	case domain.EdgeTargetLambdaEdge:
		fn.Runtime, fn.EventType, fn.Handler, tmpl = RuntimeLambdaNode, EventOriginRequest, LambdaHandler, lambdaEdgeTemplate
	default:
		fn.Runtime, fn.EventType, tmpl = RuntimeCloudFrontJS, EventViewerRequest, cloudFrontFunctionTemplate
	}
	fn.Code = bytes.Replace([]byte(tmpl), []byte(routingPlaceholder), data, 1)
	fn.CodeSize = len(fn.Code)
	sum := sha256.Sum256(fn.Code)
	fn.SHA256 = hex.EncodeToString(sum[:])
	if target == domain.EdgeTargetCloudFrontFunction && fn.CodeSize > CloudFrontFunctionMaxCodeBytes {
		return Function{}, fmt.Errorf("generate %s function with %d origins: %w", target, fn.OriginCount,
			&SizeLimitError{Target: target, What: "code", Size: fn.CodeSize, Limit: CloudFrontFunctionMaxCodeBytes})
	}
	return fn, nil
}

func buildRouting(s Spec, withDomain bool) routing {
	all := s.Origins.All()
	pts := make([]point, len(all))
	out := routing{Preset: presetName(s), Origins: make([]jsOrigin, len(all))}
	for i, o := range all {
		r, _ := LookupRegion(o.Region)
		pts[i] = point{r.Latitude, r.Longitude}
		out.Origins[i] = jsOrigin{ID: o.OriginID, Region: o.Region, Lat: r.Latitude, Lon: r.Longitude}
		if withDomain {
			out.Origins[i].Domain = o.BucketName + ".s3." + o.Region + ".amazonaws.com"
		}
	}
	byOrigin := make([][]string, len(all))
	for code, p := range countries {
		i := nearest(p.lat, p.lon, pts)
		byOrigin[i] = append(byOrigin[i], code)
	}
	for i := range byOrigin {
		sort.Strings(byOrigin[i])
		out.Origins[i].Countries = strings.Join(byOrigin[i], " ")
	}
	return out
}
