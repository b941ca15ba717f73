// Generated from the OpenAPI document by scripts/gen-api.mjs (npm run gen:api). Do not edit.

export interface paths {
    "/api/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ACM certificates in us-east-1 that CloudFront can use (ISSUED, supported key type). Every group can read. */
        get: operations["listCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/certificates/{arn}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The certificate ARN, URL-encoded (arn%3Aaws%3Aacm%3Aus-east-1%3A...%3Acertificate%2F...). */
                arn: string;
            };
            cookie?: never;
        };
        /** Describe one certificate, whatever its status */
        get: operations["getCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/distributions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List distributions, newest first */
        get: operations["listDistributions"];
        put?: never;
        /**
         * Create a distribution (asynchronous)
         * @description With ?dryRun=true nothing is written: the answer is 200 with the exact DistributionConfig that would be applied (CallerReference empty: it becomes the operation id) and its changes against nothing.
         */
        post: operations["createDistribution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/distributions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Get one distribution */
        get: operations["getDistribution"];
        /**
         * Change a distribution (asynchronous): owner or admin
         * @description config is a JSON merge patch (RFC 7396) over the current desired config: objects merge, lists and scalars replace, null removes; a list whose Items are set without Quantity gets the new count. The merged request is re-planned through the guardrail policy with the same CallerReference. 202 with an operation when CloudFront must change; 200 without an operation when nothing changes in CloudFront (a rename alone is recorded at once); 409 while another operation owns the distribution. ?dryRun=true answers 200 with the exact config and its changes and writes nothing. On a multi-origin distribution the config patch changes name, comment, price class, aliases, certificate and cache settings (its origins and the origin request policy are the product's); multiOriginConfig replaces the routing: adding or removing an additional origin regenerates and publishes the routing function (cloudfront-function target; a lambda-edge routing cannot change), lists the distribution in the new origins' bucket policies before the config is sent and removes it from the dropped ones' after it is deployed. isMultiOrigin and the target cannot change.
         */
        put: operations["updateDistribution"];
        post?: never;
        /**
         * Delete a distribution (asynchronous): owner or admin
         * @description The worker disables the distribution, waits until it is Deployed, deletes it, runs the cleanup steps and removes the record. The history stays readable. 409 while another operation owns the distribution.
         */
        delete: operations["deleteDistribution"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/distributions/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** A distribution's audit trail, newest first (also after it was deleted) */
        get: operations["getDistributionHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/distributions/{id}/invalidate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invalidate cached paths (asynchronous): owner or admin
         * @description The operation's result carries invalidationId, status and paths (a JSON array) once CloudFront accepted it. When CloudFront's in-progress quota (3000 file paths, 15 wildcard paths per distribution) is full, the operation waits for room; it does not fail. A callerReference is sent to CloudFront as is: the same reference with the same paths answers the same operation, with other paths 409.
         */
        post: operations["invalidateDistribution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/distributions/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Deployment status and estimated progress */
        get: operations["getDistributionStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lambda-edge/functions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List routing functions, newest first */
        get: operations["listEdgeFunctions"];
        put?: never;
        /** Generate and deploy a standalone routing function (asynchronous; Lambda@Edge unless target says otherwise) */
        post: operations["createEdgeFunction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lambda-edge/functions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Get one routing function */
        get: operations["getEdgeFunction"];
        put?: never;
        post?: never;
        /** Delete a routing function no distribution uses (asynchronous; a Lambda@Edge deletion waits until CloudFront has removed its replicas, which can take hours) */
        delete: operations["deleteEdgeFunction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lambda-edge/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The routing presets and the origin sets each accepts */
        get: operations["listEdgePresets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/lambda-edge/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate a routing function's code without deploying anything */
        post: operations["previewEdgeFunction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operations, most recently updated first, optionally filtered
         * @description Each filter reads its own index (resourceId, then actor, then status picks it; none lists every operation), never the whole table. The remaining filters apply to the page that index returned, so a page may hold fewer items than limit while nextCursor is not empty: follow nextCursor until it is.
         */
        get: operations["listOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Get an operation: steps, attempts, last error, result */
        get: operations["getOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/origins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List managed S3 origins, newest first */
        get: operations["listOrigins"];
        put?: never;
        /** Create a managed S3 origin (asynchronous): a private bucket (public access blocked, BucketOwnerEnforced) in the region, its CORS / website settings, one Origin Access Control, and a bucket-policy statement (Sid CloudFrontManagerOAC) that lists exactly the distributions using it. Admins and developers. */
        post: operations["createOrigin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/origins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Get one origin with the distributions using it and what its bucket policy allows */
        get: operations["getOrigin"];
        /** Change an origin's name (metadata) and CORS / website settings (asynchronous). Owner or admin; the origin must be Active. */
        put: operations["updateOrigin"];
        post?: never;
        /** Delete an origin (asynchronous): its bucket, its OAC and its record. 409 while a distribution uses it, and 409 (naming force) when the bucket holds objects and force is not true: objects are never deleted silently. Owner or admin. */
        delete: operations["deleteOrigin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates, newest first, optionally of one category */
        get: operations["listTemplates"];
        put?: never;
        /** Save a template (synchronous). The owner (createdBy) is the caller. The config is planned now under the guardrail policy; a template without origins is allowed (the apply overrides bring them) and is checked with a placeholder origin. */
        post: operations["createTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** Get one template */
        get: operations["getTemplate"];
        /** Change a template (its owner or an admin). Fields present replace the stored ones (config as a whole). With version, a stale version is a 409; a concurrent update that wins first also makes this one a 409. */
        put: operations["updateTemplate"];
        post?: never;
        /** Delete a template (its owner or an admin). Distributions made from it keep their templateId. */
        delete: operations["deleteTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a distribution from the template (asynchronous; the template's owner or an admin, and any developer for the shipped template tmpl-spa-api, written at startup). The overrides are deep-merged over the template's config (objects key by key, other values replace; a null is a 400: leave the member out) and planned exactly like POST /api/distributions. */
        post: operations["applyTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Ordered path behaviors: the first whose PathPattern matches wins; the default behavior serves the rest. At most the policy's maxCacheBehaviors (422 rule maxCacheBehaviors); each obeys the default behavior's viewer-protocol, cache-policy, compression and method rules. Function associations are the product's (a request giving one is a 422). */
        CacheBehaviors: {
            Items?: components["schemas"]["PathCacheBehavior"][];
            Quantity: number;
        };
        Certificate: {
            certificateArn: string;
            /** @description Detail only */
            certificateTransparencyLoggingPreference?: string;
            /** Format: date-time */
            createdAt?: string;
            domainName: string;
            /** @description Detail only: how each name is validated; for DNS validation resourceRecord is the CNAME to create. */
            domainValidationOptions?: {
                domainName: string;
                resourceRecord?: {
                    name: string;
                    type: string;
                    value: string;
                };
                validationDomain?: string;
                validationMethod?: string;
                validationStatus?: string;
            }[];
            /** @description Detail only, e.g. TLS_WEB_SERVER_AUTHENTICATION */
            extendedKeyUsages?: string[];
            inUse?: boolean;
            /** Format: date-time */
            issuedAt?: string;
            /** @description Detail only */
            issuer?: string;
            keyAlgorithm?: string;
            /** @description Detail only, e.g. DIGITAL_SIGNATURE, KEY_ENCIPHERMENT */
            keyUsages?: string[];
            /** Format: date-time */
            notAfter?: string;
            /** Format: date-time */
            notBefore?: string;
            /** @description Detail only */
            renewalEligibility?: string;
            /** @description Detail only */
            serial?: string;
            status: string;
            /** @description Detail only */
            subject?: string;
            subjectAlternativeNames: string[];
            type?: string;
        };
        Change: {
            /** @description the old value; absent when the field is new */
            from?: unknown;
            /** @description e.g. DefaultCacheBehavior.ViewerProtocolPolicy or Origins.Items[0].DomainName */
            path: string;
            /** @description the new value; absent when the field is removed */
            to?: unknown;
        };
        ConfigPlan: {
            changes: components["schemas"]["Change"][];
            config: components["schemas"]["DistributionConfig"];
        };
        CORSConfiguration: {
            allowedHeaders?: string[];
            /** @description OPTIONS is accepted and dropped: S3 answers preflight requests itself. At least one other method is required when enabled. */
            allowedMethods?: ("GET" | "HEAD" | "PUT" | "POST" | "DELETE" | "OPTIONS")[];
            /** @description "*" or http(s) origins such as https://example.com (one leading *. wildcard label allowed). Required when enabled. */
            allowedOrigins?: string[];
            enabled: boolean;
            maxAgeSeconds?: number;
        };
        /** @description The CORS preset: Access-Control-* headers CloudFront answers with (OriginOverride on). */
        CorsPreset: {
            AllowCredentials?: boolean;
            /** @description default * */
            AllowHeaders?: string[];
            /** @description default GET, HEAD, OPTIONS */
            AllowMethods?: ("GET" | "HEAD" | "OPTIONS" | "PUT" | "PATCH" | "POST" | "DELETE" | "ALL")[];
            AllowOrigins: string[];
            ExposeHeaders?: string[];
            /** @description Access-Control-Max-Age (default 600) */
            MaxAgeSeconds?: number;
        };
        /** @description Headers CloudFront adds to every request to the origin, typically the shared secret that locks the origin to CloudFront. The values are secrets: applied to CloudFront, never logged, and shown as ******** in every answer, dry-run diff, drift report and history entry after the request. An update that sends ******** back for a header of the same origin keeps the stored value. */
        CustomHeaders: {
            Items?: {
                HeaderName: string;
                /** @description write-only; answers show ******** */
                HeaderValue: string;
            }[];
            Quantity: number;
        };
        /** @description A custom (HTTP) origin: an ALB, API Gateway, a Lambda function URL or any HTTPS host. The DomainName must match the policy's allowedOriginDomains (422 rule allowedOriginDomains); with requireOriginHttpsOnly the protocol policy must be https-only (default); every OriginSslProtocols entry must be at least minimumOriginSslProtocol (default list: TLSv1.2); timeouts at most maxOriginReadTimeout / maxOriginKeepaliveTimeout (defaults 30 and 5 are written out). */
        CustomOriginConfig: {
            /** @default 80 */
            HTTPPort: number;
            /** @default 443 */
            HTTPSPort: number;
            OriginKeepaliveTimeout?: number;
            /**
             * @default https-only
             * @enum {string}
             */
            OriginProtocolPolicy: "http-only" | "match-viewer" | "https-only";
            OriginReadTimeout?: number;
            OriginSslProtocols?: components["schemas"]["StringList"];
        };
        /** @description A custom policy: headers CloudFront adds to every response of the behaviors that use cfm:custom (allowed by the guardrail responseHeaders.allowCustom). */
        CustomResponseHeaders: {
            Headers: {
                Header: string;
                /** @description replace the origin's header of that name (default false: keep it) */
                Override?: boolean;
                Value: string;
            }[];
            /** @description also add the platform team's security headers (always on with requireSecurityHeaders) */
            SecurityHeaders?: boolean;
        };
        Distribution: components["schemas"]["DistributionSummary"] & {
            arn?: string;
            /** @description The update operations the owning operation's UpdateDistribution carries (itself first). */
            carrying?: string[];
            config: components["schemas"]["DistributionConfig"];
            /** @description Present while the distribution is drifted: what changed outside this product (from = last applied, to = live). */
            drift?: {
                actor: string;
                changes: {
                    from?: unknown;
                    path: string;
                    to?: unknown;
                }[];
                cloudfrontId: string;
                deletedOutside?: boolean;
                /** Format: date-time */
                detectedAt: string;
                distributionId: string;
                eventId?: string;
                eventName: string;
                version?: number;
            };
            drifted: boolean;
            lambdaEdgeFunctionId?: string;
            multiOriginConfig?: components["schemas"]["MultiOriginConfig"];
            operationId?: string;
            originIds?: string[];
            /** @description Update operations accepted while an earlier change deploys, in order; their merge patches are in config and the next UpdateDistribution carries them all. */
            queuedUpdates?: string[];
            templateId?: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        DistributionChange: {
            /** @description JSON merge patch over the current DistributionConfig (CloudFront's shape). */
            config?: Record<string, never>;
            isMultiOrigin?: boolean;
            multiOriginConfig?: components["schemas"]["MultiOriginConfig"];
            name?: string;
        };
        /** @description CloudFront DistributionConfig in CloudFront's JSON shape (Quantity/Items lists). Values the request leaves out are filled from the guardrail policy. */
        DistributionConfig: {
            Aliases?: components["schemas"]["StringList"];
            CacheBehaviors?: components["schemas"]["CacheBehaviors"];
            /** @description Set by the service (the create's operation id); leave it empty or send it unchanged. */
            CallerReference?: string;
            Comment?: string;
            /** @description Replaces origin errors with custom pages; applied as sent. */
            CustomErrorResponses?: {
                Items?: {
                    /** @description Seconds; 0 when omitted. */
                    ErrorCachingMinTTL?: number;
                    /** @enum {integer} */
                    ErrorCode: 400 | 403 | 404 | 405 | 414 | 416 | 500 | 501 | 502 | 503 | 504;
                    /** @enum {string} */
                    ResponseCode?: "200" | "400" | "403" | "404" | "405" | "414" | "416" | "500" | "501" | "502" | "503" | "504";
                    /** @description Sent together with ResponseCode. */
                    ResponsePagePath?: string;
                }[];
                /** @description Must equal the number of Items. */
                Quantity: number;
            };
            DefaultCacheBehavior?: {
                AllowedMethods?: Record<string, never>;
                /** @description One of the guardrail policy's cachePolicyIds (the embedded default allows the managed CachingOptimized 658327ea-f89d-4fab-a63d-7e88639e58f6, the default, and CachingDisabled 4135ea2d-6df8-44a3-9df3-4b5a84be39ad); another id is a 422 (rule cachePolicyIds). */
                CachePolicyId?: string;
                Compress?: boolean;
                FunctionAssociations?: Record<string, never>;
                LambdaFunctionAssociations?: Record<string, never>;
                OriginRequestPolicyId?: string;
                /** @description The behavior's response headers policy: cfm:security-headers (the platform team's security-headers preset: HSTS, its Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy), cfm:cors (config.ResponseHeadersPolicies.Cors), cfm:custom (config.ResponseHeadersPolicies.Custom), or a CloudFront policy id the guardrail responseHeaders.allowedPolicyIds lists. Absent: the guardrail's responseHeaders.default. The product creates (or finds by name) the CloudFront policy behind a cfm: reference when it applies the config; the live and applied configs hold its id. With responseHeaders.requireSecurityHeaders every behavior gets the security headers (cfm:cors and cfm:custom include them) and another id is a 422. */
                ResponseHeadersPolicyId?: string;
                TargetOriginId?: string;
                /**
                 * @description CloudFront's values (another is a 400); one the policy's viewerProtocolPolicies does not list is a 422. Default: the policy's first.
                 * @enum {string}
                 */
                ViewerProtocolPolicy?: "allow-all" | "https-only" | "redirect-to-https";
            };
            DefaultRootObject?: string;
            Enabled?: boolean;
            /**
             * @description CloudFront's values (another is a 400); one the policy's httpVersions does not list is a 422. Default: the policy's first.
             * @enum {string}
             */
            HttpVersion?: "http1.1" | "http2" | "http3" | "http2and3";
            IsIPV6Enabled?: boolean;
            Logging?: Record<string, never>;
            OriginGroups?: components["schemas"]["OriginGroups"];
            Origins?: {
                Items?: {
                    /** @description How often CloudFront tries to connect to the origin (default 3). */
                    ConnectionAttempts?: number;
                    /** @description Seconds CloudFront waits for a connection (default 10). */
                    ConnectionTimeout?: number;
                    CustomHeaders?: components["schemas"]["CustomHeaders"];
                    CustomOriginConfig?: components["schemas"]["CustomOriginConfig"];
                    DomainName?: string;
                    Id?: string;
                    /** @description Set by the product for a managed origin; must be empty (or the managed origin's own) in a request. A Lambda function URL origin shows cfm:lambda-url under the guardrail lambdaUrlOac: the product's OAC of origin type lambda, whose id the applied config holds. */
                    OriginAccessControlId?: string;
                    OriginPath?: string;
                    S3OriginConfig?: {
                        OriginAccessIdentity?: string;
                    };
                }[];
                Quantity?: number;
            };
            /**
             * @description CloudFront's values (another is a 400); one the policy's priceClasses does not list is a 422. Default: the policy's first.
             * @enum {string}
             */
            PriceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
            ResponseHeadersPolicies?: components["schemas"]["ResponseHeadersPolicies"];
            Restrictions?: components["schemas"]["Restrictions"];
            Tags?: components["schemas"]["DistributionTags"];
            /** @description With aliases: an ACM certificate in us-east-1 (SSLSupportMethod, MinimumProtocolVersion under the guardrails). Without aliases the *.cloudfront.net certificate is used: CloudFrontDefaultCertificate may only be true, MinimumProtocolVersion only TLSv1 and SSLSupportMethod must be left out (a 400 naming the field otherwise). */
            ViewerCertificate?: {
                ACMCertificateArn?: string;
                CloudFrontDefaultCertificate?: boolean;
                /** @enum {string} */
                MinimumProtocolVersion?: "SSLv3" | "TLSv1" | "TLSv1_2016" | "TLSv1.1_2016" | "TLSv1.2_2018" | "TLSv1.2_2019" | "TLSv1.2_2021" | "TLSv1.3_2025";
                /** @enum {string} */
                SSLSupportMethod?: "sni-only" | "vip" | "static-ip";
            };
            /** @description A WAFv2 web ACL ARN with scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>). With the policy's requiredWebAclId, absent means that ACL and another one is a 422 (rule requiredWebAclId). */
            WebACLId?: string;
        };
        /** @description A single-origin request (origins in config) or a multi-origin one (isMultiOrigin true, managed origins in multiOriginConfig, no config.Origins). */
        DistributionRequest: components["schemas"]["SingleOriginDistributionRequest"] | components["schemas"]["MultiOriginDistributionRequest"];
        /** @enum {string} */
        DistributionStatus: "Creating" | "InProgress" | "Deployed" | "Updating" | "Deleting" | "Deleted" | "Failed";
        DistributionSummary: {
            cloudfrontId?: string;
            /** Format: date-time */
            createdAt: string;
            domainName?: string;
            id: string;
            isMultiOrigin: boolean;
            name: string;
            owner: string;
            status: components["schemas"]["DistributionStatus"];
        };
        /** @description Product extension (not a CloudFront DistributionConfig field): the distribution's tags, applied on create and update (TagResource/UntagResource) and compared in drift detection. In an update, a merge patch sets keys and null removes one. The guardrail requiredTags lists the tags every distribution must have and their allowed values (422 naming config.Tags.<key>). ManagedBy and keys starting with cfm: or aws: are the product's or AWS's (400). A key is 1-128 characters of letters, digits, spaces and _ . : / = + - @; a value at most 256 of them. */
        DistributionTags: {
            [key: string]: string;
        };
        EdgeFunction: components["schemas"]["EdgeFunctionSummary"] & {
            /** @description CloudFront distribution ARNs */
            associatedDistributions: string[];
            /** @description Hex SHA-256 of the generated code */
            codeSha256?: string;
            codeSize: number;
            /** @description MB (Lambda@Edge only) */
            memorySize?: number;
            operationId?: string;
            runtime?: string;
            /** @description Seconds (Lambda@Edge only) */
            timeout?: number;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        /** @description What a replayed function delete (same caller, same Idempotency-Key) shows once the function is gone: its id and status Deleted, with the original operation. */
        EdgeFunctionGone: {
            functionId: string;
            /** @enum {string} */
            status: "Deleted";
        };
        EdgeFunctionPreview: {
            /** @description Code bytes (CloudFront Functions) or zip bytes (Lambda@Edge) */
            estimatedSize: number;
            /** @enum {string} */
            eventType: "viewer-request" | "origin-request";
            functionCode: string;
            originCount: number;
            /** @enum {string} */
            preset: "geographic" | "global-3-region" | "global-three" | "asia-us";
            /** @description Headers the behavior's origin request policy must forward */
            requiredHeaders: string[];
            runtime: string;
            sizeLimit: number;
            /** @enum {string} */
            target: "cloudfront-function" | "lambda-edge";
        };
        EdgeFunctionPreviewRequest: {
            origins: components["schemas"]["RoutingOrigins"];
            /**
             * @default geographic
             * @enum {string}
             */
            preset: "geographic" | "global-3-region" | "global-three" | "asia-us";
            /**
             * @default lambda-edge
             * @enum {string}
             */
            target: "cloudfront-function" | "lambda-edge";
        };
        EdgeFunctionRequest: {
            /** @description Base name; a hyphen and 8 characters of the function id are appended */
            name: string;
            origins: components["schemas"]["RoutingOrigins"];
            /**
             * @description See GET /api/lambda-edge/presets
             * @default geographic
             * @enum {string}
             */
            preset: "geographic" | "global-3-region" | "global-three" | "asia-us";
            /**
             * @default lambda-edge
             * @enum {string}
             */
            target: "cloudfront-function" | "lambda-edge";
        };
        EdgeFunctionSummary: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            functionArn?: string;
            functionId: string;
            functionName: string;
            origins: components["schemas"]["RoutingOrigins"];
            /** @enum {string} */
            preset: "geographic" | "global-3-region" | "global-three" | "asia-us";
            /** @enum {string} */
            status: "Creating" | "Active" | "Deleting" | "Failed";
            /** @enum {string} */
            target: "cloudfront-function" | "lambda-edge";
            /** @description Numbered Lambda version ARN (Lambda@Edge only) */
            versionArn?: string;
        };
        EdgePreset: {
            description: string;
            maxOrigins: number;
            minOrigins: number;
            /** @enum {string} */
            name: "geographic" | "global-3-region" | "global-three" | "asia-us";
            zones?: string[];
        };
        Error: {
            error: {
                code: string;
                fields?: {
                    field: string;
                    message: string;
                }[];
                message: string;
                rule?: string;
            };
            message?: string;
            /** @enum {boolean} */
            success: false;
        };
        HistoryEntry: {
            /** @description e.g. CreateRequested, Deployed, UpdateRequested, Updated, Renamed, DeleteRequested, Disabled, Deleted, InvalidationRequested, Invalidated, Failed */
            action: string;
            actor: string;
            /** Format: date-time */
            at: string;
            changes?: components["schemas"]["Change"][];
            id: string;
            message?: string;
            operationId?: string;
            resourceId: string;
        };
        InvalidationAccepted: {
            callerReference?: string;
            distributionId: string;
            invalidationId?: string;
            operation: components["schemas"]["OperationRef"];
            paths: string[];
            /** @description Accepted until the worker created it; then CloudFront's InProgress or Completed */
            status: string;
        };
        InvalidationRequest: {
            callerReference?: string;
            /** @description Each starts with /; * only as the last character; printable, URL-encoded. */
            paths: string[];
        };
        MultiOriginConfig: {
            /** @description Managed origin ids besides the default, each once. */
            additionalOriginIds: string[];
            /** @description A managed origin id (GET /api/origins). */
            defaultOriginId: string;
            /** @enum {string} */
            preset?: "geographic" | "global-3-region" | "global-three" | "asia-us";
            /** @enum {string} */
            target?: "cloudfront-function" | "lambda-edge";
        };
        /** Multi-origin */
        MultiOriginDistributionRequest: {
            /** @description Settings besides the origins (config.Origins must be left out: the product makes one origin per managed origin). */
            config?: components["schemas"]["DistributionConfig"];
            /** @enum {boolean} */
            isMultiOrigin: true;
            multiOriginConfig: components["schemas"]["MultiOriginConfig"];
            name: string;
        };
        Operation: {
            actor: string;
            /** @description The worker's passes so far: every execution of the operation and every failed deployment check. The operation fails after 40, or after 5 in a row failing with the same non-transient error. */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deadline: string;
            id: string;
            kind: string;
            /** @description The error of the latest failed pass, shown while the operation is retried; once Failed, the reason it failed. */
            lastError?: string;
            resourceId: string;
            resourceType: string;
            result?: components["schemas"]["OperationResult"];
            status: components["schemas"]["OperationStatus"];
            steps: {
                /** Format: date-time */
                at: string;
                detail?: string;
                name: string;
                status: string;
            }[];
            /** Format: date-time */
            updatedAt: string;
        };
        OperationRef: {
            id: string;
            kind: string;
            status: components["schemas"]["OperationStatus"];
        };
        /** @description What the operation produced; its shape depends on kind (one schema per kind). */
        OperationResult: {
            arn: string;
            /** @description The update whose UpdateDistribution applied this one's change (update coalescing). */
            carriedBy?: string;
            cloudfrontId: string;
            /** @description The updates, in order, whose merge patches went into the one UpdateDistribution this operation rode on. */
            combinedOperations?: string[];
            domainName: string;
        } | {
            cloudfrontId?: string;
            distributionId: string;
        } | {
            callerReference: string;
            cloudfrontId: string;
            /** @description How many invalidation requests the one CreateInvalidation covered. */
            coalescedRequests?: number;
            invalidationId: string;
            paths: string[];
            status: string;
        } | {
            cloudfrontId: string;
            /** @enum {string} */
            status: "Queued";
        } | {
            bucketUrl: string;
            oacId: string;
            originId: string;
        } | {
            originId: string;
        } | {
            bucketName: string;
            originId: string;
        } | {
            functionArn: string;
            functionId: string;
            functionName: string;
            versionArn?: string;
        } | {
            functionId: string;
            functionName: string;
        };
        /** @enum {string} */
        OperationStatus: "Accepted" | "Running" | "Succeeded" | "Failed";
        Origin: {
            /** @description How CloudFront reaches the bucket. */
            access: string;
            /** @description The bucket existed before and was adopted (POST /api/origins with adopt: true); deleting the origin keeps it. */
            adopted?: boolean;
            /** @description Product ids of those distributions, including ones not yet created in CloudFront. */
            associatedDistributionIds?: string[];
            /** @description ARNs of the distributions using the origin (the AWS:SourceArn list of the bucket policy). */
            associatedDistributions: string[];
            bucketName: string;
            /** @description Only on GET /api/origins/{id}; absent when the policy could not be read. */
            bucketPolicy?: {
                hasOacAccess?: boolean;
                hasOaiAccess?: boolean;
            };
            /** @description https:// + the regional REST endpoint */
            bucketUrl: string;
            corsConfiguration?: components["schemas"]["CORSConfiguration"];
            /** Format: date-time */
            createdAt?: string;
            name: string;
            oacId?: string;
            operationId?: string;
            /** @description The domain CloudFront uses: <bucket>.s3.<region>.amazonaws.com */
            originDomain?: string;
            originId: string;
            owner: string;
            region: components["schemas"]["Region"];
            /** @enum {string} */
            status: "Creating" | "Active" | "Updating" | "Deleting" | "Failed";
            /** Format: date-time */
            updatedAt?: string;
            version?: number;
            websiteHosting?: components["schemas"]["WebsiteHosting"];
        };
        /** @description What a replayed origin update or delete (same caller, same Idempotency-Key) shows once the origin is gone: its id and status Deleted, with the original operation. */
        OriginGone: {
            originId: string;
            /** @enum {string} */
            status: "Deleted";
        };
        /** @description Failover groups: a primary and a secondary origin (e.g. buckets in two regions). At most the policy's maxOriginGroups (422 rule maxOriginGroups). A behavior (default or path) may target a group id; it may then allow only GET, HEAD and OPTIONS. */
        OriginGroups: {
            Items?: {
                FailoverCriteria?: {
                    StatusCodes?: {
                        /** @description default 500, 502, 503, 504 */
                        Items?: (400 | 403 | 404 | 416 | 500 | 502 | 503 | 504)[];
                        Quantity?: number;
                    };
                };
                /** @description distinct from every origin id */
                Id: string;
                Members: {
                    /** @description the primary first */
                    Items?: {
                        OriginId: string;
                    }[];
                    /** @enum {integer} */
                    Quantity?: 2;
                };
            }[];
            Quantity: number;
        };
        OriginRequest: {
            /**
             * @description Take over an existing bucket of this account instead of creating one: the product creates the origin's OAC and merges its own bucket-policy statement (Sid CloudFrontManagerOAC) next to the owner's statements, which it never replaces. The bucket's website and CORS settings change only when this request gives them. Deleting an adopted origin removes the OAC and the product's statement and never deletes the bucket or its objects. A bucket that does not exist fails the operation.
             * @default false
             */
            adopt: boolean;
            /** @description S3 general-purpose bucket name rules; one origin per bucket (409 otherwise). */
            bucketName: string;
            corsConfiguration?: components["schemas"]["CORSConfiguration"];
            name: string;
            region: components["schemas"]["Region"];
            websiteHosting?: components["schemas"]["WebsiteHosting"];
        };
        /** @description Fields left out keep their value (an empty object is a 400); bucketName and region cannot change. */
        OriginUpdate: {
            corsConfiguration?: components["schemas"]["CORSConfiguration"];
            name?: string;
            websiteHosting?: components["schemas"]["WebsiteHosting"];
        };
        PathCacheBehavior: {
            AllowedMethods?: {
                CachedMethods?: components["schemas"]["StringList"];
                Items?: ("GET" | "HEAD" | "OPTIONS" | "PUT" | "PATCH" | "POST" | "DELETE")[];
                Quantity?: number;
            };
            /** @description one of the policy's cachePolicyIds; default the first */
            CachePolicyId?: string;
            Compress?: boolean;
            /** @description set by the product only */
            FunctionAssociations?: Record<string, never>;
            /** @description set by the product only */
            LambdaFunctionAssociations?: Record<string, never>;
            OriginRequestPolicyId?: string;
            /** @description e.g. /api/*; distinct across behaviors */
            PathPattern: string;
            /** @description The behavior's response headers policy: cfm:security-headers (the platform team's security-headers preset: HSTS, its Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy), cfm:cors (config.ResponseHeadersPolicies.Cors), cfm:custom (config.ResponseHeadersPolicies.Custom), or a CloudFront policy id the guardrail responseHeaders.allowedPolicyIds lists. Absent: the guardrail's responseHeaders.default. The product creates (or finds by name) the CloudFront policy behind a cfm: reference when it applies the config; the live and applied configs hold its id. With responseHeaders.requireSecurityHeaders every behavior gets the security headers (cfm:cors and cfm:custom include them) and another id is a 422. */
            ResponseHeadersPolicyId?: string;
            /** @description an origin id or an origin group id */
            TargetOriginId: string;
            /**
             * @description default: the policy's first viewerProtocolPolicies
             * @enum {string}
             */
            ViewerProtocolPolicy?: "allow-all" | "https-only" | "redirect-to-https";
        };
        /**
         * @description A commercial AWS region code (edge/regions.go).
         * @enum {string}
         */
        Region: "us-east-1" | "us-east-2" | "us-west-1" | "us-west-2" | "ca-central-1" | "ca-west-1" | "mx-central-1" | "sa-east-1" | "eu-west-1" | "eu-west-2" | "eu-west-3" | "eu-central-1" | "eu-central-2" | "eu-south-1" | "eu-south-2" | "eu-north-1" | "il-central-1" | "me-south-1" | "me-central-1" | "af-south-1" | "ap-east-1" | "ap-east-2" | "ap-south-1" | "ap-south-2" | "ap-southeast-1" | "ap-southeast-2" | "ap-southeast-3" | "ap-southeast-4" | "ap-southeast-5" | "ap-southeast-6" | "ap-southeast-7" | "ap-northeast-1" | "ap-northeast-2" | "ap-northeast-3";
        /** @description Product extension (not a CloudFront field): the definitions behind cfm:cors and cfm:custom. Each becomes a CloudFront ResponseHeadersPolicy named after its content, shared by every distribution with the same definition. */
        ResponseHeadersPolicies: {
            Cors?: components["schemas"]["CorsPreset"];
            Custom?: components["schemas"]["CustomResponseHeaders"];
        };
        /** @description Geo restriction, under the policy's allowGeoRestriction (422 otherwise). RestrictionType none (or no Restrictions) restricts nothing. */
        Restrictions: {
            GeoRestriction: {
                /** @description ISO 3166-1 alpha-2 codes; stored sorted */
                Items?: string[];
                Quantity?: number;
                /**
                 * @description whitelist = allow list, blacklist = deny list
                 * @enum {string}
                 */
                RestrictionType: "none" | "whitelist" | "blacklist";
            };
        };
        RoutingOrigin: {
            bucketName: string;
            /** @description CloudFront origin id the function selects (CloudFront Functions) or a label (Lambda@Edge) */
            originId: string;
            region: components["schemas"]["Region"];
        };
        RoutingOrigins: {
            additional?: components["schemas"]["RoutingOrigin"][];
            default: components["schemas"]["RoutingOrigin"];
        };
        /** Single origin */
        SingleOriginDistributionRequest: {
            config?: components["schemas"]["DistributionConfig"];
            /**
             * @description false or left out
             * @enum {boolean}
             */
            isMultiOrigin?: false;
            name: string;
        };
        StringList: {
            Items?: string[];
            Quantity?: number;
        };
        Success: {
            message?: string;
            /** @enum {boolean} */
            success: true;
        };
        Template: {
            category: string;
            config: components["schemas"]["DistributionConfig"];
            /** Format: date-time */
            createdAt: string;
            /** @description The user who saved the template (from the token). */
            createdBy: string;
            description?: string;
            /** @description Short labels describing the template (Compression, HTTPS, Low TTL). */
            features?: string[];
            multiOriginConfig?: components["schemas"]["MultiOriginConfig"];
            name: string;
            templateId: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        TemplateApplyRequest: {
            config?: components["schemas"]["DistributionConfig"];
            name: string;
        };
        /** @description Short labels describing the template (Compression, HTTPS, Low TTL): letters, digits, spaces, '-', '_', '.', '+' and '/'; each once (case-insensitively). */
        TemplateFeatures: string[];
        /** @description At least one member (an empty object is a 400). */
        TemplatePatch: {
            category?: string;
            config?: components["schemas"]["DistributionConfig"];
            description?: string;
            features?: components["schemas"]["TemplateFeatures"];
            multiOriginConfig?: components["schemas"]["MultiOriginConfig"];
            name?: string;
            /** @description The version the change is based on; a stale one is a 409. */
            version?: number;
        };
        TemplateRequest: {
            /** @default General */
            category: string;
            config?: components["schemas"]["DistributionConfig"];
            description?: string;
            features?: components["schemas"]["TemplateFeatures"];
            multiOriginConfig?: components["schemas"]["MultiOriginConfig"];
            name: string;
        };
        TemplateResponse: components["schemas"]["Success"] & {
            data?: {
                template: components["schemas"]["Template"];
            };
        };
        /** @description S3 website configuration (index/error documents). The bucket stays private: CloudFront reads it through the regional REST endpoint with OAC, never through the website endpoint. */
        WebsiteHosting: {
            enabled: boolean;
            /** @description Object key, no leading '/'. */
            errorDocument?: string;
            /** @description Suffix without '/'; default index.html when enabled. */
            indexDocument?: string;
        };
    };
    responses: {
        /** @description An error */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A check this request makes in the cloud (a bucket's contents, a certificate) was throttled; nothing was written. Retry with the same Idempotency-Key after Retry-After seconds. */
        Throttled: {
            headers: {
                /** @description seconds to wait before retrying */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        cursor: string;
        /** @description true: validate and plan, answer 200 with the exact config and its changes, write nothing. */
        dryRun: boolean;
        id: string;
        /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
        idempotencyKey: string;
        limit: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            certificates: components["schemas"]["Certificate"][];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The certificate ARN, URL-encoded (arn%3Aaws%3Aacm%3Aus-east-1%3A...%3Acertificate%2F...). */
                arn: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            certificate: components["schemas"]["Certificate"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listDistributions: {
        parameters: {
            query?: {
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of distributions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            distributions: components["schemas"]["DistributionSummary"][];
                            nextCursor: string;
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    createDistribution: {
        parameters: {
            query?: {
                /** @description true: validate and plan, answer 200 with the exact config and its changes, write nothing. */
                dryRun?: components["parameters"]["dryRun"];
            };
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DistributionRequest"];
            };
        };
        responses: {
            /** @description Dry run (?dryRun=true): the plan; nothing was created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: components["schemas"]["ConfigPlan"];
                    };
                };
            };
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            distribution: components["schemas"]["Distribution"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The distribution */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            distribution: components["schemas"]["Distribution"];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    updateDistribution: {
        parameters: {
            query?: {
                /** @description true: validate and plan, answer 200 with the exact config and its changes, write nothing. */
                dryRun?: components["parameters"]["dryRun"];
            };
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DistributionChange"];
            };
        };
        responses: {
            /** @description Dry run (config + changes), or nothing to apply (distribution + empty or name-only changes) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            changes: components["schemas"]["Change"][];
                            config?: components["schemas"]["DistributionConfig"];
                            distribution?: components["schemas"]["Distribution"];
                        };
                    };
                };
            };
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            changes: components["schemas"]["Change"][];
                            distribution: components["schemas"]["Distribution"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    deleteDistribution: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            distribution: components["schemas"]["Distribution"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getDistributionHistory: {
        parameters: {
            query?: {
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            history: components["schemas"]["HistoryEntry"][];
                            nextCursor: string;
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    invalidateDistribution: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvalidationRequest"];
            };
        };
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: components["schemas"]["InvalidationAccepted"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getDistributionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            deploymentProgress: number;
                            /** Format: date-time */
                            lastUpdated: string;
                            operationId?: string;
                            status: components["schemas"]["DistributionStatus"];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listEdgeFunctions: {
        parameters: {
            query?: {
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of functions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            functions: components["schemas"]["EdgeFunctionSummary"][];
                            nextCursor: string;
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    createEdgeFunction: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EdgeFunctionRequest"];
            };
        };
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            function: components["schemas"]["EdgeFunction"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getEdgeFunction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The function */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            function: components["schemas"]["EdgeFunction"];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    deleteEdgeFunction: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted (or the deletion already running); see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            function: components["schemas"]["EdgeFunction"] | components["schemas"]["EdgeFunctionGone"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listEdgePresets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Presets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            default: string;
                            presets: components["schemas"]["EdgePreset"][];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    previewEdgeFunction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EdgeFunctionPreviewRequest"];
            };
        };
        responses: {
            /** @description The generated code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: components["schemas"]["EdgeFunctionPreview"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listOperations: {
        parameters: {
            query?: {
                /** @description Only operations asked for by this user (the token's username); 1-128 characters (else a 400 naming actor). */
                actor?: string;
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
                /** @description Only operations on this resource (a distribution, origin or edge function id); 1-128 characters (else a 400 naming resourceId). */
                resourceId?: string;
                /** @description Only operations in this status. */
                status?: components["schemas"]["OperationStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of operations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            nextCursor: string;
                            operations: components["schemas"]["Operation"][];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getOperation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            operation: components["schemas"]["Operation"];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listOrigins: {
        parameters: {
            query?: {
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of origins */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            nextCursor: string;
                            origins: components["schemas"]["Origin"][];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    createOrigin: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OriginRequest"];
            };
        };
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    /** @description /api/operations/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            operation: components["schemas"]["OperationRef"];
                            origin: components["schemas"]["Origin"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getOrigin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The origin */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            origin: components["schemas"]["Origin"];
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    updateOrigin: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OriginUpdate"];
            };
        };
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    /** @description /api/operations/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            operation: components["schemas"]["OperationRef"];
                            origin: components["schemas"]["Origin"] | components["schemas"]["OriginGone"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    deleteOrigin: {
        parameters: {
            query?: {
                /** @description true empties the bucket before deleting it. */
                force?: "true" | "false";
            };
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    /** @description /api/operations/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            operation: components["schemas"]["OperationRef"];
                            origin: components["schemas"]["Origin"] | components["schemas"]["OriginGone"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    listTemplates: {
        parameters: {
            query?: {
                /** @description Only templates of this category (exact match). */
                category?: string;
                cursor?: components["parameters"]["cursor"];
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of templates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            nextCursor: string;
                            templates: components["schemas"]["Template"][];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    createTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description /api/templates/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateResponse"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    getTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateResponse"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    updateTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplatePatch"];
            };
        };
        responses: {
            /** @description The updated template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateResponse"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    deleteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            templateId: string;
                        };
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
    applyTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 printable ASCII characters without spaces (else a 400; trailing whitespace is not part of the value, HTTP strips it). The same key and body returns the same answer (a replay after the resource was deleted still answers the original operation); the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path: {
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateApplyRequest"];
            };
        };
        responses: {
            /** @description Accepted; see the operation */
            202: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"] & {
                        data?: {
                            distribution: components["schemas"]["Distribution"];
                            operation: components["schemas"]["OperationRef"];
                        };
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            413: components["responses"]["Error"];
            415: components["responses"]["Error"];
            422: components["responses"]["Error"];
            429: components["responses"]["Throttled"];
            503: components["responses"]["Error"];
        };
    };
}
