// Operations: the list (filters: status, resource, actor) and one operation's steps, attempts,
// last error and result, polled until it ends.
import { useState } from "preact/hooks";
import { api } from "../api/endpoints";
import type { Operation } from "../api/types";
import { t } from "../i18n";
import { Link, path } from "../router";
import { Dl, ErrorView, Field, Loading, OperationSteps, Page, Status, Time } from "../ui/components";
import { ListTable, usePages } from "../ui/list";
import { useAsync, usePoll } from "../ui/hooks";
import { TERMINAL_OP } from "./shared";

/** A link to the resource an operation acts on. */
export function ResourceLink({ op }: { op: Pick<Operation, "resourceType" | "resourceId"> }) {
  const href =
    op.resourceType === "distribution"
      ? path.distribution(op.resourceId)
      : op.resourceType === "origin"
        ? path.origin(op.resourceId)
        : op.resourceType === "edge-function" || op.resourceType === "edgeFunction"
          ? path.edgeFunction(op.resourceId)
          : op.resourceType === "template"
            ? path.template(op.resourceId)
            : undefined;
  return href ? (
    <Link href={href}>
      {op.resourceType} {op.resourceId}
    </Link>
  ) : (
    <span>
      {op.resourceType} {op.resourceId}
    </span>
  );
}

export function OperationsTable({ ops }: { ops: Operation[] }) {
  return (
    <ListTable
      label={t("nav.operations")}
      testid="operations"
      rows={ops}
      rowKey={(o) => o.id}
      columns={[
        ["ID", (o) => <Link href={path.operation(o.id)}>{o.id}</Link>],
        [t("op.kind"), (o) => o.kind],
        [t("op.resource"), (o) => <ResourceLink op={o} />],
        [t("field.status"), (o) => <Status value={o.status} />],
        [t("op.actor"), (o) => o.actor],
        [t("field.updated"), (o) => <Time iso={o.updatedAt} />],
      ]}
    />
  );
}

export function Operations() {
  const [filters, setFilters] = useState({ status: "", resourceId: "", actor: "" });
  const [applied, setApplied] = useState(filters);
  const list = usePages((cursor) => api.listOperations({ limit: 20, cursor, ...applied }), [JSON.stringify(applied)]);
  return (
    <Page title={t("nav.operations")}>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          list.restart();
          setApplied(filters);
        }}
      >
        <Field label={t("filter.status")}>
          {(a) => (
            <select {...a} value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value })}>
              <option value="">{t("filter.any")}</option>
              {["Accepted", "Running", "Succeeded", "Failed"].map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`, {}, s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("op.resource")}>{(a) => <input {...a} value={filters.resourceId} onInput={(e) => setFilters({ ...filters, resourceId: e.currentTarget.value })} />}</Field>
        <Field label={t("op.actor")}>{(a) => <input {...a} value={filters.actor} onInput={(e) => setFilters({ ...filters, actor: e.currentTarget.value })} />}</Field>
        <button type="submit">{t("filter.apply")}</button>
      </form>
      <ErrorView error={list.error} />
      {!list.data ? list.error ? null : <Loading /> : <OperationsTable ops={list.data.data.operations} />}
      {list.pager}
    </Page>
  );
}

export function OperationDetail({ id }: { id: string }) {
  const res = useAsync(() => api.getOperation(id).then((r) => r.data.operation), [id]);
  const op = res.data;
  usePoll(res.reload, 1000, !!op && !TERMINAL_OP.includes(op.status));
  if (res.error && !op) return <Page title={t("nav.operations")}><ErrorView error={res.error} /></Page>;
  if (!op) return <Loading />;
  return (
    <Page title={`${t("op.title")} ${op.id}`} back={{ href: "/operations", label: t("nav.operations") }}>
      <Dl
        rows={[
          [t("op.kind"), op.kind],
          [t("op.resource"), <ResourceLink op={op} />],
          [t("field.status"), <Status value={op.status} />],
          [t("op.attempts"), String(op.attempts)],
          [t("op.actor"), op.actor],
          [t("field.created"), <Time iso={op.createdAt} />],
          [t("field.updated"), <Time iso={op.updatedAt} />],
          [t("op.deadline"), <Time iso={op.deadline} />],
          [t("op.lastError"), op.lastError ?? "—"],
        ]}
      />
      <OperationSteps op={op} />
      {op.result && Object.keys(op.result).length > 0 && (
        <section aria-labelledby="result-title">
          <h2 id="result-title">{t("op.result")}</h2>
          <Dl rows={Object.entries(op.result).map(([k, v]) => [k, v])} />
        </section>
      )}
    </Page>
  );
}
