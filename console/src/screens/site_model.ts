// The site settings of a distribution as the forms hold them (custom origins with their secret
// headers, ordered path behaviors, failover groups, geo restriction, WAF web ACL, error
// responses), and the CloudFront config they stand for, both ways. Secret header values are
// held only in memory: a header read back from the API is "stored" (its value shows as the
// mask), and sending the mask back keeps the stored value. Also the default behavior's response
// headers policy, the CORS and custom policy definitions behind cfm:cors and cfm:custom, and
// the distribution's tags.
import type { CorsPreset, CustomErrorResponses, DistributionConfig, DistributionOrigin, OriginGroups, PathCacheBehavior } from "../api/types";
import { splitList } from "./shared";

/** What the API shows for a secret, and what it reads as "keep the stored value". */
export const SECRET_MASK = "********";

export interface HeaderRow {
  name: string;
  value: string;
  /** the API holds a value for this header (an edit): an empty value keeps it */
  stored: boolean;
}
export type OriginProtocol = "https-only" | "match-viewer" | "http-only";
export interface CustomOriginRow {
  id: string;
  domain: string;
  path: string;
  protocol: OriginProtocol;
  tls: string[];
  readTimeout: string;
  keepaliveTimeout: string;
  headers: HeaderRow[];
}
export type MethodSet = "GET,HEAD" | "GET,HEAD,OPTIONS" | "ALL";
export interface BehaviorRow {
  path: string;
  target: string;
  viewer: string;
  methods: MethodSet;
  compress: boolean;
  cachePolicy: string;
  originRequestPolicy: string;
  responseHeadersPolicy: string;
}
export interface GroupRow {
  id: string;
  primary: string;
  secondary: string;
  codes: number[];
}
export interface ErrorRow {
  code: string;
  page: string;
  responseCode: string;
  ttl: string;
}
export type GeoType = "none" | "whitelist" | "blacklist";
export type CorsMethod = NonNullable<CorsPreset["AllowMethods"]>[number];
export interface CorsForm {
  on: boolean;
  origins: string;
  methods: CorsMethod[];
  headers: string;
  expose: string;
  credentials: boolean;
  maxAge: string;
}
export interface ResponseHeaderRow {
  header: string;
  value: string;
  override: boolean;
}
export interface CustomPolicyForm {
  on: boolean;
  headers: ResponseHeaderRow[];
  security: boolean;
}
export interface TagRow {
  key: string;
  value: string;
}
export interface Site {
  customOrigins: CustomOriginRow[];
  behaviors: BehaviorRow[];
  groups: GroupRow[];
  geo: GeoType;
  countries: string;
  webAcl: string;
  errors: ErrorRow[];
  /** the default behavior's response headers policy ("" = the guardrail's default) */
  defaultHeaders: string;
  cors: CorsForm;
  custom: CustomPolicyForm;
  tags: TagRow[];
}

export const TLS_PROTOCOLS = ["TLSv1.2", "TLSv1.1", "TLSv1"];
export const FAILOVER_CODES = [400, 403, 404, 416, 500, 502, 503, 504] as const;
export const ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];
const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"] as const;
const METHODS: Record<MethodSet, (typeof ALL_METHODS)[number][]> = {
  "GET,HEAD": ["GET", "HEAD"],
  "GET,HEAD,OPTIONS": ["GET", "HEAD", "OPTIONS"],
  ALL: [...ALL_METHODS],
};

// CloudFront's managed policies (their ids are the same in every account).
export const CACHE_POLICIES: [string, string][] = [
  ["658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized"],
  ["4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled"],
];
export const ORIGIN_REQUEST_POLICIES: [string, string][] = [
  ["216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer"],
  ["b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader"],
  ["88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "CORS-S3Origin"],
  ["59781a5b-3903-41f3-afcb-af62929ccde1", "CORS-CustomOrigin"],
  ["acba4595-bd28-49b8-b9fe-13317c0390fa", "UserAgentRefererHeaders"],
];
/** The product's references (the platform's security-headers preset, the CORS and custom
 * definitions of this distribution), then CloudFront's managed policies. */
export const HEADERS_REFS = ["cfm:security-headers", "cfm:cors", "cfm:custom"] as const;
export const RESPONSE_HEADERS_POLICIES: [string, string][] = [
  ["67f7725c-6f97-4210-82d7-5512b31e9d03", "SecurityHeadersPolicy"],
  ["60669652-455b-4ae9-85a4-c4c02393f86c", "SimpleCORS"],
  ["5cc3b908-e619-4b99-88e5-2cf7f45965bd", "CORS-With-Preflight"],
  ["e61eb60c-9c35-4d20-a928-2b84e02af89c", "CORS-and-SecurityHeadersPolicy"],
  ["eaab4381-ed33-4a86-88ca-d9558dc6cd63", "CORS-with-preflight-and-SecurityHeadersPolicy"],
];
export const CORS_METHODS: CorsMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE", "ALL"];
/** A managed policy's name, or the id itself. */
export function policyName(id: string | undefined): string {
  if (!id) return "—";
  return [...CACHE_POLICIES, ...ORIGIN_REQUEST_POLICIES, ...RESPONSE_HEADERS_POLICIES].find(([x]) => x === id)?.[1] ?? id;
}

const blankCors = (): CorsForm => ({ on: false, origins: "", methods: ["GET", "HEAD", "OPTIONS"], headers: "", expose: "", credentials: false, maxAge: "" });
export const blankSite = (): Site => ({
  customOrigins: [],
  behaviors: [],
  groups: [],
  geo: "none",
  countries: "",
  webAcl: "",
  errors: [],
  defaultHeaders: "",
  cors: blankCors(),
  custom: { on: false, headers: [], security: true },
  tags: [],
});
export const blankCustomOrigin = (n: number): CustomOriginRow => ({
  id: `custom-${n}`,
  domain: "",
  path: "",
  protocol: "https-only",
  tls: ["TLSv1.2"],
  readTimeout: "",
  keepaliveTimeout: "",
  headers: [],
});
export const blankBehavior = (target: string): BehaviorRow => ({
  path: "",
  target,
  viewer: "",
  methods: "GET,HEAD",
  compress: true,
  cachePolicy: "",
  originRequestPolicy: "",
  responseHeadersPolicy: "",
});
export const blankGroup = (n: number): GroupRow => ({ id: `group-${n}`, primary: "", secondary: "", codes: [500, 502, 503, 504] });
export const blankError = (): ErrorRow => ({ code: "404", page: "", responseCode: "200", ttl: "10" });
export const blankHeader = (): HeaderRow => ({ name: "", value: "", stored: false });
export const blankResponseHeader = (): ResponseHeaderRow => ({ header: "", value: "", override: false });
export const blankTag = (): TagRow => ({ key: "", value: "" });

const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
const str = (n: number | undefined): string => (n === undefined ? "" : String(n));
const list = <T>(items: T[]) => ({ Quantity: items.length, Items: items });

/** The site settings a config holds (an edit starts from them). */
export function siteOf(c: DistributionConfig): Site {
  const g = c.Restrictions?.GeoRestriction;
  const cors = c.ResponseHeadersPolicies?.Cors;
  const custom = c.ResponseHeadersPolicies?.Custom;
  return {
    customOrigins: (c.Origins?.Items ?? [])
      .filter((o) => o.CustomOriginConfig)
      .map((o) => ({
        id: o.Id ?? "",
        domain: o.DomainName ?? "",
        path: o.OriginPath ?? "",
        protocol: o.CustomOriginConfig?.OriginProtocolPolicy ?? "https-only",
        tls: o.CustomOriginConfig?.OriginSslProtocols?.Items ?? ["TLSv1.2"],
        readTimeout: str(o.CustomOriginConfig?.OriginReadTimeout),
        keepaliveTimeout: str(o.CustomOriginConfig?.OriginKeepaliveTimeout),
        headers: (o.CustomHeaders?.Items ?? []).map((h) => ({ name: h.HeaderName, value: "", stored: true })),
      })),
    behaviors: (c.CacheBehaviors?.Items ?? []).map((b) => {
      const n = b.AllowedMethods?.Items?.length ?? 2;
      return {
        path: b.PathPattern,
        target: b.TargetOriginId,
        viewer: b.ViewerProtocolPolicy ?? "",
        methods: n <= 2 ? "GET,HEAD" : n === 3 ? "GET,HEAD,OPTIONS" : "ALL",
        compress: b.Compress ?? true,
        cachePolicy: b.CachePolicyId ?? "",
        originRequestPolicy: b.OriginRequestPolicyId ?? "",
        responseHeadersPolicy: b.ResponseHeadersPolicyId ?? "",
      };
    }),
    groups: (c.OriginGroups?.Items ?? []).map((x) => ({
      id: x.Id,
      primary: x.Members.Items?.[0]?.OriginId ?? "",
      secondary: x.Members.Items?.[1]?.OriginId ?? "",
      codes: x.FailoverCriteria?.StatusCodes?.Items ?? [],
    })),
    geo: g?.RestrictionType ?? "none",
    countries: (g?.Items ?? []).join(", "),
    webAcl: c.WebACLId ?? "",
    errors: (c.CustomErrorResponses?.Items ?? []).map((e) => ({ code: String(e.ErrorCode), page: e.ResponsePagePath ?? "", responseCode: e.ResponseCode ?? "", ttl: str(e.ErrorCachingMinTTL) })),
    defaultHeaders: c.DefaultCacheBehavior?.ResponseHeadersPolicyId ?? "",
    cors: cors
      ? {
          on: true,
          origins: cors.AllowOrigins.join(", "),
          methods: cors.AllowMethods ?? [],
          headers: (cors.AllowHeaders ?? []).join(", "),
          expose: (cors.ExposeHeaders ?? []).join(", "),
          credentials: cors.AllowCredentials ?? false,
          maxAge: str(cors.MaxAgeSeconds),
        }
      : blankCors(),
    custom: custom ? { on: true, headers: custom.Headers.map((h) => ({ header: h.Header, value: h.Value, override: h.Override ?? false })), security: custom.SecurityHeaders ?? false } : { on: false, headers: [], security: true },
    tags: Object.entries(c.Tags ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/** A custom origin's config item; prev is the item as the API showed it (an edit keeps what
 * the form does not hold, such as connection attempts). */
export function customOriginItem(r: CustomOriginRow, prev?: DistributionOrigin): DistributionOrigin {
  const headers = r.headers.filter((h) => h.name.trim() !== "");
  const item: DistributionOrigin = {
    ...prev,
    Id: r.id,
    DomainName: r.domain.trim(),
    CustomOriginConfig: {
      ...prev?.CustomOriginConfig,
      HTTPPort: prev?.CustomOriginConfig?.HTTPPort ?? 80,
      HTTPSPort: prev?.CustomOriginConfig?.HTTPSPort ?? 443,
      OriginProtocolPolicy: r.protocol,
      OriginSslProtocols: list(r.tls),
      OriginReadTimeout: num(r.readTimeout),
      OriginKeepaliveTimeout: num(r.keepaliveTimeout),
    },
    CustomHeaders: headers.length ? list(headers.map((h) => ({ HeaderName: h.name.trim(), HeaderValue: h.stored && h.value === "" ? SECRET_MASK : h.value }))) : undefined,
  };
  // the product's OAC of a Lambda function URL (cfm:lambda-url) follows the domain it was for
  if (prev && prev.DomainName !== item.DomainName) delete item.OriginAccessControlId;
  if (r.path) item.OriginPath = r.path;
  else delete item.OriginPath;
  return item;
}

function behaviorItem(b: BehaviorRow): PathCacheBehavior {
  const methods = METHODS[b.methods];
  return {
    PathPattern: b.path.trim(),
    TargetOriginId: b.target,
    ViewerProtocolPolicy: (b.viewer || undefined) as PathCacheBehavior["ViewerProtocolPolicy"],
    Compress: b.compress,
    CachePolicyId: b.cachePolicy || undefined,
    OriginRequestPolicyId: b.originRequestPolicy || undefined,
    ResponseHeadersPolicyId: b.responseHeadersPolicy || undefined,
    AllowedMethods: { Quantity: methods.length, Items: methods, CachedMethods: list(["GET", "HEAD"]) },
  };
}

type GroupItem = NonNullable<OriginGroups["Items"]>[number];
type ErrorItem = NonNullable<CustomErrorResponses["Items"]>[number];

/** The config keys the site settings own. */
export const SITE_KEYS = ["Origins", "CacheBehaviors", "OriginGroups", "Restrictions", "WebACLId", "CustomErrorResponses", "ResponseHeadersPolicies", "Tags", "DefaultCacheBehavior"] as const;
export type SiteConfig = Pick<DistributionConfig, (typeof SITE_KEYS)[number]>;

/** The config the site settings stand for, over the given S3 origins (the form's managed
 * origins, or an edited distribution's); an empty setting is left out. */
export function siteConfig(s: Site, s3Origins: DistributionOrigin[], prev: DistributionOrigin[] = []): SiteConfig {
  const origins = [...s3Origins, ...s.customOrigins.map((r) => customOriginItem(r, prev.find((p) => p.Id === r.id)))];
  const countries = splitList(s.countries).map((c) => c.toUpperCase());
  const out: SiteConfig = origins.length ? { Origins: list(origins) } : {};
  if (s.behaviors.length) out.CacheBehaviors = list(s.behaviors.map(behaviorItem));
  if (s.groups.length)
    out.OriginGroups = list(
      s.groups.map(
        (g): GroupItem => ({
          Id: g.id.trim(),
          FailoverCriteria: { StatusCodes: list(g.codes as (typeof FAILOVER_CODES)[number][]) },
          Members: { Quantity: 2, Items: [{ OriginId: g.primary }, { OriginId: g.secondary }] },
        }),
      ),
    );
  if (s.geo !== "none") out.Restrictions = { GeoRestriction: { RestrictionType: s.geo, ...list(countries) } };
  if (s.webAcl.trim()) out.WebACLId = s.webAcl.trim();
  if (s.errors.length)
    out.CustomErrorResponses = list(
      s.errors.map((e): ErrorItem => {
        const item: ErrorItem = { ErrorCode: Number(e.code) as ErrorItem["ErrorCode"] };
        if (e.page) {
          item.ResponsePagePath = e.page;
          item.ResponseCode = (e.responseCode || "200") as ErrorItem["ResponseCode"];
        }
        const ttl = num(e.ttl);
        if (ttl !== undefined) item.ErrorCachingMinTTL = ttl;
        return item;
      }),
    );
  if (s.defaultHeaders) out.DefaultCacheBehavior = { ResponseHeadersPolicyId: s.defaultHeaders };
  const policies: NonNullable<DistributionConfig["ResponseHeadersPolicies"]> = {};
  if (s.cors.on) {
    const c = s.cors;
    const cors: CorsPreset = { AllowOrigins: splitList(c.origins), AllowMethods: c.methods };
    if (c.headers.trim()) cors.AllowHeaders = splitList(c.headers);
    if (c.expose.trim()) cors.ExposeHeaders = splitList(c.expose);
    if (c.credentials) cors.AllowCredentials = true;
    if (num(c.maxAge) !== undefined) cors.MaxAgeSeconds = num(c.maxAge);
    policies.Cors = cors;
  }
  if (s.custom.on) policies.Custom = { Headers: s.custom.headers.map((h) => ({ Header: h.header.trim(), Value: h.value, ...(h.override ? { Override: true } : {}) })), SecurityHeaders: s.custom.security };
  if (policies.Cors || policies.Custom) out.ResponseHeadersPolicies = policies;
  const tags = s.tags.filter((x) => x.key.trim() !== "");
  if (tags.length) out.Tags = Object.fromEntries(tags.map((x) => [x.key.trim(), x.value]));
  return out;
}

/** The merge-patch part for an edit: each site key whose value the form changed (null removes
 * it), and nothing for what stayed, so an untouched form changes nothing. */
export function sitePatch(s: Site, original: DistributionConfig): Record<string, unknown> {
  const items = original.Origins?.Items ?? [];
  const s3 = items.filter((o) => !o.CustomOriginConfig);
  const custom = items.filter((o) => o.CustomOriginConfig);
  const now = siteConfig(s, s3, custom);
  const was = siteConfig(siteOf(original), s3, custom);
  const out: Record<string, unknown> = {};
  for (const k of SITE_KEYS) {
    if (JSON.stringify(now[k]) === JSON.stringify(was[k])) continue;
    out[k] = now[k] ?? null;
  }
  // Objects merge in a merge patch: what the form dropped inside them is removed by name.
  if ("DefaultCacheBehavior" in out) out.DefaultCacheBehavior = { ResponseHeadersPolicyId: s.defaultHeaders || null };
  if ("ResponseHeadersPolicies" in out) out.ResponseHeadersPolicies = { Cors: now.ResponseHeadersPolicies?.Cors ?? null, Custom: now.ResponseHeadersPolicies?.Custom ?? null };
  if ("Tags" in out) out.Tags = { ...Object.fromEntries(Object.keys(was.Tags ?? {}).map((k) => [k, null])), ...now.Tags };
  return out;
}

/** The site settings without secret values, for a draft kept in sessionStorage: a restored
 * form asks for them again. */
export function withoutSecrets(s: Site): Site {
  return { ...s, customOrigins: s.customOrigins.map((o) => ({ ...o, headers: o.headers.map((h) => ({ ...h, value: "" })) })) };
}
