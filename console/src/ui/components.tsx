// Shared building blocks. Values from the API are only ever rendered as text nodes or
// attribute values (Preact escapes both); nothing here sets HTML from data.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, retryNotices, type RetryNotice } from "../api/client";
import type { Operation } from "../api/types";
import { t, formatDate } from "../i18n";
import { Link, navigate, path } from "../router";

export function Page(props: { title: string; actions?: ComponentChildren; children: ComponentChildren; back?: { href: string; label: string } }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · CloudFront Manager`;
  }, [props.title]);
  return (
    <section class="page" aria-labelledby="page-title">
      {props.back && (
        <p class="back">
          <Link href={props.back.href}>← {props.back.label}</Link>
        </p>
      )}
      <header class="page-head">
        <h1 id="page-title" ref={h1} tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions && <div class="actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t("loading")}
    </p>
  );
}

/** An API error as the user should read it: 400 lists the fields (each input shows its own
 * too), 422 names the guardrail, 409 links the operation that holds the resource. */
export function ErrorView({ error }: { error: unknown }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div class="error" role="alert">
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const e = error;
  return (
    <div class="error" role="alert" data-status={e.status} data-code={e.code}>
      <p class="error-title">
        {e.status === 400
          ? t("error.validation")
          : e.status === 422
            ? t("error.policy")
            : e.status === 409
              ? t("error.conflict")
              : e.status === 403
                ? t("error.forbidden")
                : e.status === 404
                  ? t("error.notFound")
                  : e.status === 429 || e.status === 503
                    ? t("error.busy")
                    : t("error.generic")}
      </p>
      {e.status === 422 && e.rule && (
        <p class="rule">
          {t("error.rule")}: <code>{e.rule}</code>
        </p>
      )}
      <p class="error-message">{e.message}</p>
      {e.fields.length > 0 && (
        <ul class="field-errors">
          {e.fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {e.status === 409 && e.operationId && (
        <p>
          {t("error.heldBy")} <Link href={path.operation(e.operationId)}>{e.operationId}</Link>
        </p>
      )}
    </div>
  );
}

let fieldSeq = 0;
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attrs: { id: string; "aria-invalid"?: "true"; "aria-describedby"?: string }) => JSX.Element;
}) {
  const [id] = useState(() => `f${++fieldSeq}`);
  const describedBy = [props.hint ? `${id}-hint` : "", props.error ? `${id}-err` : ""].filter(Boolean).join(" ");
  return (
    <div class={props.error ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {props.children({ id, ...(props.error ? { "aria-invalid": "true" as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The first field error whose name is, or starts with, one of names. */
export function fieldError(err: unknown, ...names: string[]): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const f = err.fields.find((x) => names.some((n) => x.field === n || x.field.startsWith(n + ".") || x.field.startsWith(n + "[")));
  return f?.message;
}

const statusTone: Record<string, string> = {
  Deployed: "ok", Active: "ok", Succeeded: "ok", ISSUED: "ok", Completed: "ok",
  Failed: "bad", Deleted: "muted", EXPIRED: "bad", REVOKED: "bad",
};
export function Status({ value }: { value: string | undefined }) {
  if (!value) return null;
  return <span class={`status ${statusTone[value] ?? "busy"}`}>{t(`status.${value}`, {}, value)}</span>;
}

export function Time({ iso }: { iso: string | undefined }) {
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{formatDate(iso)}</time>;
}

/** Shows 429/503/network retries as they happen: which status, which attempt, how long. */
export function RetryBanner() {
  const [n, setN] = useState<RetryNotice | null>(null);
  const [left, setLeft] = useState(0);
  useEffect(() => retryNotices(setN), []);
  useEffect(() => {
    if (!n) return;
    const until = Date.now() + n.waitMs;
    setLeft(Math.ceil(n.waitMs / 1000));
    const id = setInterval(() => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000))), 250);
    return () => clearInterval(id);
  }, [n]);
  if (!n) return null;
  return (
    <div class="retry" role="status" aria-live="polite" data-status={String(n.status)}>
      {t("retry.notice", {
        status: n.status === "network" ? t("retry.network") : String(n.status),
        attempt: String(n.attempt),
        of: String(n.of),
        seconds: String(left),
      })}
    </div>
  );
}

export function OperationSteps({ op }: { op: Operation }) {
  return (
    <div class="operation" data-operation={op.id} data-status={op.status}>
      <p>
        <Link href={path.operation(op.id)}>{op.id}</Link> · {op.kind} · <Status value={op.status} /> · {t("op.attempts")}: {op.attempts}
      </p>
      <ol class="steps" aria-label={t("op.steps")}>
        {op.steps.map((s, i) => (
          <li key={i} class={`step ${s.status}`}>
            <span class="step-name">{s.name}</span> <Status value={s.status} />
            {s.detail && <span class="step-detail"> — {s.detail}</span>} <Time iso={s.at} />
          </li>
        ))}
      </ol>
      {op.lastError && (
        <p class="error-message" role="alert">
          {t("op.lastError")}: {op.lastError}
        </p>
      )}
    </div>
  );
}

/** Asks to type the resource's name before a destructive action. */
export function ConfirmByName(props: {
  name: string;
  action: string;
  warning?: ComponentChildren;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const [typed, setTyped] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="confirm" role="group" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.action}</h2>
      {props.warning}
      <Field label={t("confirm.typeName", { name: props.name })}>
        {(a) => <input {...a} ref={input} value={typed} autocomplete="off" onInput={(e) => setTyped(e.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="button" class="danger" disabled={typed !== props.name || props.busy} onClick={props.onConfirm}>
          {props.action}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

export function Pager(props: { cursor: string | undefined; onNext: () => void; onFirst?: (() => void) | undefined; page: number }) {
  return (
    <nav class="pager" aria-label={t("pager.label")}>
      {props.page > 1 && props.onFirst && (
        <button type="button" onClick={props.onFirst}>
          {t("pager.first")}
        </button>
      )}
      <span>{t("pager.page", { n: String(props.page) })}</span>
      {props.cursor && (
        <button type="button" onClick={props.onNext}>
          {t("pager.next")}
        </button>
      )}
    </nav>
  );
}

export function Dl({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="props">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ChangesTable({ changes }: { changes: { path: string; from?: unknown; to?: unknown }[] }) {
  if (changes.length === 0) return <p class="muted">{t("diff.none")}</p>;
  const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));
  return (
    <table class="diff">
      <caption>{t("diff.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("diff.path")}</th>
          <th scope="col">{t("diff.from")}</th>
          <th scope="col">{t("diff.to")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <td>
              <code>{c.path}</code>
            </td>
            <td class="from">
              <code>{show(c.from)}</code>
            </td>
            <td class="to">
              <code>{show(c.to)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Said when a form came back from sessionStorage (after signing in again). */
export function DraftRestored({ restored }: { restored: boolean }) {
  if (!restored) return null;
  return (
    <p class="notice" role="status">
      {t("draft.restored")}
    </p>
  );
}

/** A form's submit and cancel; cancel drops the draft and leaves for cancelTo. */
export function FormActions(props: { submit: string; busy?: boolean; cancelTo: string; clearDraft: () => void; children?: ComponentChildren }) {
  return (
    <div class="actions">
      {props.children}
      <button type="submit" class="primary" disabled={props.busy}>
        {props.submit}
      </button>
      <button
        type="button"
        onClick={() => {
          props.clearDraft();
          navigate(props.cancelTo);
        }}
      >
        {t("cancel")}
      </button>
    </div>
  );
}
