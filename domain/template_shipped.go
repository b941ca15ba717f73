package domain

import "time"

// ShippedTemplateOwner owns the templates the product ships: any developer may apply them,
// only admins may change them.
const ShippedTemplateOwner = "cloudfront-manager"

// Managed CloudFront policies the shipped templates use.
const (
	// OriginRequestPolicyAllViewerExceptHostHeader forwards every viewer header, cookie and
	// query string except Host (API Gateway and Lambda function URLs answer a foreign Host
	// with 403).
	OriginRequestPolicyAllViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
)

// SPA + API template: its id and the origin ids its behaviors target.
const (
	TemplateSPAAPI  = PrefixTemplate + "spa-api"
	SPAOriginID     = "site"
	SPAAPIOriginID  = "api"
	spaAllMethods   = 7
	spaErrorMinTTLs = 10
)

// ShippedTemplates are the templates every installation has, in the order they are listed.
// Applying one needs the origins: {"Origins": {"Items": [{"Id": "site", "DomainName":
// "<managed bucket>.s3.<region>.amazonaws.com"}, {"Id": "api", "DomainName": "<api host>",
// "CustomOriginConfig": {}}]}}.
func ShippedTemplates(now time.Time) []Template {
	all := []string{"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
	spa := Template{ID: TemplateSPAAPI, Name: "SPA + API", Category: "Web", Owner: ShippedTemplateOwner,
		Description: "A single-page app on an S3 origin through its Origin Access Control, /api/* to a custom origin " +
			"(ALB, API Gateway, Lambda function URL) with caching disabled and every viewer header but Host forwarded, " +
			"403/404 answered with /index.html and 200 (client-side routing), and the platform team's security-headers preset " +
			"(HSTS, its Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy) on both behaviors. " +
			"Apply it with the origins \"site\" (a managed S3 origin) and \"api\" (a custom origin).",
		Features: []string{"SPA", "API", "OAC", "Security headers", "HTTPS", "Compression"},
		Config: DistributionConfig{
			DefaultRootObject: "index.html",
			DefaultCacheBehavior: &CacheBehavior{TargetOriginId: SPAOriginID, ViewerProtocolPolicy: "redirect-to-https",
				CachePolicyId: CachePolicyCachingOptimized, ResponseHeadersPolicyId: ResponseHeadersSecurityRef},
			CacheBehaviors: &CacheBehaviors{Quantity: 1, Items: []PathCacheBehavior{{PathPattern: "/api/*", CacheBehavior: CacheBehavior{
				TargetOriginId: SPAAPIOriginID, ViewerProtocolPolicy: "https-only",
				AllowedMethods: &AllowedMethods{Quantity: spaAllMethods, Items: all, CachedMethods: NewStringList("GET", "HEAD")},
				CachePolicyId:  CachePolicyCachingDisabled, OriginRequestPolicyId: OriginRequestPolicyAllViewerExceptHostHeader,
				ResponseHeadersPolicyId: ResponseHeadersSecurityRef}}}},
			CustomErrorResponses: &CustomErrorResponses{Quantity: 2, Items: []CustomErrorResponse{
				{ErrorCode: 403, ResponsePagePath: "/index.html", ResponseCode: "200", ErrorCachingMinTTL: spaErrorMinTTLs},
				{ErrorCode: 404, ResponsePagePath: "/index.html", ResponseCode: "200", ErrorCachingMinTTL: spaErrorMinTTLs},
			}},
		},
		CreatedAt: now, UpdatedAt: now}
	return []Template{spa}
}
