// Templates: saved distribution configs. List, create/edit (the config as CloudFront JSON),
// detail, delete, and apply (a new distribution from the template, with a name and optional
// overrides deep-merged over its config).
import { useState } from "preact/hooks";
import { canCreate, canModify, me } from "../auth";
import { newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { DistributionConfig, MultiOriginConfig, Template } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { Link, navigate, path } from "../router";
import { ConfirmByName, Dl, ErrorView, Field, fieldError, Loading, Page, Time, DraftRestored, FormActions } from "../ui/components";
import { ListScreen, usePages } from "../ui/list";
import { useAsync } from "../ui/hooks";

export function Templates() {
  const list = usePages((cursor) => api.listTemplates({ limit: 20, cursor }));
  return (
    <ListScreen
      title={t("nav.templates")}
      create={{ href: "/templates/new", label: t("tmpl.create") }}
      list={list}
      testid="templates"
      rows={list.data?.data.templates ?? []}
      rowKey={(tp) => tp.templateId}
      columns={[
        [t("field.name"), (tp) => <Link href={path.template(tp.templateId)}>{tp.name}</Link>],
        [t("tmpl.category"), (tp) => tp.category],
        [t("tmpl.description"), (tp) => tp.description],
        [t("field.owner"), (tp) => tp.createdBy],
        [t("field.updated"), (tp) => <Time iso={tp.updatedAt} />],
      ]}
    />
  );
}

const EXAMPLE = JSON.stringify({ Comment: "static site", Enabled: true, DefaultRootObject: "index.html" }, null, 2);

interface Form {
  name: string;
  description: string;
  category: string;
  features: string;
  config: string;
  multiOrigin: string;
  key: string;
}

/** Features are comma-separated labels (they may contain spaces). */
function splitFeatures(s: string): string[] {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Parses the config text; a JSON syntax error is reported at the config field. */
function parseConfig(text: string): DistributionConfig {
  const v: unknown = JSON.parse(text || "{}");
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new SyntaxError("must be a JSON object");
  return v as DistributionConfig;
}

export function TemplateForm({ id }: { id?: string }) {
  const existing = useAsync(() => (id ? api.getTemplate(id).then((r) => r.data.template) : Promise.resolve(undefined)), [id]);
  if (id && !existing.data) return existing.error ? <ErrorView error={existing.error} /> : <Loading />;
  return <TemplateFormBody tp={existing.data} />;
}

function TemplateFormBody({ tp }: { tp: Template | undefined }) {
  const [f, set, clearDraft, restored] = useDraft<Form>(tp ? `template-edit-${tp.templateId}-v${tp.version}` : "template-create", {
    name: tp?.name ?? "",
    description: tp?.description ?? "",
    category: tp?.category ?? "General",
    features: (tp?.features ?? []).join(", "),
    config: tp ? JSON.stringify(tp.config, null, 2) : EXAMPLE,
    multiOrigin: tp?.multiOriginConfig ? JSON.stringify(tp.multiOriginConfig, null, 2) : "",
    key: newIdempotencyKey(),
  });
  const upd = (p: Partial<Form>) => set((o) => ({ ...o, ...p }));
  const [error, setError] = useState<unknown>(null);
  const [jsonError, setJsonError] = useState<string | undefined>();
  if (!(tp ? canModify(me(), tp.createdBy) : canCreate(me()))) return <Page title={t("tmpl.create")}><p>{t("role.readOnly")}</p></Page>;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setJsonError(undefined);
    let config: DistributionConfig;
    let multiOriginConfig: MultiOriginConfig | undefined;
    try {
      config = parseConfig(f.config);
      multiOriginConfig = f.multiOrigin.trim() ? (parseConfig(f.multiOrigin) as unknown as MultiOriginConfig) : undefined;
    } catch (err) {
      setJsonError(`${t("tmpl.badJson")}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    try {
      if (tp) {
        await api.updateTemplate(tp.templateId, { name: f.name, description: f.description, category: f.category, features: splitFeatures(f.features), config, ...(multiOriginConfig ? { multiOriginConfig } : {}), version: tp.version }, f.key);
        clearDraft();
        navigate(path.template(tp.templateId));
      } else {
        const r = await api.createTemplate({ name: f.name, description: f.description, category: f.category, features: splitFeatures(f.features), config, ...(multiOriginConfig ? { multiOriginConfig } : {}) }, f.key);
        clearDraft();
        navigate(path.template(r.data.template.templateId));
      }
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Page title={tp ? `${t("edit")}: ${tp.name}` : t("tmpl.create")} back={{ href: tp ? path.template(tp.templateId) : "/templates", label: tp?.name ?? t("nav.templates") }}>
      <DraftRestored restored={restored} />
      <form onSubmit={submit} noValidate>
        <Field label={t("field.name")} error={fieldError(error, "name")}>
          {(a) => <input {...a} name="name" value={f.name} onInput={(e) => upd({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={t("tmpl.description")} error={fieldError(error, "description")}>
          {(a) => <input {...a} value={f.description} onInput={(e) => upd({ description: e.currentTarget.value })} />}
        </Field>
        <Field label={t("tmpl.category")} error={fieldError(error, "category")}>
          {(a) => <input {...a} value={f.category} onInput={(e) => upd({ category: e.currentTarget.value })} />}
        </Field>
        <Field label={t("tmpl.features")} hint={t("tmpl.featuresHint")} error={fieldError(error, "features")}>
          {(a) => <input {...a} value={f.features} onInput={(e) => upd({ features: e.currentTarget.value })} />}
        </Field>
        <Field label={t("tmpl.config")} hint={t("tmpl.configHint")} error={jsonError ?? fieldError(error, "config")}>
          {(a) => <textarea {...a} class="code" rows={12} spellcheck={false} value={f.config} onInput={(e) => upd({ config: e.currentTarget.value })} />}
        </Field>
        <Field label={t("tmpl.multiOrigin")} hint={t("tmpl.multiOriginHint")} error={fieldError(error, "multiOriginConfig")}>
          {(a) => <textarea {...a} class="code" rows={4} spellcheck={false} value={f.multiOrigin} onInput={(e) => upd({ multiOrigin: e.currentTarget.value })} />}
        </Field>
        <ErrorView error={error} />
        <FormActions submit={tp ? t("save") : t("tmpl.createSubmit")} cancelTo={tp ? path.template(tp.templateId) : "/templates"} clearDraft={clearDraft} />
      </form>
    </Page>
  );
}

export function TemplateDetail({ id }: { id: string }) {
  const res = useAsync(() => api.getTemplate(id).then((r) => r.data.template), [id]);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [overrides, setOverrides] = useState("{}");
  const [applyError, setApplyError] = useState<unknown>(null);
  const [jsonError, setJsonError] = useState<string | undefined>();
  const [key] = useState(newIdempotencyKey());
  if (res.error) return <Page title={t("nav.templates")}><ErrorView error={res.error} /></Page>;
  const tp = res.data;
  if (!tp) return <Loading />;
  const mine = canModify(me(), tp.createdBy);
  const apply = async (e: Event) => {
    e.preventDefault();
    setApplyError(null);
    setJsonError(undefined);
    let config: DistributionConfig;
    try {
      config = parseConfig(overrides);
    } catch (err) {
      setJsonError(`${t("tmpl.badJson")}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    try {
      const r = await api.applyTemplate(tp.templateId, { name, config }, key);
      navigate(path.distribution(r.data.distribution.id));
    } catch (err) {
      setApplyError(err);
    }
  };
  return (
    <Page
      title={tp.name}
      back={{ href: "/templates", label: t("nav.templates") }}
      actions={
        mine && (
          <Link class="button" href={`${path.template(tp.templateId)}/edit`}>
            {t("edit")}
          </Link>
        )
      }
    >
      <Dl
        rows={[
          ["ID", <code>{tp.templateId}</code>],
          [t("tmpl.category"), tp.category],
          [t("tmpl.description"), tp.description],
          [t("tmpl.features"), (tp.features ?? []).join(", ") || undefined],
          [t("field.owner"), tp.createdBy],
          [t("field.created"), <Time iso={tp.createdAt} />],
          [t("field.updated"), <Time iso={tp.updatedAt} />],
        ]}
      />
      <pre class="json" data-testid="template-config">{JSON.stringify(tp.config, null, 2)}</pre>
      {tp.multiOriginConfig && <pre class="json" data-testid="template-multi-origin">{JSON.stringify(tp.multiOriginConfig, null, 2)}</pre>}
      {mine && (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title">{t("tmpl.apply")}</h2>
          <form onSubmit={apply} noValidate>
            <Field label={t("tmpl.distName")} error={fieldError(applyError, "name")}>
              {(a) => <input {...a} name="distName" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
            </Field>
            <Field label={t("tmpl.overrides")} error={jsonError ?? fieldError(applyError, "config")}>
              {(a) => <textarea {...a} class="code" rows={4} value={overrides} onInput={(e) => setOverrides(e.currentTarget.value)} />}
            </Field>
            <ErrorView error={applyError} />
            <button type="submit" class="primary">
              {t("tmpl.applySubmit")}
            </button>
          </form>
        </section>
      )}
      {mine && !deleting && (
        <button type="button" class="danger" onClick={() => setDeleting(true)}>
          {t("tmpl.delete")}
        </button>
      )}
      {deleting && (
        <ConfirmByName
          name={tp.name}
          action={t("tmpl.delete")}
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            try {
              await api.deleteTemplate(tp.templateId);
              navigate("/templates");
            } catch (err) {
              setError(err);
            }
          }}
        />
      )}
      <ErrorView error={error} />
    </Page>
  );
}
