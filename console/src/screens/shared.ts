// Small helpers the distribution screens share.
import type { Certificate, DistributionConfig, DistributionOrigin, Origin } from "../api/types";

/** Whether cert covers host: exact name, or a one-label wildcard (as domain.Certificate.Covers). */
export function covers(cert: Certificate, host: string): boolean {
  const h = host.toLowerCase();
  return [cert.domainName, ...cert.subjectAlternativeNames].some((raw) => {
    const n = raw.toLowerCase();
    if (n === h) return true;
    if (n.startsWith("*.")) {
      const i = h.indexOf(".");
      return i > 0 && h.slice(i + 1) === n.slice(2) && !h.startsWith("*.");
    }
    return false;
  });
}

export function splitList(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The config block for aliases and a certificate (SNI, TLS 1.2 as the guardrails want). */
export function certificateConfig(aliases: string[], certArn: string): Partial<DistributionConfig> {
  const out: Partial<DistributionConfig> = {};
  if (aliases.length) out.Aliases = { Quantity: aliases.length, Items: aliases };
  if (certArn) out.ViewerCertificate = { ACMCertificateArn: certArn, SSLSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021" };
  return out;
}

/** A managed origin as a config item (its OAC is attached by the planner). */
export function s3OriginItem(o: Origin): DistributionOrigin {
  return { Id: `s3-${o.bucketName}`, DomainName: o.originDomain ?? `${o.bucketName}.s3.${o.region}.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: "" } };
}

export const TERMINAL_DIST = ["Deployed", "Deleted", "Failed"];
export const TERMINAL_OP = ["Succeeded", "Failed"];
