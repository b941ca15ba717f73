// Package edge generates the edge routing functions that send each viewer to the nearest S3
// origin, for two targets from one routing model:
//
//   - CloudFront Functions (JavaScript runtime 2.0, viewer-request), the default target. The code
//     calls cf.selectRequestOriginById(originId) from the 'cloudfront' module. That helper switches
//     to an origin already defined in the distribution and uses all of that origin's settings, so
//     each bucket keeps its own origin access control (OAC) and stays private. Every candidate
//     origin must therefore exist in the distribution with Id == originId; the planner creates
//     them. Source: Amazon CloudFront Developer Guide, "Helper methods for origin modification"
//     (AmazonCloudFront/latest/DeveloperGuide/helper-functions-origin-modification.html).
//
//   - Lambda@Edge (nodejs22.x, origin-request), kept for parity with the seed API. AWS documents
//     no way to keep OAC when a Lambda@Edge function points the request at a different bucket:
//     "OAC doesn't support origin redirect by using Lambda@Edge" (Developer Guide, "Restrict
//     access to an Amazon S3 origin", private-content-restricting-access-to-s3.html, Notes), and
//     the origin-request event's s3.authMethod accepts only "origin-access-identity" (legacy OAI,
//     which this product does not use) or "none" ("Lambda@Edge event structure",
//     lambda-event-structure.html). So the generated handler sets authMethod "none", uses the
//     bucket's regional REST endpoint (bucket.s3.<region>.amazonaws.com), sets Host, drops
//     viewer-supplied x-amz-* headers and signs the request itself with SigV4 (service s3, the
//     bucket's region) using its execution role's temporary credentials. Buckets stay private:
//     each bucket policy must allow s3:GetObject to the edge execution role, and the behavior's
//     default origin must not have an OAC that re-signs the request.
//
// Routing: the viewer's CloudFront-Viewer-Latitude/-Longitude choose the origin whose region is
// nearest by great-circle distance; without usable coordinates CloudFront-Viewer-Country is mapped
// through a country table to its nearest origin; otherwise the default origin is used. CloudFront
// adds those headers only when the behavior's origin request policy lists them (ForwardedHeaders).
//
// Safety: routing data enters the generated code only as JSON (json.Marshal, plus escaping of
// U+2028, U+2029 and "</"); bucket names, regions and origin ids are validated first. The output is
// deterministic for the same input.
package edge
