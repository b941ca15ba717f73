// Edge routing functions: list, create with a live preview (the generated code, its size
// against the limit, the headers it needs, and the routing map of that very code), detail
// with the replica-wait state of a Lambda@Edge delete, and delete.
import { useEffect, useState } from "preact/hooks";
import { canCreate, canModify, me } from "../auth";
import { newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { RegionCode } from "../api/regions";
import type { EdgePreview, PresetName, RoutingOrigin } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { RoutingMap } from "../routing/map";
import { Link, navigate, path } from "../router";
import { ConfirmByName, Dl, ErrorView, Field, fieldError, Loading, OperationSteps, Page, Status, Time, DraftRestored } from "../ui/components";
import { ListScreen, ListTable, usePages } from "../ui/list";
import { useAsync } from "../ui/hooks";
import { useFollowed } from "./follow";
import { Rows } from "../ui/rows";
import { ManagedOriginSelect, RegionSelect, TargetSelect } from "./pickers";
import { TERMINAL_OP } from "./shared";

export function EdgeFunctions() {
  const list = usePages((cursor) => api.listEdgeFunctions({ limit: 20, cursor }));
  return (
    <ListScreen
      title={t("nav.edgeFunctions")}
      create={{ href: "/edge-functions/new", label: t("edge.create") }}
      list={list}
      testid="edge-functions"
      rows={list.data?.data.functions ?? []}
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
          {(a) => <TargetSelect attrs={a} value={f.target} onChange={(target) => upd({ target })} />}
        </Field>
        <Rows
          items={f.origins}
          onChange={(origins) => upd({ origins })}
          blank={() => blank("eu-central-1")}
          fixed={1}
          class="origin-row"
          legend={(i) => (i === 0 ? t("dist.defaultOrigin") : t("edge.originN", { n: String(i + 1) }))}
          add={t("edge.addOrigin")}
          render={(o, setOrigin, i) => (
            <>
              <Field label={t("edge.fromManaged")}>
                {(a) => (
                  <ManagedOriginSelect
                    attrs={a}
                    origins={managed.data ?? []}
                    value=""
                    onChange={(m) => m && setOrigin({ originId: m.originId, region: m.region, bucketName: m.bucketName })}
                  />
                )}
              </Field>
              <Field label={t("edge.originId")} error={fieldError(error, originField(i, "originId"))}>
                {(a) => <input {...a} value={o.originId} onInput={(e) => setOrigin({ originId: e.currentTarget.value })} />}
              </Field>
              <Field label={t("field.region")} error={fieldError(error, originField(i, "region"))}>
                {(a) => <RegionSelect attrs={a} value={o.region} onChange={(region) => setOrigin({ region })} />}
              </Field>
              <Field label={t("origin.bucket")} error={fieldError(error, originField(i, "bucketName"))}>
                {(a) => <input {...a} value={o.bucketName} onInput={(e) => setOrigin({ bucketName: e.currentTarget.value })} />}
              </Field>
            </>
          )}
        />
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
  // Followed until both the function and its operation have settled (the function can be
  // Active while its operation still finishes).
  const { res, gone, op } = useFollowed(
    () => api.getEdgeFunction(id).then((r) => r.data.function),
    [id],
    (fn, op) => fn.status === "Creating" || fn.status === "Deleting" || (!!op && !TERMINAL_OP.includes(op.status)),
  );
  const fn = res.data;
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
