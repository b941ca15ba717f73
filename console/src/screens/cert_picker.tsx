// Certificate + aliases: lists the usable certificates and shows, alias by alias, whether the
// chosen certificate covers it (the API refuses an alias it does not cover, 422).
import type { Certificate } from "../api/types";
import { t } from "../i18n";
import { Field, fieldError } from "../ui/components";
import { covers, splitList } from "./shared";

export function CertificatePicker(props: {
  certs: Certificate[];
  form: { certArn: string; aliases: string };
  onChange: (p: { certArn?: string; aliases?: string }) => void;
  /** the last API error: its config.Aliases and config.ViewerCertificate fields show here */
  error: unknown;
}) {
  const cert = props.certs.find((c) => c.certificateArn === props.form.certArn);
  const aliases = splitList(props.form.aliases);
  return (
    <fieldset class="cert-picker">
      <legend>{t("cert.legend")}</legend>
      <Field label={t("cert.certificate")} error={fieldError(props.error, "config.ViewerCertificate")}>
        {(a) => (
          <select {...a} value={props.form.certArn} onChange={(e) => props.onChange({ certArn: e.currentTarget.value })}>
            <option value="">{t("cert.default")}</option>
            {props.certs.map((c) => (
              <option key={c.certificateArn} value={c.certificateArn}>
                {c.domainName}
                {c.subjectAlternativeNames.length > 1 ? ` (+${c.subjectAlternativeNames.length - 1})` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      {cert && (
        <p class="hint" data-testid="cert-names">
          {t("cert.names")}: {[cert.domainName, ...cert.subjectAlternativeNames.filter((n) => n !== cert.domainName)].join(", ")}
        </p>
      )}
      <Field label={t("cert.aliases")} hint={t("cert.aliasesHint")} error={fieldError(props.error, "config.Aliases")}>
        {(a) => <input {...a} value={props.form.aliases} onInput={(e) => props.onChange({ aliases: e.currentTarget.value })} />}
      </Field>
      {aliases.length > 0 && (
        <ul class="coverage" aria-label={t("cert.coverage")} data-testid="alias-coverage">
          {aliases.map((al) => {
            const ok = !!cert && covers(cert, al);
            return (
              <li key={al} class={ok ? "ok" : "bad"} data-alias={al} data-covered={String(ok)}>
                <code>{al}</code> — {!cert ? t("cert.needCert") : ok ? t("cert.covered") : t("cert.notCovered")}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
