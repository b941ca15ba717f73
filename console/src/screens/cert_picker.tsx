// Certificate + aliases: lists the usable certificates and shows, alias by alias, whether the
// chosen certificate covers it (the API refuses an alias it does not cover, 422).
import type { Certificate } from "../api/types";
import { t } from "../i18n";
import { Field } from "../ui/components";
import { covers, splitList } from "./shared";

export function CertificatePicker(props: {
  certs: Certificate[];
  certArn: string;
  aliases: string;
  onCert: (arn: string) => void;
  onAliases: (s: string) => void;
  aliasError?: string | undefined;
  certError?: string | undefined;
}) {
  const cert = props.certs.find((c) => c.certificateArn === props.certArn);
  const aliases = splitList(props.aliases);
  return (
    <fieldset class="cert-picker">
      <legend>{t("cert.legend")}</legend>
      <Field label={t("cert.certificate")} error={props.certError}>
        {(a) => (
          <select {...a} value={props.certArn} onChange={(e) => props.onCert(e.currentTarget.value)}>
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
      <Field label={t("cert.aliases")} hint={t("cert.aliasesHint")} error={props.aliasError}>
        {(a) => <input {...a} value={props.aliases} onInput={(e) => props.onAliases(e.currentTarget.value)} />}
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
