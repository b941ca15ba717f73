// Edge routing functions: list, create with a live preview (the generated code, its size
// against the limit, the headers it needs, and the routing map of that very code), detail
// with the replica-wait state of a Lambda@Edge delete, and delete.
import { useEffect, useState } from "preact/hooks";
import { canCreate, canModify, me } from "../auth";
import { ApiError, newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import { type RegionCode, regionCode, regions } from "../api/regions";
import type { EdgePreview, PresetName, RoutingOrigin } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { RoutingMap } from "../routing/map";
import { Link, navigate, path } from "../router";
import { ConfirmByName, Dl, ErrorView, Field, fieldError, Loading, OperationSteps, Page, Status, Time, DraftRestored } from "../ui/components";
import { ListTable, usePages } from "../ui/list";
import { useAsync, usePoll } from "../ui/hooks";
import { TERMINAL_OP } from "./shared";

export function EdgeFunctions() {
  const list = usePages((cursor) => api.listEdgeFunctions({ limit: 20, cursor }));
  return (
    <Page
      title={t("nav.edgeFunctions")}
      actions={
        canCreate(me()) && (
          <Link class="button primary" href="/edge-functions/new">
            {t("edge.create")}
          </Link>
        )
      }
    >
      <ErrorView error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <ListTable
          label={t("nav.edgeFunctions")}
          testid="edge-functions"
          rows={list.data.data.functions}
          rowKey={(f) => f.functionId}
          columns={[
            [t("field.name"), (f) => <Link href={path.edgeFunction(f.functionId)}>{f.functionName}</Link>],
            [t("edge.target"), (f) => f.target],
            [t("dist.preset"), (f) => f.preset],
            [t("field.status"), (f) => <Status value={f.status} />],
            [t("edge.origins"), (f) => 1 + (f.origins.additional ?? []).length],
            [t("field.owner"), (f) => f.createdBy],
          ]}
        />
      )}
      {list.pager}
    </Page>
  );
}

interface Form {
  name: string;
  preset: string;
  target: "cloudfront-function" | "lambda-edge";
  origins: RoutingOrigin[];
  key: string;
}

const blank = (region: RegionCode): RoutingOrigin => ({ originId: "", region, bucketName: "" });

export function EdgeFunctionCreate() {
  const presets = useAsync(() => api.listEdgePresets().then((r) => r.data), []);
  const managed = useAsync(() => api.listOrigins({ limit: 100 }).then((r) => r.data.origins), []);
  const [f, set, clearDraft, restored] = useDraft<Form>("edge-create", {
    name: "",
    preset: "",
    target: "cloudfront-function",
    origins: [blank("ap-northeast-2"), blank("us-east-1")],
    key: newIdempotencyKey(),
  });
  const upd = (p: Partial<Form>) => set((o) => ({ ...o, ...p }));
  const [preview, setPreview] = useState<EdgePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (presets.data && !f.preset) upd({ preset: presets.data.default });
  }, [presets.data]);
  useEffect(() => setPreview(null), [f.preset, f.target, JSON.stringify(f.origins)]);
  if (!canCreate(me())) return <Page title={t("edge.create")}><p>{t("role.readOnly")}</p></Page>;

  const [def, ...rest] = f.origins;
  const origins = { default: def ?? blank("us-east-1"), additional: rest };
  const setOrigin = (i: number, p: Partial<RoutingOrigin>) => upd({ origins: f.origins.map((o, j) => (j === i ? { ...o, ...p } : o)) });

  const doPreview = async () => {
    setError(null);
    try {
      setPreview((await api.previewEdgeFunction({ preset: f.preset as PresetName, target: f.target, origins })).data);
    } catch (err) {
      setError(err);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await api.createEdgeFunction({ name: f.name, preset: f.preset as PresetName, target: f.target, origins }, f.key);
      clearDraft();
      navigate(path.edgeFunction(r.data.function.functionId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const originField = (i: number, name: string) => (i === 0 ? `origins.default.${name}` : `origins.additional[${i - 1}].${name}`);
  return (
    <Page title={t("edge.create")} back={{ href: "/edge-functions", label: t("nav.edgeFunctions") }}>
      <DraftRestored restored={restored} />
      <form onSubmit={submit} noValidate>
        <Field label={t("field.name")} hint={t("edge.nameHint")} error={fieldError(error, "name")}>
          {(a) => <input {...a} name="name" value={f.name} onInput={(e) => upd({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={t("dist.preset")} hint={presets.data?.presets.find((p) => p.name === f.preset)?.description} error={fieldError(error, "preset")}>
          {(a) => (
            <select {...a} value={f.preset} onChange={(e) => upd({ preset: e.currentTarget.value })}>
              {(presets.data?.presets ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("edge.target")} error={fieldError(error, "target")}>
          {(a) => (
            <select {...a} value={f.target} onChange={(e) => upd({ target: e.currentTarget.value as Form["target"] })}>
              <option value="cloudfront-function">CloudFront Functions</option>
              <option value="lambda-edge">Lambda@Edge</option>
            </select>
          )}
        </Field>
        {f.origins.map((o, i) => (
          <fieldset key={i} class="origin-row">
            <legend>{i === 0 ? t("dist.defaultOrigin") : t("edge.originN", { n: String(i + 1) })}</legend>
            <Field label={t("edge.fromManaged")}>
              {(a) => (
                <select
                  {...a}
                  value=""
                  onChange={(e) => {
                    const m = managed.data?.find((x) => x.originId === e.currentTarget.value);
                    if (m) setOrigin(i, { originId: m.originId, region: m.region, bucketName: m.bucketName });
                  }}
                >
                  <option value="">{t("choose")}</option>
                  {(managed.data ?? []).map((m) => (
                    <option key={m.originId} value={m.originId}>
                      {m.name} ({m.region})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("edge.originId")} error={fieldError(error, originField(i, "originId"))}>
              {(a) => <input {...a} value={o.originId} onInput={(e) => setOrigin(i, { originId: e.currentTarget.value })} />}
            </Field>
            <Field label={t("field.region")} error={fieldError(error, originField(i, "region"))}>
              {(a) => (
                <select {...a} value={o.region} onChange={(e) => setOrigin(i, { region: regionCode(e.currentTarget.value) ?? o.region })}>
                  {regions.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.code} — {r.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("origin.bucket")} error={fieldError(error, originField(i, "bucketName"))}>
              {(a) => <input {...a} value={o.bucketName} onInput={(e) => setOrigin(i, { bucketName: e.currentTarget.value })} />}
            </Field>
            {i > 0 && (
              <button type="button" onClick={() => upd({ origins: f.origins.filter((_, j) => j !== i) })}>
                {t("edge.removeOrigin")}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" onClick={() => upd({ origins: [...f.origins, blank("eu-central-1")] })}>
            {t("edge.addOrigin")}
          </button>
        </p>
        <ErrorView error={error} />
        <div class="actions">
          <button type="button" onClick={() => void doPreview()}>
            {t("edge.preview")}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t("edge.createSubmit")}
          </button>
        </div>
      </form>
      {preview && <PreviewView preview={preview} />}
    </Page>
  );
}

function PreviewView({ preview }: { preview: EdgePreview }) {
  return (
    <section aria-labelledby="preview-title" data-testid="edge-preview">
      <h2 id="preview-title">{t("edge.previewTitle")}</h2>
      <Dl
        rows={[
          [t("edge.target"), preview.target],
          [t("edge.runtime"), preview.runtime],
          [t("edge.event"), preview.eventType],
          [t("edge.size"), t("edge.sizeOf", { n: String(preview.estimatedSize), limit: String(preview.sizeLimit) })],
          [t("edge.headers"), preview.requiredHeaders.join(", ")],
        ]}
      />
      <h3>{t("map.title")}</h3>
      <RoutingMap code={preview.functionCode} target={preview.target} />
      <details>
        <summary>{t("edge.code")}</summary>
        <pre class="code" data-testid="edge-code">{preview.functionCode}</pre>
      </details>
    </section>
  );
}

export function EdgeFunctionDetail({ id }: { id: string }) {
  const res = useAsync(() => api.getEdgeFunction(id).then((r) => r.data.function), [id]);
  const fn = res.data;
  // Deleted while shown: the last state stays on screen, marked Deleted, and polling stops.
  const gone = res.error instanceof ApiError && res.error.status === 404;
  const op = useAsync(() => (fn?.operationId ? api.getOperation(fn.operationId).then((r) => r.data.operation) : Promise.resolve(undefined)), [fn?.operationId, fn?.status]);
  // Followed until both the function and its operation have settled (the function can be
  // Active while its operation still finishes).
  const busy = !!fn && !gone && (fn.status === "Creating" || fn.status === "Deleting" || (!!op.data && !TERMINAL_OP.includes(op.data.status)));
  usePoll(() => {
    res.reload();
    op.reload();
  }, 1000, busy);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey());
  if (res.error && !fn) return <Page title={t("nav.edgeFunctions")}><ErrorView error={res.error} /></Page>;
  if (!fn) return <Loading />;
  const replicaWait = fn.status === "Deleting" && fn.target === "lambda-edge";
  return (
    <Page title={fn.functionName} back={{ href: "/edge-functions", label: t("nav.edgeFunctions") }}>
      <p data-testid="edge-status">
        <Status value={gone ? "Deleted" : fn.status} />
      </p>
      {replicaWait && !gone && (
        <p class="notice" role="status" data-testid="replica-wait">
          {t("edge.replicaWait")}
        </p>
      )}
      {op.data && <OperationSteps op={op.data} />}
      <Dl
        rows={[
          ["ID", <code>{fn.functionId}</code>],
          [t("edge.target"), fn.target],
          [t("dist.preset"), fn.preset],
          [t("edge.runtime"), fn.runtime],
          ["ARN", fn.functionArn],
          [t("edge.version"), fn.versionArn],
          [t("edge.size"), String(fn.codeSize)],
          ["SHA-256", fn.codeSha256 ? <code>{fn.codeSha256}</code> : "—"],
          [t("edge.usedBy"), fn.associatedDistributions.join(", ") || "—"],
          [t("field.owner"), fn.createdBy],
          [t("field.created"), <Time iso={fn.createdAt} />],
        ]}
      />
      <ListTable
        label={t("edge.origins")}
        caption={t("edge.origins")}
        rows={[fn.origins.default, ...(fn.origins.additional ?? [])]}
        rowKey={(o) => o.originId}
        columns={[
          [t("edge.originId"), (o) => o.originId],
          [t("field.region"), (o) => o.region],
          [t("origin.bucket"), (o) => o.bucketName],
        ]}
      />
      <FunctionPreview preset={fn.preset} target={fn.target} origins={fn.origins} />
      {canModify(me(), fn.createdBy) && fn.status !== "Deleting" && !deleting && (
        <button type="button" class="danger" onClick={() => setDeleting(true)}>
          {t("edge.delete")}
        </button>
      )}
      {deleting && (
        <ConfirmByName
          name={fn.functionName}
          action={t("edge.delete")}
          warning={fn.target === "lambda-edge" ? <p>{t("edge.deleteWarning")}</p> : undefined}
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            setError(null);
            try {
              await api.deleteEdgeFunction(fn.functionId, key);
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

function FunctionPreview(props: { preset: PresetName; target: EdgePreview["target"]; origins: { default: RoutingOrigin; additional?: RoutingOrigin[] } }) {
  const pv = useAsync(() => api.previewEdgeFunction({ preset: props.preset, target: props.target, origins: props.origins }).then((r) => r.data), [props.preset, props.target, JSON.stringify(props.origins)]);
  if (pv.error) return <ErrorView error={pv.error} />;
  if (!pv.data) return <Loading />;
  return <PreviewView preview={pv.data} />;
}
