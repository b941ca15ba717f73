// The dashboard: distributions by status, operations in flight, recent activity.
import { canCreate, me } from "../auth";
import { api } from "../api/endpoints";
import type { DistributionSummary } from "../api/types";
import { t } from "../i18n";
import { Link } from "../router";
import { ErrorView, Loading, Page, Status } from "../ui/components";
import { useAsync, usePoll } from "../ui/hooks";
import { OperationsTable } from "./operations";

const MAX_PAGES = 5; // counts cover at most the newest 500 distributions

async function allDistributions(): Promise<{ rows: DistributionSummary[]; more: boolean }> {
  const rows: DistributionSummary[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await api.listDistributions({ limit: 100, cursor });
    rows.push(...r.data.distributions);
    cursor = r.data.nextCursor || undefined;
    if (!cursor) return { rows, more: false };
  }
  return { rows, more: true };
}

export function Dashboard() {
  const dists = useAsync(allDistributions, []);
  const inFlight = useAsync(
    () => Promise.all([api.listOperations({ status: "Running", limit: 20 }), api.listOperations({ status: "Accepted", limit: 20 })]).then(([a, b]) => [...a.data.operations, ...b.data.operations]),
    [],
  );
  const recent = useAsync(() => api.listOperations({ limit: 10 }).then((r) => r.data.operations), []);
  usePoll(() => {
    inFlight.reload();
    recent.reload();
  }, 3000, true);
  const counts = new Map<string, number>();
  for (const d of dists.data?.rows ?? []) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  return (
    <Page
      title={t("nav.dashboard")}
      actions={
        canCreate(me()) && (
          <Link class="button primary" href="/distributions/new">
            {t("dist.create")}
          </Link>
        )
      }
    >
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t("dash.counts")}</h2>
        <ErrorView error={dists.error} />
        {!dists.data ? (
          <Loading />
        ) : (
          <ul class="counts" data-testid="counts">
            <li>
              <span class="count">{dists.data.rows.length}{dists.data.more ? "+" : ""}</span> {t("dash.total")}
            </li>
            {[...counts.entries()].map(([s, n]) => (
              <li key={s} data-status={s}>
                <span class="count">{n}</span> <Status value={s} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="flight-title">
        <h2 id="flight-title">{t("dash.inFlight")}</h2>
        <ErrorView error={inFlight.error} />
        {inFlight.data && <OperationsTable ops={inFlight.data} />}
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("dash.recent")}</h2>
        <ErrorView error={recent.error} />
        {recent.data && <OperationsTable ops={recent.data} />}
        <p>
          <Link href="/operations">{t("dash.allOps")}</Link>
        </p>
      </section>
    </Page>
  );
}
