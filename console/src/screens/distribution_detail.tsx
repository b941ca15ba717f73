// One distribution: live status and the running operation's steps (polled, no reload), the
// drift banner, the routing map of a multi-origin distribution, the config, the history
// timeline, and the actions its owner (or an admin) may take: edit, invalidate, delete.
import { useEffect, useState } from "preact/hooks";
import { canModify, me } from "../auth";
import { ApiError, newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { Distribution, EdgePreview, Operation } from "../api/types";
import { t } from "../i18n";
import { RoutingMap } from "../routing/map";
import { Link, path } from "../router";
import { ChangesTable, ConfirmByName, Dl, ErrorView, Field, fieldError, Loading, OperationSteps, Page, Pager, Status, Time } from "../ui/components";
import { useAsync, usePoll } from "../ui/hooks";
import { splitList, TERMINAL_DIST, TERMINAL_OP } from "./shared";
import { SiteSummary } from "./site_summary";

export async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function DistributionDetail({ id }: { id: string }) {
  const dist = useAsync(() => api.getDistribution(id).then((r) => r.data.distribution), [id]);
  const gone = dist.error instanceof ApiError && dist.error.status === 404 && !!dist.data;
  const [live, setLive] = useState<{ status: string; progress: number; op?: Operation } | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  // An invalidation runs as its own operation while the distribution stays Deployed.
  const [extraOp, setExtraOp] = useState<string | undefined>();
  const d = dist.data;
  const status = gone ? "Deleted" : (live?.status ?? d?.status);
  const opId = d?.operationId;
  const polling =
    !!d && (!TERMINAL_DIST.includes(status ?? "") || (!!live?.op && !TERMINAL_OP.includes(live.op.status)) || (!!extraOp && live?.op?.id !== extraOp));

  const tick = async () => {
    try {
      const s = (await api.getDistributionStatus(id)).data;
      const watch = extraOp || s.operationId || opId;
      const op = watch ? (await api.getOperation(watch)).data.operation : undefined;
      const was = live?.status ?? d?.status;
      setLive({ status: s.status, progress: s.deploymentProgress, ...(op ? { op } : {}) });
      if (s.status !== was || (op && TERMINAL_OP.includes(op.status) && live?.op?.status !== op.status)) {
        dist.reload();
        setHistoryKey((k) => k + 1);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setLive((l) => ({ progress: 100, ...l, status: "Deleted" }));
    }
  };
  usePoll(() => void tick(), 1000, polling);
  useEffect(() => {
    if (d?.operationId) void tick();
  }, [d?.operationId]);

  if (dist.error && !gone) return <Page title={t("nav.distributions")}><ErrorView error={dist.error} /></Page>;
  if (!d) return <Loading />;
  const mine = canModify(me(), d.owner);
  return (
    <Page
      title={d.name}
      back={{ href: "/distributions", label: t("nav.distributions") }}
      actions={
        mine && (
          <Link class="button" href={`${path.distribution(d.id)}/edit`}>
            {t("edit")}
          </Link>
        )
      }
    >
      {d.drifted && (
        <div class="drift" role="alert" data-testid="drift">
          <h2>{t("drift.title")}</h2>
          <p>{t("drift.body", { actor: d.drift?.actor ?? "?", event: d.drift?.eventName ?? "?" })}</p>
          {d.drift && <ChangesTable changes={d.drift.changes} />}
        </div>
      )}
      <section aria-labelledby="live-title" class="live">
        <h2 id="live-title">{t("dist.live")}</h2>
        <p aria-live="polite" data-testid="live-status">
          <Status value={status} />
          {polling && live && ` · ${t("dist.progress", { n: String(live.progress) })}`}
        </p>
        {live?.op && <OperationSteps op={live.op} />}
      </section>
      <Dl
        rows={[
          ["ID", <code>{d.id}</code>],
          [t("field.domain"), d.domainName],
          ["CloudFront ID", d.cloudfrontId],
          ["ARN", d.arn],
          [t("field.owner"), d.owner],
          [t("filter.kind"), d.isMultiOrigin ? t("dist.multi") : t("dist.single")],
          [t("dist.aliases"), (d.config.Aliases?.Items ?? []).join(", ") || "—"],
          [t("field.created"), <Time iso={d.createdAt} />],
          [t("field.updated"), <Time iso={d.updatedAt} />],
          [t("dist.template"), d.templateId ? <Link href={path.template(d.templateId)}>{d.templateId}</Link> : "—"],
          [
            t("nav.origins"),
            (d.originIds ?? []).length ? (
              <span>
                {(d.originIds ?? []).map((o) => (
                  <Link key={o} href={path.origin(o)}>
                    {o}{" "}
                  </Link>
                ))}
              </span>
            ) : (
              "—"
            ),
          ],
          [t("nav.edgeFunctions"), d.lambdaEdgeFunctionId ? <Link href={path.edgeFunction(d.lambdaEdgeFunctionId)}>{d.lambdaEdgeFunctionId}</Link> : "—"],
        ]}
      />
      <SiteSummary config={d.config} />
      {d.isMultiOrigin && d.lambdaEdgeFunctionId && <DeployedRouting functionId={d.lambdaEdgeFunctionId} />}
      {mine && status === "Deployed" && (
        <Invalidate
          id={d.id}
          onAccepted={(op) => {
            setExtraOp(op);
            setLive((l) => (l ? { status: l.status, progress: l.progress } : l));
          }}
        />
      )}
      <History id={d.id} key={historyKey} />
      <details class="config">
        <summary>{t("dist.config")}</summary>
        <pre class="json" data-testid="config">{JSON.stringify(d.config, null, 2)}</pre>
      </details>
      {mine && status !== "Deleting" && status !== "Deleted" && <Delete d={d} onDone={dist.reload} />}
    </Page>
  );
}

/** The routing map of the function a multi-origin distribution runs: its code is regenerated
 * from the function's origins and preset, and checked against the deployed code's SHA-256. */
function DeployedRouting({ functionId }: { functionId: string }) {
  const res = useAsync(async () => {
    const fn = (await api.getEdgeFunction(functionId)).data.function;
    const pv = (await api.previewEdgeFunction({ preset: fn.preset, target: fn.target, origins: fn.origins })).data;
    const sha = await sha256Hex(pv.functionCode);
    return { fn, pv, same: !fn.codeSha256 || fn.codeSha256 === sha };
  }, [functionId]);
  if (res.error) return <ErrorView error={res.error} />;
  if (!res.data) return <Loading />;
  const { pv, same } = res.data as { pv: EdgePreview; same: boolean };
  return (
    <section aria-labelledby="routing-title">
      <h2 id="routing-title">{t("map.title")}</h2>
      <p class={same ? "hint" : "error"} data-testid="code-match" data-same={String(same)}>
        {same ? t("map.sameCode") : t("map.otherCode")}
      </p>
      <RoutingMap code={pv.functionCode} target={pv.target} />
    </section>
  );
}

function Invalidate({ id, onAccepted }: { id: string; onAccepted: (operationId: string) => void }) {
  const [paths, setPaths] = useState("/*");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey());
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.invalidateDistribution(id, { paths: splitList(paths) }, key);
      setDone(r.data.operation.id);
      onAccepted(r.data.operation.id);
      setKey(newIdempotencyKey());
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="inv-title">
      <h2 id="inv-title">{t("inv.title")}</h2>
      <form onSubmit={submit} noValidate>
        <Field label={t("inv.paths")} hint={t("inv.hint")} error={fieldError(error, "paths")}>
          {(a) => <textarea {...a} rows={2} value={paths} onInput={(e) => setPaths(e.currentTarget.value)} />}
        </Field>
        <ErrorView error={error} />
        <button type="submit">{t("inv.submit")}</button>
      </form>
      {done && (
        <p role="status" data-testid="invalidation">
          {t("inv.accepted")} <Link href={path.operation(done)}>{done}</Link>
        </p>
      )}
    </section>
  );
}

function History({ id }: { id: string }) {
  const [cursors, setCursors] = useState<string[]>([""]);
  const cursor = cursors[cursors.length - 1] ?? "";
  const h = useAsync(() => api.getDistributionHistory(id, { limit: 20, cursor: cursor || undefined }), [id, cursor]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("history.title")}</h2>
      <ErrorView error={h.error} />
      <ol class="timeline" data-testid="history">
        {(h.data?.data.history ?? []).map((e) => (
          <li key={e.id} data-action={e.action}>
            <Time iso={e.at} /> · <strong>{t(`history.${e.action}`, {}, e.action)}</strong> · {e.actor}
            {e.operationId && (
              <>
                {" "}
                · <Link href={path.operation(e.operationId)}>{e.operationId}</Link>
              </>
            )}
            {e.message && <p>{e.message}</p>}
            {e.changes && e.changes.length > 0 && e.changes.length <= 4 && <ChangesTable changes={e.changes} />}
            {e.changes && e.changes.length > 4 && (
              <details>
                <summary>{t("history.changes", { n: String(e.changes.length) })}</summary>
                <ChangesTable changes={e.changes} />
              </details>
            )}
          </li>
        ))}
      </ol>
      <Pager page={cursors.length} cursor={h.data?.data.nextCursor || undefined} onNext={() => h.data?.data.nextCursor && setCursors([...cursors, h.data.data.nextCursor])} onFirst={() => setCursors([""])} />
    </section>
  );
}

function Delete({ d, onDone }: { d: Distribution; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey());
  if (!open)
    return (
      <p>
        <button type="button" class="danger" onClick={() => setOpen(true)}>
          {t("dist.delete")}
        </button>
      </p>
    );
  return (
    <>
      <ConfirmByName
        name={d.name}
        action={t("dist.delete")}
        busy={busy}
        warning={<p>{t("dist.deleteWarning")}</p>}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          try {
            await api.deleteDistribution(d.id, key);
            setOpen(false);
            onDone();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      />
      <ErrorView error={error} />
    </>
  );
}
