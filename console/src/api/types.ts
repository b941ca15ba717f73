// Names for the generated OpenAPI types (schema.d.ts) the screens use.
import type { components, operations } from "./schema";

type S = components["schemas"];
export type Distribution = S["Distribution"];
export type DistributionSummary = S["DistributionSummary"];
export type DistributionRequest = S["DistributionRequest"];
export type DistributionChange = S["DistributionChange"];
export type DistributionConfig = S["DistributionConfig"];
export type MultiOriginConfig = S["MultiOriginConfig"];
export type Change = S["Change"];
export type ConfigPlan = S["ConfigPlan"];
export type HistoryEntry = S["HistoryEntry"];
export type Operation = S["Operation"];
export type OperationRef = S["OperationRef"];
export type Origin = S["Origin"];
export type OriginRequest = S["OriginRequest"];
export type OriginUpdate = S["OriginUpdate"];
export type CORSConfiguration = S["CORSConfiguration"];
export type WebsiteHosting = S["WebsiteHosting"];
export type Certificate = S["Certificate"];
export type EdgeFunction = S["EdgeFunction"];
export type EdgeFunctionSummary = S["EdgeFunctionSummary"];
export type EdgeFunctionRequest = S["EdgeFunctionRequest"];
export type EdgePreviewRequest = S["EdgeFunctionPreviewRequest"];
export type EdgePreview = S["EdgeFunctionPreview"];
export type EdgePreset = S["EdgePreset"];
/** A routing preset's name (GET /api/lambda-edge/presets lists them). */
export type PresetName = EdgePreset["name"];
export type RoutingOrigin = S["RoutingOrigin"];
export type RoutingOrigins = S["RoutingOrigins"];
export type Template = S["Template"];
export type TemplateRequest = S["TemplateRequest"];
export type TemplatePatch = S["TemplatePatch"];
export type TemplateApplyRequest = S["TemplateApplyRequest"];
export type InvalidationRequest = S["InvalidationRequest"];
export type InvalidationAccepted = S["InvalidationAccepted"];

type JSONOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The `data` of an operation's response with the given status. */
export type Data<K extends keyof operations, C extends keyof operations[K]["responses"]> = NonNullable<
  JSONOf<operations[K]["responses"][C]> extends { data?: infer D } ? D : never
>;
export type PathCacheBehavior = S["PathCacheBehavior"];
export type CustomOriginConfig = S["CustomOriginConfig"];
export type CustomHeaders = S["CustomHeaders"];
export type OriginGroups = S["OriginGroups"];
export type Restrictions = S["Restrictions"];
export type DistributionOrigin = NonNullable<NonNullable<DistributionConfig["Origins"]>["Items"]>[number];
export type CustomErrorResponses = NonNullable<DistributionConfig["CustomErrorResponses"]>;
export type CorsPreset = S["CorsPreset"];
