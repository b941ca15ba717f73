// The site settings editor of the distribution create and edit forms: custom origins (with
// secret headers typed into password fields), failover groups, ordered path behaviors, geo
// restriction, the WAF web ACL and custom error responses. Each input shows the 400 or 422
// that names its field (config.… as the planner names it).
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { t } from "../i18n";
import { Field, fieldError } from "../ui/components";
import { Rows } from "../ui/rows";
import {
  blankBehavior,
  blankSite,
  blankCustomOrigin,
  blankError,
  blankGroup,
  blankHeader,
  blankResponseHeader,
  blankTag,
  CORS_METHODS,
  HEADERS_REFS,
  CACHE_POLICIES,
  ERROR_CODES,
  FAILOVER_CODES,
  type GeoType,
  type HeaderRow,
  type MethodSet,
  type OriginProtocol,
  ORIGIN_REQUEST_POLICIES,
  RESPONSE_HEADERS_POLICIES,
  type Site,
  TLS_PROTOCOLS,
} from "./site_model";

type Attrs = { id: string; "aria-invalid"?: "true"; "aria-describedby"?: string };

/** A select of ids with names; "" is the guardrail's default, and a value not in the list
 * (set through the API) stays selectable. */
function Choice(props: { attrs: Attrs; value: string; options: [string, string][]; onChange: (v: string) => void; none: string }) {
  const known = props.value === "" || props.options.some(([v]) => v === props.value);
  return (
    <select {...props.attrs} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="">{props.none}</option>
      {!known && <option value={props.value}>{props.value}</option>}
      {props.options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** Checkboxes for a set of values, as one group with a legend and the group's error. */
function CheckSet<V extends string | number>(props: { legend: string; values: readonly V[]; chosen: V[]; onChange: (v: V[]) => void; error?: string | undefined }) {
  return (
    <fieldset class={props.error ? "invalid" : ""}>
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={String(v)} class="check inline">
          <input
            type="checkbox"
            checked={props.chosen.includes(v)}
            onChange={(e) => props.onChange(e.currentTarget.checked ? [...props.chosen, v] : props.chosen.filter((x) => x !== v))}
          />{" "}
          {String(v)}
        </label>
      ))}
      {props.error && <p class="field-error">{props.error}</p>}
    </fieldset>
  );
}

/** The error of a whole list (a guardrail on how many), not of one of its items. */
function ListError({ error, field }: { error: unknown; field: string }) {
  const msg = error instanceof ApiError ? error.fieldError(field) : undefined;
  return msg ? <p class="field-error">{msg}</p> : null;
}

/** A required tag the form has no row for: its 422 (config.Tags.<key>) shows under the tags. */
function MissingTags({ error, tags }: { error: unknown; tags: { key: string }[] }) {
  if (!(error instanceof ApiError)) return null;
  const missing = error.fields.filter((f) => f.field.startsWith("config.Tags") && !tags.some((x) => x.key && f.field === `config.Tags.${x.key}`));
  return (
    <>
      {missing.map((f) => (
        <p key={f.field} class="field-error">
          {f.message}
        </p>
      ))}
    </>
  );
}

function Section(props: { title: string; hint?: string; children: ComponentChildren; testid: string }) {
  return (
    <section class="site-section" data-testid={props.testid} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
    </section>
  );
}

function Headers(props: { headers: HeaderRow[]; onChange: (h: HeaderRow[]) => void; field: string; error: unknown }) {
  return (
    <Rows
      items={props.headers}
      onChange={props.onChange}
      blank={blankHeader}
      legend={(i) => t("site.headerN", { n: String(i + 1) })}
      add={t("site.addHeader")}
      max={10}
      render={(h, set, i) => (
        <>
          <Field label={t("site.headerName")} error={fieldError(props.error, `${props.field}.Items[${i}].HeaderName`)}>
            {(a) => <input {...a} value={h.name} autocomplete="off" onInput={(e) => set({ name: e.currentTarget.value })} />}
          </Field>
          <Field label={t("site.headerValue")} hint={h.stored ? t("site.secretKept") : t("site.secretHint")} error={fieldError(props.error, `${props.field}.Items[${i}].HeaderValue`)}>
            {(a) => (
              <input
                {...a}
                type="password"
                autocomplete="new-password"
                spellcheck={false}
                value={h.value}
                placeholder={h.stored ? "********" : ""}
                onInput={(e) => set({ value: e.currentTarget.value })}
              />
            )}
          </Field>
        </>
      )}
    />
  );
}

export function SiteSettings(props: {
  site: Site;
  onChange: (s: Site) => void;
  error: unknown;
  /** the ids of the origins before the custom ones (the managed S3 origins), in config order */
  originIds: string[];
  /** origins, groups and path behaviors can be edited (not on a multi-origin distribution,
   * whose origins the routing function owns) */
  origins: boolean;
  children?: ComponentChildren;
}) {
  const { error } = props;
  const s: Site = { ...blankSite(), ...props.site }; // a draft from an older console lacks newer settings
  const upd = (p: Partial<Site>) => props.onChange({ ...s, ...p });
  const [open] = useState(() => JSON.stringify(s) !== JSON.stringify(blankSite()));
  const originIds = [...props.originIds, ...s.customOrigins.map((o) => o.id)].filter(Boolean);
  const targets = [...originIds, ...s.groups.map((g) => g.id).filter(Boolean)];
  const asOptions = (ids: string[]): [string, string][] => ids.map((id) => [id, id]);
  const originField = (j: number) => `config.Origins.Items[${props.originIds.length + j}]`;
  const headerPolicies: [string, string][] = [...HEADERS_REFS.map((r): [string, string] => [r, t(`site.rh.${r}`)]), ...RESPONSE_HEADERS_POLICIES];
  const cors = s.cors;
  const setCors = (p: Partial<Site["cors"]>) => upd({ cors: { ...cors, ...p } });
  const custom = s.custom;
  const setCustom = (p: Partial<Site["custom"]>) => upd({ custom: { ...custom, ...p } });
  return (
    <details class="site" open={open} data-testid="site-settings">
      <summary>{t("site.title")}</summary>
      <p class="hint">{t("site.hint")}</p>
      {props.origins && (
        <>
          {props.children}
          <Section title={t("site.customOrigins")} hint={t("site.customOriginsHint")} testid="custom-origins">
            <Rows
              items={s.customOrigins}
              onChange={(customOrigins) => upd({ customOrigins })}
              blank={() => blankCustomOrigin(s.customOrigins.length + 1)}
              legend={(j) => t("site.customOriginN", { n: String(j + 1) })}
              add={t("site.addCustomOrigin")}
              render={(o, set, j) => (
                <>
                  <Field label={t("site.originId")} error={fieldError(error, `${originField(j)}.Id`)}>
                    {(a) => <input {...a} value={o.id} onInput={(e) => set({ id: e.currentTarget.value })} />}
                  </Field>
                  <Field label={t("site.domain")} hint={t("site.domainHint")} error={fieldError(error, `${originField(j)}.DomainName`)}>
                    {(a) => <input {...a} value={o.domain} onInput={(e) => set({ domain: e.currentTarget.value })} />}
                  </Field>
                  <Field label={t("site.originPath")} error={fieldError(error, `${originField(j)}.OriginPath`)}>
                    {(a) => <input {...a} value={o.path} placeholder="/prod" onInput={(e) => set({ path: e.currentTarget.value })} />}
                  </Field>
                  <Field label={t("site.protocol")} error={fieldError(error, `${originField(j)}.CustomOriginConfig.OriginProtocolPolicy`)}>
                    {(a) => (
                      <select {...a} value={o.protocol} onChange={(e) => set({ protocol: e.currentTarget.value as OriginProtocol })}>
                        <option value="https-only">https-only</option>
                        <option value="match-viewer">match-viewer</option>
                        <option value="http-only">http-only</option>
                      </select>
                    )}
                  </Field>
                  <CheckSet legend={t("site.tls")} values={TLS_PROTOCOLS} chosen={o.tls} onChange={(tls) => set({ tls })} error={fieldError(error, `${originField(j)}.CustomOriginConfig.OriginSslProtocols`)} />
                  <Field label={t("site.readTimeout")} hint={t("site.defaultIs", { v: "30" })} error={fieldError(error, `${originField(j)}.CustomOriginConfig.OriginReadTimeout`)}>
                    {(a) => <input {...a} type="number" min={1} max={180} value={o.readTimeout} onInput={(e) => set({ readTimeout: e.currentTarget.value })} />}
                  </Field>
                  <Field label={t("site.keepalive")} hint={t("site.defaultIs", { v: "5" })} error={fieldError(error, `${originField(j)}.CustomOriginConfig.OriginKeepaliveTimeout`)}>
                    {(a) => <input {...a} type="number" min={1} max={180} value={o.keepaliveTimeout} onInput={(e) => set({ keepaliveTimeout: e.currentTarget.value })} />}
                  </Field>
                  <h4>{t("site.headers")}</h4>
                  <p class="hint">{t("site.headersHint")}</p>
                  <Headers headers={o.headers} onChange={(headers) => set({ headers })} field={`${originField(j)}.CustomHeaders`} error={error} />
                </>
              )}
            />
          </Section>
          <Section title={t("site.groups")} hint={t("site.groupsHint")} testid="origin-groups">
            <Rows
              items={s.groups}
              onChange={(groups) => upd({ groups })}
              blank={() => blankGroup(s.groups.length + 1)}
              legend={(i) => t("site.groupN", { n: String(i + 1) })}
              add={t("site.addGroup")}
              render={(g, set, i) => {
                const f = `config.OriginGroups.Items[${i}]`;
                return (
                  <>
                    <Field label={t("site.groupId")} error={fieldError(error, `${f}.Id`)}>
                      {(a) => <input {...a} value={g.id} onInput={(e) => set({ id: e.currentTarget.value })} />}
                    </Field>
                    <Field label={t("site.primary")} error={fieldError(error, `${f}.Members.Items[0]`, `${f}.Members`)}>
                      {(a) => <Choice attrs={a} value={g.primary} options={asOptions(originIds)} none={t("choose")} onChange={(primary) => set({ primary })} />}
                    </Field>
                    <Field label={t("site.secondary")} error={fieldError(error, `${f}.Members.Items[1]`)}>
                      {(a) => <Choice attrs={a} value={g.secondary} options={asOptions(originIds)} none={t("choose")} onChange={(secondary) => set({ secondary })} />}
                    </Field>
                    <CheckSet legend={t("site.failoverCodes")} values={FAILOVER_CODES} chosen={g.codes as (typeof FAILOVER_CODES)[number][]} onChange={(codes) => set({ codes })} error={fieldError(error, `${f}.FailoverCriteria`)} />
                  </>
                );
              }}
            />
            <ListError error={error} field="config.OriginGroups.Items" />
          </Section>
          <Section title={t("site.behaviors")} hint={t("site.behaviorsHint")} testid="behaviors">
            <Rows
              items={s.behaviors}
              onChange={(behaviors) => upd({ behaviors })}
              blank={() => blankBehavior(targets[0] ?? "")}
              reorder
              legend={(i) => t("site.behaviorN", { n: String(i + 1) })}
              add={t("site.addBehavior")}
              render={(b, set, i) => {
                const f = `config.CacheBehaviors.Items[${i}]`;
                return (
                  <>
                    <Field label={t("site.pathPattern")} hint={t("site.pathHint")} error={fieldError(error, `${f}.PathPattern`)}>
                      {(a) => <input {...a} value={b.path} placeholder="/api/*" onInput={(e) => set({ path: e.currentTarget.value })} />}
                    </Field>
                    <Field label={t("site.target")} error={fieldError(error, `${f}.TargetOriginId`)}>
                      {(a) => <Choice attrs={a} value={b.target} options={asOptions(targets)} none={t("choose")} onChange={(target) => set({ target })} />}
                    </Field>
                    <Field label={t("site.viewer")} error={fieldError(error, `${f}.ViewerProtocolPolicy`)}>
                      {(a) => <Choice attrs={a} value={b.viewer} options={asOptions(["redirect-to-https", "https-only", "allow-all"])} none={t("site.policyDefault")} onChange={(viewer) => set({ viewer })} />}
                    </Field>
                    <Field label={t("site.methods")} error={fieldError(error, `${f}.AllowedMethods`)}>
                      {(a) => (
                        <select {...a} value={b.methods} onChange={(e) => set({ methods: e.currentTarget.value as MethodSet })}>
                          <option value="GET,HEAD">GET, HEAD</option>
                          <option value="GET,HEAD,OPTIONS">GET, HEAD, OPTIONS</option>
                          <option value="ALL">{t("site.allMethods")}</option>
                        </select>
                      )}
                    </Field>
                    <label class={fieldError(error, `${f}.Compress`) ? "check invalid" : "check"}>
                      <input type="checkbox" checked={b.compress} onChange={(e) => set({ compress: e.currentTarget.checked })} /> {t("site.compress")}
                    </label>
                    {fieldError(error, `${f}.Compress`) && <p class="field-error">{fieldError(error, `${f}.Compress`)}</p>}
                    <Field label={t("site.cachePolicy")} error={fieldError(error, `${f}.CachePolicyId`)}>
                      {(a) => <Choice attrs={a} value={b.cachePolicy} options={CACHE_POLICIES} none={t("site.policyDefault")} onChange={(cachePolicy) => set({ cachePolicy })} />}
                    </Field>
                    <Field label={t("site.originRequestPolicy")} error={fieldError(error, `${f}.OriginRequestPolicyId`)}>
                      {(a) => <Choice attrs={a} value={b.originRequestPolicy} options={ORIGIN_REQUEST_POLICIES} none={t("site.none")} onChange={(originRequestPolicy) => set({ originRequestPolicy })} />}
                    </Field>
                    <Field label={t("site.responseHeadersPolicy")} error={fieldError(error, `${f}.ResponseHeadersPolicyId`)}>
                      {(a) => <Choice attrs={a} value={b.responseHeadersPolicy} options={headerPolicies} none={t("site.policyDefault")} onChange={(responseHeadersPolicy) => set({ responseHeadersPolicy })} />}
                    </Field>
                  </>
                );
              }}
            />
            <ListError error={error} field="config.CacheBehaviors.Items" />
          </Section>
        </>
      )}
      <Section title={t("site.responseHeaders")} hint={t("site.responseHeadersHint")} testid="response-headers">
        <Field label={t("site.defaultHeaders")} error={fieldError(error, "config.DefaultCacheBehavior.ResponseHeadersPolicyId")}>
          {(a) => <Choice attrs={a} value={s.defaultHeaders} options={headerPolicies} none={t("site.policyDefault")} onChange={(defaultHeaders) => upd({ defaultHeaders })} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={cors.on} onChange={(e) => setCors({ on: e.currentTarget.checked })} /> {t("site.corsOn")}
        </label>
        {cors.on && (
          <fieldset>
            <legend>{t("site.rh.cfm:cors")}</legend>
            <Field label={t("site.corsOrigins")} hint={t("origin.corsOriginsHint")} error={fieldError(error, "config.ResponseHeadersPolicies.Cors.AllowOrigins")}>
              {(a) => <input {...a} value={cors.origins} onInput={(e) => setCors({ origins: e.currentTarget.value })} />}
            </Field>
            <CheckSet legend={t("origin.corsMethods")} values={CORS_METHODS} chosen={cors.methods} onChange={(methods) => setCors({ methods })} error={fieldError(error, "config.ResponseHeadersPolicies.Cors.AllowMethods")} />
            <Field label={t("origin.corsHeaders")} hint={t("site.corsHeadersHint")} error={fieldError(error, "config.ResponseHeadersPolicies.Cors.AllowHeaders")}>
              {(a) => <input {...a} value={cors.headers} onInput={(e) => setCors({ headers: e.currentTarget.value })} />}
            </Field>
            <Field label={t("site.corsExpose")} error={fieldError(error, "config.ResponseHeadersPolicies.Cors.ExposeHeaders")}>
              {(a) => <input {...a} value={cors.expose} onInput={(e) => setCors({ expose: e.currentTarget.value })} />}
            </Field>
            <label class="check">
              <input type="checkbox" checked={cors.credentials} onChange={(e) => setCors({ credentials: e.currentTarget.checked })} /> {t("site.corsCredentials")}
            </label>
            <Field label={t("origin.corsMaxAge")} hint={t("site.defaultIs", { v: "600" })} error={fieldError(error, "config.ResponseHeadersPolicies.Cors.MaxAgeSeconds")}>
              {(a) => <input {...a} type="number" min={0} value={cors.maxAge} onInput={(e) => setCors({ maxAge: e.currentTarget.value })} />}
            </Field>
          </fieldset>
        )}
        <label class="check">
          <input type="checkbox" checked={custom.on} onChange={(e) => setCustom({ on: e.currentTarget.checked, headers: custom.headers.length ? custom.headers : [blankResponseHeader()] })} /> {t("site.customOn")}
        </label>
        {custom.on && (
          <fieldset>
            <legend>{t("site.rh.cfm:custom")}</legend>
            <Rows
              items={custom.headers}
              onChange={(headers) => setCustom({ headers })}
              blank={blankResponseHeader}
              legend={(i) => t("site.responseHeaderN", { n: String(i + 1) })}
              add={t("site.addResponseHeader")}
              max={10}
              render={(h, set, i) => {
                const f = `config.ResponseHeadersPolicies.Custom.Headers[${i}]`;
                return (
                  <>
                    <Field label={t("site.headerName")} error={fieldError(error, `${f}.Header`)}>
                      {(a) => <input {...a} value={h.header} onInput={(e) => set({ header: e.currentTarget.value })} />}
                    </Field>
                    <Field label={t("site.responseHeaderValue")} error={fieldError(error, `${f}.Value`)}>
                      {(a) => <input {...a} value={h.value} onInput={(e) => set({ value: e.currentTarget.value })} />}
                    </Field>
                    <label class="check">
                      <input type="checkbox" checked={h.override} onChange={(e) => set({ override: e.currentTarget.checked })} /> {t("site.override")}
                    </label>
                  </>
                );
              }}
            />
            <ListError error={error} field="config.ResponseHeadersPolicies.Custom.Headers" />
            <ListError error={error} field="config.ResponseHeadersPolicies.Custom" />
            <label class="check">
              <input type="checkbox" checked={custom.security} onChange={(e) => setCustom({ security: e.currentTarget.checked })} /> {t("site.customSecurity")}
            </label>
          </fieldset>
        )}
      </Section>
      <Section title={t("site.tags")} hint={t("site.tagsHint")} testid="tags">
        <Rows
          items={s.tags}
          onChange={(tags) => upd({ tags })}
          blank={blankTag}
          legend={(i) => t("site.tagN", { n: String(i + 1) })}
          add={t("site.addTag")}
          render={(tag, set) => (
            <>
              <Field label={t("site.tagKey")}>{(a) => <input {...a} value={tag.key} onInput={(e) => set({ key: e.currentTarget.value })} />}</Field>
              <Field label={t("site.tagValue")} error={tag.key ? fieldError(error, `config.Tags.${tag.key}`) : undefined}>
                {(a) => <input {...a} value={tag.value} onInput={(e) => set({ value: e.currentTarget.value })} />}
              </Field>
            </>
          )}
        />
        <MissingTags error={error} tags={s.tags} />
      </Section>
      <Section title={t("site.geo")} testid="geo">
        <fieldset class={fieldError(error, "config.Restrictions") ? "invalid" : ""}>
          <legend>{t("site.geoType")}</legend>
          {(["none", "whitelist", "blacklist"] as GeoType[]).map((g) => (
            <label key={g} class="radio">
              <input type="radio" name="geo" value={g} checked={s.geo === g} onChange={() => upd({ geo: g })} /> {t(`site.geo.${g}`)}
            </label>
          ))}
        </fieldset>
        {s.geo !== "none" && (
          <Field label={t("site.countries")} hint={t("site.countriesHint")} error={fieldError(error, "config.Restrictions")}>
            {(a) => <input {...a} value={s.countries} onInput={(e) => upd({ countries: e.currentTarget.value })} />}
          </Field>
        )}
      </Section>
      <Section title={t("site.waf")} testid="waf">
        <Field label={t("site.webAcl")} hint={t("site.webAclHint")} error={fieldError(error, "config.WebACLId")}>
          {(a) => <input {...a} value={s.webAcl} onInput={(e) => upd({ webAcl: e.currentTarget.value })} />}
        </Field>
      </Section>
      <Section title={t("site.errors")} hint={t("site.errorsHint")} testid="error-responses">
        <Rows
          items={s.errors}
          onChange={(errors) => upd({ errors })}
          blank={blankError}
          legend={(i) => t("site.errorN", { n: String(i + 1) })}
          add={t("site.addError")}
          render={(e, set, i) => {
            const f = `config.CustomErrorResponses.Items[${i}]`;
            const codes = ERROR_CODES.map((c): [string, string] => [String(c), String(c)]);
            return (
              <>
                <Field label={t("site.errorCode")} error={fieldError(error, `${f}.ErrorCode`)}>
                  {(a) => <Choice attrs={a} value={e.code} options={codes} none={t("choose")} onChange={(code) => set({ code })} />}
                </Field>
                <Field label={t("site.errorPage")} hint={t("site.errorPageHint")} error={fieldError(error, `${f}.ResponsePagePath`)}>
                  {(a) => <input {...a} value={e.page} placeholder="/index.html" onInput={(ev) => set({ page: ev.currentTarget.value })} />}
                </Field>
                <Field label={t("site.responseCode")} error={fieldError(error, `${f}.ResponseCode`)}>
                  {(a) => <Choice attrs={a} value={e.responseCode} options={[["200", "200"], ...codes]} none={t("site.sameCode")} onChange={(responseCode) => set({ responseCode })} />}
                </Field>
                <Field label={t("site.errorTtl")} error={fieldError(error, `${f}.ErrorCachingMinTTL`)}>
                  {(a) => <input {...a} type="number" min={0} value={e.ttl} onInput={(ev) => set({ ttl: ev.currentTarget.value })} />}
                </Field>
              </>
            );
          }}
        />
      </Section>
    </details>
  );
}
