// A distribution's site settings as the detail page shows them: origins (S3 and custom, with
// custom header names and their masked values), failover groups, path behaviors in order, geo
// restriction, WAF web ACL and error responses. Only what is set is shown.
import type { DistributionConfig, PathCacheBehavior } from "../api/types";
import { t } from "../i18n";
import { Dl } from "../ui/components";
import { type Column, ListTable } from "../ui/list";
import { policyName } from "./site_model";

function SummaryTable<T>(p: { title: string; testid: string; rows: T[]; rowKey: (r: T) => string; columns: Column<T>[] }) {
  return <ListTable label={p.title} caption={p.title} testid={p.testid} rows={p.rows} rowKey={p.rowKey} columns={p.columns} />;
}

export function SiteSummary({ config: c }: { config: DistributionConfig }) {
  const origins = c.Origins?.Items ?? [];
  const behaviors = c.CacheBehaviors?.Items ?? [];
  const groups = c.OriginGroups?.Items ?? [];
  const errors = c.CustomErrorResponses?.Items ?? [];
  const geo = c.Restrictions?.GeoRestriction;
  const def = c.DefaultCacheBehavior;
  const cors = c.ResponseHeadersPolicies?.Cors;
  const custom = c.ResponseHeadersPolicies?.Custom;
  const tags = Object.entries(c.Tags ?? {});
  return (
    <section aria-labelledby="site-title" class="site-summary" data-testid="site-summary">
      <h2 id="site-title">{t("site.summary")}</h2>
      <SummaryTable
        title={t("nav.origins")}
        testid="summary-origins"
        rows={origins}
        rowKey={(o) => o.Id ?? ""}
        columns={[
          [t("site.originId"), (o) => <code>{o.Id}</code>],
          [t("site.domain"), (o) => o.DomainName],
          [t("site.type"), (o) => (o.CustomOriginConfig ? t("site.typeCustom") : t("site.typeS3"))],
          [t("site.protocol"), (o) => (o.CustomOriginConfig ? `${o.CustomOriginConfig.OriginProtocolPolicy} · ${(o.CustomOriginConfig.OriginSslProtocols?.Items ?? []).join(", ")}` : o.OriginAccessControlId ? "OAC" : "—")],
          [t("site.timeouts"), (o) => (o.CustomOriginConfig ? `${o.CustomOriginConfig.OriginReadTimeout ?? "—"} / ${o.CustomOriginConfig.OriginKeepaliveTimeout ?? "—"}` : "—")],
          [t("site.headers"), (o) => (o.CustomHeaders?.Items ?? []).map((h) => `${h.HeaderName}: ${h.HeaderValue}`).join(", ") || "—"],
        ]}
      />
      {groups.length > 0 && (
        <SummaryTable
          title={t("site.groups")}
          testid="summary-groups"
          rows={groups}
          rowKey={(g) => g.Id}
          columns={[
            [t("site.groupId"), (g) => <code>{g.Id}</code>],
            [t("site.primary"), (g) => g.Members.Items?.[0]?.OriginId],
            [t("site.secondary"), (g) => g.Members.Items?.[1]?.OriginId],
            [t("site.failoverCodes"), (g) => (g.FailoverCriteria?.StatusCodes?.Items ?? []).join(", ")],
          ]}
        />
      )}
      <SummaryTable
        title={t("site.behaviors")}
        testid="summary-behaviors"
        rows={[
          ...behaviors.map((b, i) => ({ ...b, order: String(i + 1) })),
          ...(def ? [{ ...def, PathPattern: "*", order: t("site.defaultBehavior"), TargetOriginId: def.TargetOriginId ?? "", AllowedMethods: def.AllowedMethods as PathCacheBehavior["AllowedMethods"] }] : []),
        ]}
        rowKey={(b) => b.order}
        columns={[
          [t("site.order"), (b) => b.order],
          [t("site.pathPattern"), (b) => <code>{b.PathPattern}</code>],
          [t("site.target"), (b) => b.TargetOriginId],
          [t("site.viewer"), (b) => b.ViewerProtocolPolicy ?? "—"],
          [t("site.methods"), (b) => (b.AllowedMethods?.Items ?? []).join(", ") || "—"],
          [t("site.compress"), (b) => (b.Compress === false ? t("no") : t("yes"))],
          [t("site.cachePolicy"), (b) => policyName(b.CachePolicyId)],
          [t("site.originRequestPolicy"), (b) => policyName(b.OriginRequestPolicyId)],
          [t("site.responseHeadersPolicy"), (b) => policyName(b.ResponseHeadersPolicyId)],
        ]}
      />
      <Dl
        rows={[
          [t("site.geo"), geo && geo.RestrictionType !== "none" ? `${t(`site.geo.${geo.RestrictionType}`)}: ${(geo.Items ?? []).join(", ")}` : t("site.geo.none")],
          [t("site.webAcl"), c.WebACLId ? <code>{c.WebACLId}</code> : t("site.notSet")],
          [t("site.corsPreset"), cors ? `${cors.AllowOrigins.join(", ")} · ${(cors.AllowMethods ?? []).join(", ")}${cors.AllowCredentials ? ` · ${t("site.corsCredentials")}` : ""}` : t("site.notSet")],
          [t("site.customPolicy"), custom ? `${custom.Headers.map((h) => `${h.Header}: ${h.Value}`).join(", ")}${custom.SecurityHeaders ? ` + ${t("site.rh.cfm:security-headers")}` : ""}` : t("site.notSet")],
          [t("site.tags"), tags.length ? tags.map(([k, v]) => `${k}=${v}`).join(", ") : t("site.notSet")],
        ]}
      />
      {errors.length > 0 && (
        <SummaryTable
          title={t("site.errors")}
          testid="summary-errors"
          rows={errors}
          rowKey={(e) => String(e.ErrorCode)}
          columns={[
            [t("site.errorCode"), (e) => e.ErrorCode],
            [t("site.errorPage"), (e) => e.ResponsePagePath ?? "—"],
            [t("site.responseCode"), (e) => e.ResponseCode ?? "—"],
            [t("site.errorTtl"), (e) => e.ErrorCachingMinTTL ?? 0],
          ]}
        />
      )}
    </section>
  );
}
