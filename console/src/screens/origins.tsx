// Origins (managed S3 buckets): list, create and edit (CORS and website settings), detail with
// the distributions that use it, and delete — with the force option for a non-empty bucket,
// whose objects are deleted with it.
import { useState } from "preact/hooks";
import { canCreate, canModify, me } from "../auth";
import { ApiError, newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { RegionCode } from "../api/regions";
import type { Origin, OriginRequest } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { Link, navigate, path } from "../router";
import { ConfirmByName, Dl, ErrorView, Field, fieldError, Loading, OperationSteps, Page, Status, Time, DraftRestored, FormActions } from "../ui/components";
import { ListScreen, usePages } from "../ui/list";
import { useAsync } from "../ui/hooks";
import { useFollowed } from "./follow";
import { RegionSelect } from "./pickers";
import { splitList } from "./shared";

export function Origins() {
  const list = usePages((cursor) => api.listOrigins({ limit: 20, cursor }));
  const [q, setQ] = useState("");
  const rows = (list.data?.data.origins ?? []).filter((o) => !q || [o.name, o.bucketName, o.region, o.originId].some((s) => s.toLowerCase().includes(q.toLowerCase())));
  return (
    <ListScreen
      title={t("nav.origins")}
      create={{ href: "/origins/new", label: t("origin.create") }}
      list={list}
      testid="origins"
      rows={rows}
      rowKey={(o) => o.originId}
      filters={<Field label={t("search")}>{(a) => <input {...a} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}</Field>}
      columns={[
        [t("field.name"), (o) => <Link href={path.origin(o.originId)}>{o.name}</Link>],
        [t("origin.bucket"), (o) => o.bucketName],
        [t("field.region"), (o) => o.region],
        [t("field.status"), (o) => <Status value={o.status} />],
        [t("origin.usedBy"), (o) => (o.associatedDistributionIds ?? o.associatedDistributions).length],
        [t("field.owner"), (o) => o.owner],
      ]}
    />
  );
}

interface Form {
  name: string;
  bucketName: string;
  region: RegionCode;
  adopt: boolean;
  website: boolean;
  indexDocument: string;
  errorDocument: string;
  cors: boolean;
  corsOrigins: string;
  corsMethods: string[];
  corsHeaders: string;
  corsMaxAge: string;
  key: string;
}

const METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"];

function formOf(o?: Origin): Form {
  return {
    name: o?.name ?? "",
    bucketName: o?.bucketName ?? "",
    region: o?.region ?? "ap-northeast-2",
    adopt: o?.adopted ?? false,
    website: o?.websiteHosting?.enabled ?? false,
    indexDocument: o?.websiteHosting?.indexDocument ?? "index.html",
    errorDocument: o?.websiteHosting?.errorDocument ?? "",
    cors: o?.corsConfiguration?.enabled ?? false,
    corsOrigins: (o?.corsConfiguration?.allowedOrigins ?? []).join(", "),
    corsMethods: o?.corsConfiguration?.allowedMethods ?? ["GET", "HEAD"],
    corsHeaders: (o?.corsConfiguration?.allowedHeaders ?? []).join(", "),
    corsMaxAge: o?.corsConfiguration?.maxAgeSeconds !== undefined ? String(o.corsConfiguration.maxAgeSeconds) : "3000",
    key: newIdempotencyKey(),
  };
}

export function OriginForm({ id }: { id?: string }) {
  const existing = useAsync(() => (id ? api.getOrigin(id).then((r) => r.data.origin) : Promise.resolve(undefined)), [id]);
  if (id && !existing.data) return existing.error ? <ErrorView error={existing.error} /> : <Loading />;
  return <OriginFormBody origin={existing.data} />;
}

function OriginFormBody({ origin }: { origin: Origin | undefined }) {
  const [f, set, clearDraft, restored] = useDraft<Form>(origin ? `origin-edit-${origin.originId}-v${origin.version ?? 0}` : "origin-create", formOf(origin));
  const upd = (p: Partial<Form>) => set((o) => ({ ...o, ...p }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const allowed = origin ? canModify(me(), origin.owner) : canCreate(me());
  if (!allowed) return <Page title={t("origin.create")}><p>{t("role.readOnly")}</p></Page>;

  const settingsBody = (): Pick<OriginRequest, "websiteHosting" | "corsConfiguration"> => ({
    websiteHosting: f.website ? { enabled: true, indexDocument: f.indexDocument || undefined, errorDocument: f.errorDocument || undefined } : { enabled: false },
    corsConfiguration: f.cors
      ? {
          enabled: true,
          allowedOrigins: splitList(f.corsOrigins),
          allowedMethods: f.corsMethods as NonNullable<OriginRequest["corsConfiguration"]>["allowedMethods"],
          allowedHeaders: splitList(f.corsHeaders),
          maxAgeSeconds: f.corsMaxAge === "" ? undefined : Number(f.corsMaxAge),
        }
      : { enabled: false },
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (origin) {
        await api.updateOrigin(origin.originId, { name: f.name, ...settingsBody() }, f.key);
        clearDraft();
        navigate(path.origin(origin.originId));
      } else {
        // An adopted bucket keeps the owner's website and CORS settings unless turned on here.
        const settings = settingsBody();
        if (f.adopt && !f.website) delete settings.websiteHosting;
        if (f.adopt && !f.cors) delete settings.corsConfiguration;
        const r = await api.createOrigin({ name: f.name, bucketName: f.bucketName, region: f.region, adopt: f.adopt, ...settings }, f.key);
        clearDraft();
        navigate(path.origin(r.data.origin.originId));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const title = origin ? `${t("edit")}: ${origin.name}` : t("origin.create");
  return (
    <Page title={title} back={{ href: origin ? path.origin(origin.originId) : "/origins", label: origin?.name ?? t("nav.origins") }}>
      <DraftRestored restored={restored} />
      <form onSubmit={submit} noValidate>
        <Field label={t("field.name")} error={fieldError(error, "name")}>
          {(a) => <input {...a} name="name" value={f.name} onInput={(e) => upd({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={t("origin.bucket")} error={fieldError(error, "bucketName")} hint={origin ? t("origin.fixed") : t("origin.bucketHint")}>
          {(a) => <input {...a} name="bucketName" value={f.bucketName} disabled={!!origin} onInput={(e) => upd({ bucketName: e.currentTarget.value })} />}
        </Field>
        <Field label={t("field.region")} error={fieldError(error, "region")}>
          {(a) => (
            <RegionSelect attrs={a} name="region" value={f.region} disabled={!!origin} onChange={(region) => upd({ region })} />
          )}
        </Field>
        {!origin && (
          <div class="field">
            <label class="check">
              <input type="checkbox" name="adopt" checked={f.adopt} aria-describedby="adopt-hint" onChange={(e) => upd({ adopt: e.currentTarget.checked })} /> {t("origin.adopt")}
            </label>
            <p class="hint" id="adopt-hint">
              {t("origin.adoptHint")}
            </p>
          </div>
        )}
        <fieldset>
          <legend>{t("origin.website")}</legend>
          <label class="check">
            <input type="checkbox" name="website" checked={f.website} onChange={(e) => upd({ website: e.currentTarget.checked })} /> {t("origin.websiteOn")}
          </label>
          {f.website && (
            <>
              <Field label={t("origin.index")} error={fieldError(error, "websiteHosting.indexDocument")}>
                {(a) => <input {...a} value={f.indexDocument} onInput={(e) => upd({ indexDocument: e.currentTarget.value })} />}
              </Field>
              <Field label={t("origin.errorDoc")} error={fieldError(error, "websiteHosting.errorDocument")}>
                {(a) => <input {...a} value={f.errorDocument} onInput={(e) => upd({ errorDocument: e.currentTarget.value })} />}
              </Field>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>CORS</legend>
          <label class="check">
            <input type="checkbox" name="cors" checked={f.cors} onChange={(e) => upd({ cors: e.currentTarget.checked })} /> {t("origin.corsOn")}
          </label>
          {f.cors && (
            <>
              <Field label={t("origin.corsOrigins")} hint={t("origin.corsOriginsHint")} error={fieldError(error, "corsConfiguration.allowedOrigins")}>
                {(a) => <input {...a} name="corsOrigins" value={f.corsOrigins} onInput={(e) => upd({ corsOrigins: e.currentTarget.value })} />}
              </Field>
              <fieldset class={fieldError(error, "corsConfiguration.allowedMethods") ? "invalid" : ""}>
                <legend>{t("origin.corsMethods")}</legend>
                {METHODS.map((m) => (
                  <label key={m} class="check">
                    <input
                      type="checkbox"
                      checked={f.corsMethods.includes(m)}
                      onChange={(e) => upd({ corsMethods: e.currentTarget.checked ? [...f.corsMethods, m] : f.corsMethods.filter((x) => x !== m) })}
                    />{" "}
                    {m}
                  </label>
                ))}
                {fieldError(error, "corsConfiguration.allowedMethods") && <p class="field-error">{fieldError(error, "corsConfiguration.allowedMethods")}</p>}
              </fieldset>
              <Field label={t("origin.corsHeaders")} error={fieldError(error, "corsConfiguration.allowedHeaders")}>
                {(a) => <input {...a} value={f.corsHeaders} onInput={(e) => upd({ corsHeaders: e.currentTarget.value })} />}
              </Field>
              <Field label={t("origin.corsMaxAge")} error={fieldError(error, "corsConfiguration.maxAgeSeconds")}>
                {(a) => <input {...a} type="number" min={0} max={86400} value={f.corsMaxAge} onInput={(e) => upd({ corsMaxAge: e.currentTarget.value })} />}
              </Field>
            </>
          )}
        </fieldset>
        <ErrorView error={error} />
        <FormActions submit={origin ? t("save") : t("origin.createSubmit")} busy={busy} cancelTo={origin ? path.origin(origin.originId) : "/origins"} clearDraft={clearDraft} />
      </form>
    </Page>
  );
}

export function OriginDetail({ id }: { id: string }) {
  const { res, gone, op } = useFollowed(() => api.getOrigin(id).then((r) => r.data.origin), [id], (o) => ["Creating", "Updating", "Deleting"].includes(o.status));
  const o = res.data;
  const [deleting, setDeleting] = useState(false);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey());
  if (res.error && !o) return <Page title={t("nav.origins")}><ErrorView error={res.error} /></Page>;
  if (!o) return <Loading />;
  const mine = canModify(me(), o.owner);
  const needsForce = error instanceof ApiError && error.status === 409 && /force/.test(error.message);
  const cors = o.corsConfiguration;
  return (
    <Page
      title={o.name}
      back={{ href: "/origins", label: t("nav.origins") }}
      actions={
        mine && (
          <Link class="button" href={`${path.origin(o.originId)}/edit`}>
            {t("edit")}
          </Link>
        )
      }
    >
      <p data-testid="origin-status">
        <Status value={gone ? "Deleted" : o.status} />
      </p>
      {op.data && <OperationSteps op={op.data} />}
      <Dl
        rows={[
          ["ID", <code>{o.originId}</code>],
          [t("origin.bucket"), o.bucketName],
          [t("field.region"), o.region],
          [t("origin.domain"), o.originDomain],
          ["URL", o.bucketUrl],
          ["OAC", o.oacId],
          [t("origin.access"), o.access],
          [t("origin.adopted"), o.adopted ? t("yes") : t("no")],
          [t("origin.policy"), o.bucketPolicy ? `OAC: ${o.bucketPolicy.hasOacAccess ? "✓" : "✗"} · OAI: ${o.bucketPolicy.hasOaiAccess ? "✓" : "✗"}` : "—"],
          [t("origin.website"), o.websiteHosting?.enabled ? `${o.websiteHosting.indexDocument ?? ""} / ${o.websiteHosting.errorDocument ?? ""}` : t("off")],
          ["CORS", cors?.enabled ? `${(cors.allowedOrigins ?? []).join(", ")} · ${(cors.allowedMethods ?? []).join(", ")} · ${cors.maxAgeSeconds ?? ""}s` : t("off")],
          [t("field.owner"), o.owner],
          [t("field.created"), <Time iso={o.createdAt} />],
        ]}
      />
      <section aria-labelledby="used-title">
        <h2 id="used-title">{t("origin.usedBy")}</h2>
        <ul data-testid="used-by">
          {(o.associatedDistributionIds ?? []).map((d) => (
            <li key={d}>
              <Link href={path.distribution(d)}>{d}</Link>
            </li>
          ))}
          {o.associatedDistributions
            .filter((arn) => !(o.associatedDistributionIds ?? []).some((d) => arn.endsWith(d)))
            .map((arn) => (
              <li key={arn}>
                <code>{arn}</code>
              </li>
            ))}
          {(o.associatedDistributionIds ?? []).length === 0 && o.associatedDistributions.length === 0 && <li class="muted">{t("origin.unused")}</li>}
        </ul>
      </section>
      {mine && o.status !== "Deleting" && !deleting && (
        <button type="button" class="danger" onClick={() => setDeleting(true)}>
          {t("origin.delete")}
        </button>
      )}
      {deleting && (
        <ConfirmByName
          name={o.name}
          action={t("origin.delete")}
          warning={
            <div>
              <p>{o.adopted ? t("origin.deleteWarningAdopted") : t("origin.deleteWarning")}</p>
              {!o.adopted && (
                <label class="check">
                  <input type="checkbox" name="force" checked={force} onChange={(e) => setForce(e.currentTarget.checked)} /> {t("origin.force")}
                </label>
              )}
              {(force || needsForce) && (
                <p class="warning" role="alert">
                  {t("origin.forceWarning", { bucket: o.bucketName })}
                </p>
              )}
            </div>
          }
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            setError(null);
            try {
              await api.deleteOrigin(o.originId, force, force ? `${key}-force` : key);
              setDeleting(false);
              res.reload();
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
