// Edit a distribution: the change is sent as a dry run first, its diff is shown, and only
// "Apply" sends it for real (with the same body, so what was reviewed is what is applied).
import { useState } from "preact/hooks";
import { canModify, me } from "../auth";
import { newIdempotencyKey } from "../api/client";
import { api } from "../api/endpoints";
import type { Change, Distribution, DistributionChange } from "../api/types";
import { useDraft } from "../drafts";
import { t } from "../i18n";
import { navigate, path } from "../router";
import { ChangesTable, ErrorView, Field, fieldError, Loading, Page, DraftRestored } from "../ui/components";
import { useAsync } from "../ui/hooks";
import { CertificatePicker } from "./cert_picker";
import { splitList } from "./shared";
import { siteOf, sitePatch, withoutSecrets, type Site } from "./site_model";
import { SiteSettings } from "./site_settings";

interface Form {
  name: string;
  comment: string;
  enabled: boolean;
  rootObject: string;
  aliases: string;
  certArn: string;
  site: Site;
}

function fromDistribution(d: Distribution): Form {
  return {
    name: d.name,
    comment: d.config.Comment ?? "",
    enabled: d.config.Enabled ?? true,
    rootObject: d.config.DefaultRootObject ?? "",
    aliases: (d.config.Aliases?.Items ?? []).join(", "),
    certArn: d.config.ViewerCertificate?.ACMCertificateArn ?? "",
    site: siteOf(d.config),
  };
}

export function DistributionEdit({ id }: { id: string }) {
  const res = useAsync(async () => {
    const [d, c] = await Promise.all([api.getDistribution(id), api.listCertificates()]);
    return { d: d.data.distribution, certs: c.data.certificates };
  }, [id]);
  if (res.error) return <Page title={t("edit")}><ErrorView error={res.error} /></Page>;
  if (!res.data) return <Loading />;
  return <EditForm d={res.data.d} certs={res.data.certs} />;
}

function EditForm({ d, certs }: { d: Distribution; certs: Parameters<typeof CertificatePicker>[0]["certs"] }) {
  const [f, set, clearDraft, restored] = useDraft<Form>(`distribution-edit-${d.id}-v${d.version}`, fromDistribution(d), (v) => ({ ...v, site: withoutSecrets(v.site) }));
  const upd = (p: Partial<Form>) => {
    set((o) => ({ ...o, ...p }));
    setDiff(null);
  };
  const [diff, setDiff] = useState<{ body: DistributionChange; changes: Change[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey());

  if (!canModify(me(), d.owner)) return <Page title={d.name}><p>{t("role.readOnly")}</p></Page>;

  const body = (): DistributionChange => {
    const aliases = splitList(f.aliases);
    const config: Record<string, unknown> = {
      Comment: f.comment,
      Enabled: f.enabled,
      DefaultRootObject: f.rootObject,
      Aliases: { Quantity: aliases.length, Items: aliases },
      ...sitePatch(f.site, d.config),
    };
    if (f.certArn) config.ViewerCertificate = { ACMCertificateArn: f.certArn, SSLSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021", CloudFrontDefaultCertificate: false };
    else if (d.config.ViewerCertificate?.ACMCertificateArn) config.ViewerCertificate = { CloudFrontDefaultCertificate: true, ACMCertificateArn: null, SSLSupportMethod: null, MinimumProtocolVersion: null };
    const out: DistributionChange = { config: config as DistributionChange["config"] }; // a JSON merge patch: the schema leaves it open
    if (f.name !== d.name) out.name = f.name;
    return out;
  };

  const review = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const b = body();
      const r = await api.updateDistribution(d.id, b, { dryRun: true });
      setDiff({ body: b, changes: r.data.changes });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!diff) return;
    setError(null);
    setBusy(true);
    try {
      await api.updateDistribution(d.id, diff.body, { key });
      clearDraft();
      navigate(path.distribution(d.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={`${t("edit")}: ${d.name}`} back={{ href: path.distribution(d.id), label: d.name }}>
      <DraftRestored restored={restored} />
      <form onSubmit={review} noValidate>
        <Field label={t("field.name")} error={fieldError(error, "name")}>
          {(a) => <input {...a} name="name" value={f.name} onInput={(e) => upd({ name: e.currentTarget.value })} />}
        </Field>
        <Field label={t("field.comment")} error={fieldError(error, "config.Comment")}>
          {(a) => <input {...a} name="comment" value={f.comment} onInput={(e) => upd({ comment: e.currentTarget.value })} />}
        </Field>
        <Field label={t("dist.rootObject")} error={fieldError(error, "config.DefaultRootObject")}>
          {(a) => <input {...a} value={f.rootObject} onInput={(e) => upd({ rootObject: e.currentTarget.value })} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={f.enabled} onChange={(e) => upd({ enabled: e.currentTarget.checked })} /> {t("dist.enabled")}
        </label>
        <SiteSettings
          site={f.site}
          onChange={(site) => upd({ site })}
          error={error}
          origins={!d.isMultiOrigin}
          originIds={(d.config.Origins?.Items ?? []).filter((o) => !o.CustomOriginConfig).map((o) => o.Id ?? "")}
        />
        <CertificatePicker
          certs={certs}
          form={f}
          onChange={upd}
          error={error}
        />
        <ErrorView error={error} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t("diff.review")}
          </button>
          <button
            type="button"
            onClick={() => {
              clearDraft();
              navigate(path.distribution(d.id));
            }}
          >
            {t("cancel")}
          </button>
        </div>
      </form>
      {diff && (
        <section aria-labelledby="diff-title" data-testid="diff">
          <h2 id="diff-title">{t("diff.title")}</h2>
          <ChangesTable changes={diff.changes} />
          <button type="button" class="primary" disabled={busy || diff.changes.length === 0} onClick={() => void apply()}>
            {t("diff.apply")}
          </button>
        </section>
      )}
    </Page>
  );
}
