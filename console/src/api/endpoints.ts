// One function per route of the OpenAPI document (operationId in the comment), typed from the
// generated schema. Screens call only these.
import { call, type CallOptions } from "./client";
import type * as T from "./types";
import type { Data } from "./types";

const enc = encodeURIComponent;
type Page = { limit?: number; cursor?: string };

export const api = {
  // distributions
  listDistributions: (q: Page) => call<Data<"listDistributions", 200>>("GET", "/api/distributions", { query: q }), // listDistributions
  createDistribution: (body: T.DistributionRequest, o: { dryRun?: boolean; key?: string } = {}) =>
    call<Data<"createDistribution", 202>>("POST", "/api/distributions", { body, query: { dryRun: o.dryRun || undefined }, idempotencyKey: o.key }), // createDistribution
  planDistribution: (body: T.DistributionRequest) => call<T.ConfigPlan>("POST", "/api/distributions", { body, query: { dryRun: true } }), // createDistribution ?dryRun=true
  getDistribution: (id: string) => call<Data<"getDistribution", 200>>("GET", `/api/distributions/${enc(id)}`), // getDistribution
  getDistributionStatus: (id: string) => call<Data<"getDistributionStatus", 200>>("GET", `/api/distributions/${enc(id)}/status`), // getDistributionStatus
  updateDistribution: (id: string, body: T.DistributionChange, o: { dryRun?: boolean; key?: string } = {}) =>
    call<Data<"updateDistribution", 200> & Partial<Data<"updateDistribution", 202>>>("PUT", `/api/distributions/${enc(id)}`, {
      body,
      query: { dryRun: o.dryRun || undefined },
      idempotencyKey: o.key,
    }), // updateDistribution
  deleteDistribution: (id: string, key?: string) => call<Data<"deleteDistribution", 202>>("DELETE", `/api/distributions/${enc(id)}`, { idempotencyKey: key }), // deleteDistribution
  invalidateDistribution: (id: string, body: T.InvalidationRequest, key?: string) =>
    call<Data<"invalidateDistribution", 202>>("POST", `/api/distributions/${enc(id)}/invalidate`, { body, idempotencyKey: key }), // invalidateDistribution
  getDistributionHistory: (id: string, q: Page) => call<Data<"getDistributionHistory", 200>>("GET", `/api/distributions/${enc(id)}/history`, { query: q }), // getDistributionHistory

  // operations
  getOperation: (id: string) => call<Data<"getOperation", 200>>("GET", `/api/operations/${enc(id)}`), // getOperation
  listOperations: (q: Page & { status?: string; resourceId?: string; actor?: string }) =>
    call<Data<"listOperations", 200>>("GET", "/api/operations", { query: q }), // listOperations

  // origins
  listOrigins: (q: Page) => call<Data<"listOrigins", 200>>("GET", "/api/origins", { query: q }), // listOrigins
  createOrigin: (body: T.OriginRequest, key?: string) => call<Data<"createOrigin", 202>>("POST", "/api/origins", { body, idempotencyKey: key }), // createOrigin
  getOrigin: (id: string) => call<Data<"getOrigin", 200>>("GET", `/api/origins/${enc(id)}`), // getOrigin
  updateOrigin: (id: string, body: T.OriginUpdate, key?: string) => call<Data<"updateOrigin", 202>>("PUT", `/api/origins/${enc(id)}`, { body, idempotencyKey: key }), // updateOrigin
  deleteOrigin: (id: string, force: boolean, key?: string) =>
    call<Data<"deleteOrigin", 202>>("DELETE", `/api/origins/${enc(id)}`, { query: { force: force ? "true" : undefined }, idempotencyKey: key }), // deleteOrigin

  // certificates
  listCertificates: () => call<Data<"listCertificates", 200>>("GET", "/api/certificates"), // listCertificates
  getCertificate: (arn: string) => call<Data<"getCertificate", 200>>("GET", `/api/certificates/${enc(arn)}`), // getCertificate

  // edge functions
  listEdgeFunctions: (q: Page) => call<Data<"listEdgeFunctions", 200>>("GET", "/api/lambda-edge/functions", { query: q }), // listEdgeFunctions
  createEdgeFunction: (body: T.EdgeFunctionRequest, key?: string) =>
    call<Data<"createEdgeFunction", 202>>("POST", "/api/lambda-edge/functions", { body, idempotencyKey: key }), // createEdgeFunction
  getEdgeFunction: (id: string) => call<Data<"getEdgeFunction", 200>>("GET", `/api/lambda-edge/functions/${enc(id)}`), // getEdgeFunction
  deleteEdgeFunction: (id: string, key?: string) => call<Data<"deleteEdgeFunction", 202>>("DELETE", `/api/lambda-edge/functions/${enc(id)}`, { idempotencyKey: key }), // deleteEdgeFunction
  previewEdgeFunction: (body: T.EdgePreviewRequest) => call<Data<"previewEdgeFunction", 200>>("POST", "/api/lambda-edge/preview", { body }), // previewEdgeFunction
  listEdgePresets: () => call<Data<"listEdgePresets", 200>>("GET", "/api/lambda-edge/presets"), // listEdgePresets

  // templates
  listTemplates: (q: Page) => call<Data<"listTemplates", 200>>("GET", "/api/templates", { query: q }), // listTemplates
  createTemplate: (body: T.TemplateRequest, key?: string) => call<Data<"createTemplate", 201>>("POST", "/api/templates", { body, idempotencyKey: key }), // createTemplate
  getTemplate: (id: string) => call<Data<"getTemplate", 200>>("GET", `/api/templates/${enc(id)}`), // getTemplate
  updateTemplate: (id: string, body: T.TemplatePatch, key?: string) => call<Data<"updateTemplate", 200>>("PUT", `/api/templates/${enc(id)}`, { body, idempotencyKey: key }), // updateTemplate
  deleteTemplate: (id: string, key?: string) => call<unknown>("DELETE", `/api/templates/${enc(id)}`, { idempotencyKey: key }), // deleteTemplate
  applyTemplate: (id: string, body: T.TemplateApplyRequest, key?: string) =>
    call<Data<"applyTemplate", 202>>("POST", `/api/templates/${enc(id)}/apply`, { body, idempotencyKey: key }), // applyTemplate
};

export type { CallOptions };
