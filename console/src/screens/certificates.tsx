// Certificates (ACM, us-east-1): names, expiry (with days left), in-use state.
import { api } from "../api/endpoints";
import type { Certificate } from "../api/types";
import { t } from "../i18n";
import { Link, path } from "../router";
import { Dl, ErrorView, Loading, Page, Status, Time } from "../ui/components";
import { useAsync } from "../ui/hooks";
import { ListTable } from "../ui/list";

function daysLeft(c: Certificate): number | undefined {
  if (!c.notAfter) return undefined;
  return Math.floor((new Date(c.notAfter).getTime() - Date.now()) / 86_400_000);
}

function Expiry({ c }: { c: Certificate }) {
  const d = daysLeft(c);
  if (d === undefined) return <span>—</span>;
  return (
    <span class={d < 30 ? "warning" : ""}>
      <Time iso={c.notAfter} /> ({d < 0 ? t("cert.expired") : t("cert.daysLeft", { n: String(d) })})
    </span>
  );
}

export function Certificates() {
  const list = useAsync(() => api.listCertificates(), []);
  return (
    <Page title={t("nav.certificates")}>
      <p class="hint">{t("cert.help")}</p>
      <ErrorView error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <ListTable
          label={t("nav.certificates")}
          testid="certificates"
          rows={list.data.data.certificates}
          rowKey={(c) => c.certificateArn}
          columns={[
            [t("field.domain"), (c) => <Link href={path.certificate(c.certificateArn)}>{c.domainName}</Link>],
            [t("cert.names"), (c) => c.subjectAlternativeNames.join(", ")],
            [t("field.status"), (c) => <Status value={c.status} />],
            [t("cert.expiry"), (c) => <Expiry c={c} />],
            [t("cert.inUse"), (c) => (c.inUse ? t("yes") : t("no"))],
          ]}
        />
      )}
    </Page>
  );
}

/** How each name is validated; for DNS validation, the CNAME record to create. */
function Validation({ c }: { c: Certificate }) {
  const opts = c.domainValidationOptions;
  if (!opts) return <p class="hint">{t("cert.validationMissing")}</p>;
  return (
    <ListTable
      label={t("cert.validation")}
      caption={t("cert.validation")}
      testid="dns-validation"
      rows={opts}
      rowKey={(o) => o.domainName}
      columns={[
        [t("field.domain"), (o) => o.domainName],
        [t("field.status"), (o) => <Status value={o.validationStatus} />],
        [t("cert.method"), (o) => o.validationMethod ?? "—"],
        [t("cert.record"), (o) => (o.resourceRecord ? <code>{`${o.resourceRecord.name} ${o.resourceRecord.type} ${o.resourceRecord.value}`}</code> : "—")],
      ]}
    />
  );
}

export function CertificateDetail({ arn }: { arn: string }) {
  const res = useAsync(() => api.getCertificate(arn).then((r) => r.data.certificate), [arn]);
  if (res.error) return <Page title={t("nav.certificates")}><ErrorView error={res.error} /></Page>;
  const c = res.data;
  if (!c) return <Loading />;
  return (
    <Page title={c.domainName} back={{ href: "/certificates", label: t("nav.certificates") }}>
      <Dl
        rows={[
          ["ARN", <code>{c.certificateArn}</code>],
          [t("field.status"), <Status value={c.status} />],
          [t("cert.names"), c.subjectAlternativeNames.join(", ")],
          [t("cert.type"), c.type],
          [t("cert.key"), c.keyAlgorithm],
          [t("cert.inUse"), c.inUse ? t("yes") : t("no")],
          [t("cert.renewal"), c.renewalEligibility],
          [t("cert.subject"), c.subject],
          [t("cert.issuer"), c.issuer],
          [t("cert.serial"), c.serial ? <code>{c.serial}</code> : undefined],
          [t("cert.keyUsages"), [...(c.keyUsages ?? []), ...(c.extendedKeyUsages ?? [])].join(", ") || undefined],
          [t("cert.issued"), <Time iso={c.issuedAt} />],
          [t("cert.notBefore"), <Time iso={c.notBefore} />],
          [t("cert.expiry"), <Expiry c={c} />],
        ]}
      />
      <Validation c={c} />
    </Page>
  );
}
