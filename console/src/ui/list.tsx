// List screens share these: a table with a column list (header + cell per row, an empty row
// when there is nothing), cursor paging over an API list route, and the list screen itself
// (title, create link for who may create, filters, the table, the pager).
import type { ComponentChildren, JSX } from "preact";
import { useState } from "preact/hooks";
import { canCreate, me } from "../auth";
import { t } from "../i18n";
import { Link } from "../router";
import { ErrorView, Loading, Page, Pager } from "./components";
import { useAsync, type Async } from "./hooks";

export type Column<T> = [header: string, cell: (row: T) => ComponentChildren];

export function ListTable<T>(props: { label: string; caption?: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; testid?: string }) {
  return (
    <table class="list" data-testid={props.testid}>
      <caption class={props.caption ? "" : "sr-only"}>{props.caption ?? props.label}</caption>
      <thead>
        <tr>
          {props.columns.map(([h]) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={props.rowKey(r)}>
            {props.columns.map(([h, cell]) => (
              <td key={h}>{cell(r)}</td>
            ))}
          </tr>
        ))}
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={props.columns.length} class="muted">
              {t("empty")}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Pages through a list route by its opaque cursor; pager is the page navigation. */
export function usePages<P extends { nextCursor: string }>(
  load: (cursor: string | undefined) => Promise<{ data: P }>,
  deps: unknown[] = [],
): Async<{ data: P }> & { pager: JSX.Element; restart: () => void } {
  const [cursors, setCursors] = useState<string[]>([""]);
  const cursor = cursors[cursors.length - 1] ?? "";
  const res = useAsync(() => load(cursor || undefined), [cursor, ...deps]);
  const next = res.data?.data.nextCursor;
  const pager = <Pager page={cursors.length} cursor={next || undefined} onNext={() => next && setCursors([...cursors, next])} onFirst={() => setCursors([""])} />;
  return { ...res, pager, restart: () => setCursors([""]) };
}

/** A list screen: the page, its create link (shown to who may create), optional filters, the
 * table of the current page's rows (a loading line until the first page came) and the pager. */
export function ListScreen<T>(props: {
  title: string;
  create?: { href: string; label: string };
  list: Async<unknown> & { pager: JSX.Element };
  rows: T[];
  filters?: ComponentChildren;
  testid: string;
  rowKey: (row: T) => string;
  columns: Column<T>[];
}) {
  const { list, create } = props;
  return (
    <Page
      title={props.title}
      actions={
        create &&
        canCreate(me()) && (
          <Link class="button primary" href={create.href}>
            {create.label}
          </Link>
        )
      }
    >
      {props.filters && (
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          {props.filters}
        </form>
      )}
      <ErrorView error={list.error} />
      {list.data === undefined ? <Loading /> : <ListTable label={props.title} testid={props.testid} rows={props.rows} rowKey={props.rowKey} columns={props.columns} />}
      {list.pager}
    </Page>
  );
}
