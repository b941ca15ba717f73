// Create a distribution: on one managed origin, on several with a routing preset (with the
// routing map of the code that would be deployed), or from a template. The plan (dry run) can be
// reviewed before anything is created.
import { useEffect, useState } from "preact/hooks";
import { canCreate, me } from "../auth";
import { newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { ConfigPlan, DistributionRequest, EdgePreview, Origin, PresetName, RoutingOrigin } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { RoutingMap } from "../routing/map";
import { navigate, path } from "../router";
import { ErrorView, Field, fieldError, Loading, Page, DraftRestored, FormActions } from "../ui/components";
import { useAsync } from "../ui/hooks";
import { CertificatePicker } from "./cert_picker";
import { ManagedOriginSelect, TargetSelect } from "./pickers";
import { certificateConfig, s3OriginItem, splitList } from "./shared";
import { blankSite, siteConfig, withoutSecrets } from "./site_model";
import type { Site } from "./site_model";
import { SiteSettings } from "./site_settings";

type Mode = "single" | "multi" | "template";
interface Form {
  mode: Mode;
  name: string;
  comment: string;
  rootObject: string;
  originId: string;
  defaultOriginId: string;
  additional: string[];
  preset: string;
  target: "cloudfront-function" | "lambda-edge";
  templateId: string;
  certArn: string;
  aliases: string;
  /** more managed origins, beside the first (for failover groups and path behaviors) */
  more: string[];
  /** from a template: the config id of the chosen managed origin (the template's behaviors
   * name their targets, e.g. SPA + API's "site") */
  templateOriginId: string;
  site: Site;
  key: string;
}

const initial = (): Form => ({
  mode: "single",
  name: "",
  comment: "",
  rootObject: "index.html",
  originId: "",
  defaultOriginId: "",
  additional: [],
  preset: "",
  target: "cloudfront-function",
  templateId: "",
  certArn: "",
  aliases: "",
  more: [],
  templateOriginId: "site",
  site: blankSite(),
  key: newIdempotencyKey(),
});

export function routingOrigin(o: Origin): RoutingOrigin {
  return { originId: o.originId, region: o.region, bucketName: o.bucketName };
}

export function DistributionCreate() {
  const [f, set, clearDraft, restored] = useDraft<Form>("distribution-create", initial(), (v) => ({ ...v, site: withoutSecrets(v.site) }));
  const upd = (p: Partial<Form>) => set((old) => ({ ...old, ...p }));
  const refs = useAsync(
    () =>
      Promise.all([api.listOrigins({ limit: 100 }), api.listCertificates(), api.listEdgePresets(), api.listTemplates({ limit: 100 })]).then(
        ([o, c, p, tp]) => ({ origins: o.data.origins, certs: c.data.certificates, presets: p.data.presets, defaultPreset: p.data.default, templates: tp.data.templates }),
      ),
    [],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [plan, setPlan] = useState<ConfigPlan | null>(null);
  const [preview, setPreview] = useState<EdgePreview | null>(null);
  const origins = (refs.data?.origins ?? []).filter((o) => o.status === "Active");

  useEffect(() => {
    if (refs.data && !f.preset) upd({ preset: refs.data.defaultPreset });
  }, [refs.data]);
  useEffect(() => setPlan(null), [f]);

  const selectedManaged = [f.originId, ...f.more.filter((id) => id !== f.originId)].map((id) => origins.find((o) => o.originId === id)).filter((o): o is Origin => !!o);
  const selected = [f.defaultOriginId, ...f.additional.filter((id) => id !== f.defaultOriginId)]
    .map((id) => origins.find((o) => o.originId === id))
    .filter((o): o is Origin => !!o);

  // The multi-origin routing code, regenerated as the choice changes (POST /api/lambda-edge/preview).
  useEffect(() => {
    setPreview(null);
    if (f.mode !== "multi" || selected.length < 2 || !f.preset) return;
    const [def, ...rest] = selected;
    if (!def) return;
    let live = true;
    api
      .previewEdgeFunction({ preset: f.preset as PresetName, target: f.target, origins: { default: routingOrigin(def), additional: rest.map(routingOrigin) } })
      .then((r) => live && setPreview(r.data), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [f.mode, f.preset, f.target, selected.map((o) => o.originId).join(",")]);

  if (!canCreate(me())) return <Page title={t("dist.create")}><p>{t("role.readOnly")}</p></Page>;
  if (refs.loading && !refs.data) return <Loading />;

  // The managed origins as config items; from a template the first takes the id it names.
  const managedItems = () => selectedManaged.map((o, i) => (f.mode === "template" && i === 0 && f.templateOriginId ? { ...s3OriginItem(o), Id: f.templateOriginId } : s3OriginItem(o)));
  const request = (): DistributionRequest => {
    const cert = certificateConfig(splitList(f.aliases), f.certArn);
    const site = siteConfig(f.site, managedItems());
    if (f.mode === "multi") {
      delete site.Origins; // the routing function's origins are the multi-origin config's
      return {
        name: f.name,
        isMultiOrigin: true,
        multiOriginConfig: {
          defaultOriginId: f.defaultOriginId,
          additionalOriginIds: f.additional.filter((id) => id !== f.defaultOriginId),
          preset: (f.preset || undefined) as PresetName | undefined,
          target: f.target,
        },
        config: { Comment: f.comment, Enabled: true, DefaultRootObject: f.rootObject || undefined, ...site, ...cert },
      };
    }
    const first = site.Origins?.Items?.[0]?.Id;
    return {
      name: f.name,
      isMultiOrigin: false,
      config: {
        Comment: f.comment,
        Enabled: true,
        DefaultRootObject: f.rootObject || undefined,
        ...site,
        ...(first ? { DefaultCacheBehavior: { TargetOriginId: first, ViewerProtocolPolicy: "redirect-to-https", ...site.DefaultCacheBehavior } } : {}),
        ...cert,
      },
    };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (f.mode === "template") {
        // The settings given here replace the template's (a list as a whole); the rest is the template's.
        const overrides = { Comment: f.comment || undefined, ...siteConfig(f.site, managedItems()), ...certificateConfig(splitList(f.aliases), f.certArn) };
        const r = await api.applyTemplate(f.templateId, { name: f.name, config: overrides }, f.key);
        clearDraft();
        navigate(path.distribution(r.data.distribution.id));
        return;
      }
      const r = await api.createDistribution(request(), { key: f.key });
      clearDraft();
      navigate(path.distribution(r.data.distribution.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const review = async () => {
    setError(null);
    try {
      setPlan((await api.planDistribution(request())).data);
    } catch (err) {
      setError(err);
    }
  };

  const toggleAdditional = (id: string, on: boolean) => upd({ additional: on ? [...f.additional, id] : f.additional.filter((x) => x !== id) });
  const presets = refs.data?.presets ?? [];
  const preset = presets.find((p) => p.name === f.preset);

  return (
    <Page title={t("dist.create")} back={{ href: "/distributions", label: t("nav.distributions") }}>
      <DraftRestored restored={restored} />
      <form onSubmit={submit} noValidate aria-describedby="create-help">
        <p id="create-help" class="hint">
          {t("dist.createHelp")}
        </p>
        <fieldset>
          <legend>{t("dist.how")}</legend>
          {(["single", "multi", "template"] as const).map((m) => (
            <label key={m} class="radio">
              <input type="radio" name="mode" value={m} checked={f.mode === m} onChange={() => upd({ mode: m })} /> {t(`dist.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t("field.name")} error={fieldError(error, "name")}>
          {(a) => <input {...a} name="name" required maxLength={128} value={f.name} onInput={(e) => upd({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={t("field.comment")} error={fieldError(error, "config.Comment")}>
          {(a) => <input {...a} name="comment" maxLength={128} value={f.comment} onInput={(e) => upd({ comment: e.currentTarget.value })} />}
        </Field>

        {f.mode !== "multi" && (
          <>
            <Field label={t("dist.origin")} error={fieldError(error, "config.Origins.Items[0]", "config.DefaultCacheBehavior.TargetOriginId")} hint={origins.length ? undefined : t("dist.noOrigins")}>
              {(a) => (
                <ManagedOriginSelect attrs={a} name="origin" origins={origins} value={f.originId} label={(o) => `${o.name} — ${o.bucketName} (${o.region})`} onChange={(_, originId) => upd({ originId })} />
              )}
            </Field>
            {f.mode === "template" ? (
              <Field label={t("dist.templateOriginId")} hint={t("dist.templateOriginIdHint")} error={fieldError(error, "config.Origins.Items[0].Id")}>
                {(a) => <input {...a} value={f.templateOriginId} onInput={(e) => upd({ templateOriginId: e.currentTarget.value })} />}
              </Field>
            ) : (
              <Field label={t("dist.rootObject")} error={fieldError(error, "config.DefaultRootObject")}>
                {(a) => <input {...a} value={f.rootObject} onInput={(e) => upd({ rootObject: e.currentTarget.value })} />}
              </Field>
            )}
          </>
        )}

        {f.mode === "multi" && (
          <>
            <Field label={t("dist.preset")} error={fieldError(error, "multiOriginConfig.preset")} hint={preset?.description}>
              {(a) => (
                <select {...a} value={f.preset} onChange={(e) => upd({ preset: e.currentTarget.value })}>
                  {presets.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name} ({p.minOrigins}–{p.maxOrigins})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("edge.target")} error={fieldError(error, "multiOriginConfig.target")}>
              {(a) => <TargetSelect attrs={a} value={f.target} onChange={(target) => upd({ target })} />}
            </Field>
            <Field label={t("dist.defaultOrigin")} error={fieldError(error, "multiOriginConfig.defaultOriginId")}>
              {(a) => (
                <ManagedOriginSelect attrs={a} origins={origins} value={f.defaultOriginId} onChange={(_, defaultOriginId) => upd({ defaultOriginId })} />
              )}
            </Field>
            <fieldset class={fieldError(error, "multiOriginConfig.additionalOriginIds") ? "invalid" : ""}>
              <legend>{t("dist.additionalOrigins")}</legend>
              {origins
                .filter((o) => o.originId !== f.defaultOriginId)
                .map((o) => (
                  <label key={o.originId} class="check">
                    <input type="checkbox" value={o.originId} checked={f.additional.includes(o.originId)} onChange={(e) => toggleAdditional(o.originId, e.currentTarget.checked)} /> {o.name} ({o.region})
                  </label>
                ))}
              {fieldError(error, "multiOriginConfig.additionalOriginIds") && <p class="field-error">{fieldError(error, "multiOriginConfig.additionalOriginIds")}</p>}
            </fieldset>
            {preview && (
              <section aria-labelledby="map-title">
                <h2 id="map-title">{t("map.title")}</h2>
                <RoutingMap code={preview.functionCode} target={preview.target} />
              </section>
            )}
          </>
        )}

        {f.mode === "template" && (
          <Field label={t("dist.template")} error={fieldError(error, "templateId")}>
            {(a) => (
              <select {...a} value={f.templateId} onChange={(e) => upd({ templateId: e.currentTarget.value })}>
                <option value="">{t("choose")}</option>
                {(refs.data?.templates ?? []).map((tp) => (
                  <option key={tp.templateId} value={tp.templateId}>
                    {tp.name} ({tp.category})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        <SiteSettings site={f.site} onChange={(site) => upd({ site })} error={error} origins={f.mode !== "multi"} originIds={managedItems().map((o) => o.Id ?? "")}>
            <fieldset>
              <legend>{t("dist.moreOrigins")}</legend>
              {origins
                .filter((o) => o.originId !== f.originId)
                .map((o) => (
                  <label key={o.originId} class="check">
                    <input type="checkbox" checked={f.more.includes(o.originId)} onChange={(e) => upd({ more: e.currentTarget.checked ? [...f.more, o.originId] : f.more.filter((x) => x !== o.originId) })} /> {o.name} —{" "}
                    {o.bucketName} ({o.region})
                  </label>
                ))}
            </fieldset>
        </SiteSettings>
        <CertificatePicker
          certs={refs.data?.certs ?? []}
          form={f}
          onChange={upd}
          error={error}
        />
        <ErrorView error={error} />
        {plan && (
          <section aria-labelledby="plan-title" class="plan">
            <h2 id="plan-title">{t("dist.plan")}</h2>
            <pre class="json" data-testid="plan">{JSON.stringify(plan.config, null, 2)}</pre>
          </section>
        )}
        <FormActions submit={t("dist.createSubmit")} busy={busy} cancelTo={"/distributions"} clearDraft={clearDraft}>
          {f.mode !== "template" && (
            <button type="button" onClick={() => void review()}>
              {t("dist.review")}
            </button>
          )}
        </FormActions>
      </form>
    </Page>
  );
}
