package edge

import "github.com/cloudfront-manager/cfm/domain"

// viewerLocationHeaders are the CloudFront-generated headers the routing code reads.
var viewerLocationHeaders = []string{
	"CloudFront-Viewer-Country",
	"CloudFront-Viewer-Latitude",
	"CloudFront-Viewer-Longitude",
}

// ForwardedHeaders returns the CloudFront headers that the cache behavior running the function
// must include in its ORIGIN REQUEST POLICY (HeaderBehavior "whitelist" or
// "allViewerAndWhitelistCloudFront" listing them). CloudFront adds these headers only when a
// policy asks for them; without them every viewer silently goes to the default origin.
//
//   - Lambda@Edge origin-request: the function sees exactly the headers of the origin request,
//     i.e. those of the origin request policy (and cache policy).
//   - CloudFront Functions viewer-request: the geolocation headers appear in the function's
//     request object only when they are allowed in the behavior's origin request policy or cache
//     policy (aws-samples/amazon-cloudfront-functions, select-origin-based-on-country/README.md,
//     citing "Adding CloudFront request headers"). Use the origin request policy, not the cache
//     policy, so the cache key (and hit ratio) does not fragment by viewer location.
//
// It returns nil for an unknown target.
func ForwardedHeaders(target string) []string {
	switch target {
	case "", domain.EdgeTargetCloudFrontFunction, domain.EdgeTargetLambdaEdge:
		return append([]string(nil), viewerLocationHeaders...)
	}
	return nil
}
