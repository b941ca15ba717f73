// Distributions: a page at a time (the API's cursor), searched and filtered in the page.
import { useState } from "preact/hooks";
import { api } from "../api/endpoints";
import { t } from "../i18n";
import { Link, path } from "../router";
import { Field, Status, Time } from "../ui/components";
import { ListScreen, usePages } from "../ui/list";

const STATUSES = ["Creating", "InProgress", "Deployed", "Updating", "Deleting", "Failed"];
const PAGE = 20;

export function Distributions() {
  const list = usePages((cursor) => api.listDistributions({ limit: PAGE, cursor }));
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [kind, setKind] = useState("");
  const rows = (list.data?.data.distributions ?? []).filter((d) => {
    const needle = q.trim().toLowerCase();
    const hit = !needle || [d.name, d.id, d.domainName ?? "", d.cloudfrontId ?? "", d.owner].some((s) => s.toLowerCase().includes(needle));
    return hit && (!status || d.status === status) && (!kind || (kind === "multi") === d.isMultiOrigin);
  });
  return (
    <ListScreen
      title={t("nav.distributions")}
      create={{ href: "/distributions/new", label: t("dist.create") }}
      list={list}
      testid="distributions"
      rows={rows}
      rowKey={(d) => d.id}
      filters={
        <>
          <Field label={t("search")}>{(a) => <input {...a} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}</Field>
          <Field label={t("filter.status")}>
            {(a) => (
              <select {...a} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                <option value="">{t("filter.any")}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`, {}, s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("filter.kind")}>
            {(a) => (
              <select {...a} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
                <option value="">{t("filter.any")}</option>
                <option value="single">{t("dist.single")}</option>
                <option value="multi">{t("dist.multi")}</option>
              </select>
            )}
          </Field>
        </>
      }
      columns={[
        [t("field.name"), (d) => <Link href={path.distribution(d.id)}>{d.name}</Link>],
        [t("field.status"), (d) => <Status value={d.status} />],
        [t("field.domain"), (d) => d.domainName ?? "—"],
        [t("filter.kind"), (d) => (d.isMultiOrigin ? t("dist.multi") : t("dist.single"))],
        [t("field.owner"), (d) => d.owner],
        [t("field.created"), (d) => <Time iso={d.createdAt} />],
      ]}
    />
  );
}
