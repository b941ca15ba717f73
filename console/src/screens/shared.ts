// Small helpers the distribution screens share.
import type { Certificate, DistributionConfig, Origin } from "../api/types";

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

/** A single-origin config on a managed origin (OAC is attached by the planner). */
export function singleOriginConfig(o: Origin): Partial<DistributionConfig> {
  const id = `s3-${o.bucketName}`;
  return {
    Origins: { Quantity: 1, Items: [{ Id: id, DomainName: o.originDomain ?? `${o.bucketName}.s3.${o.region}.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: "" } }] },
    DefaultCacheBehavior: { TargetOriginId: id, ViewerProtocolPolicy: "redirect-to-https" },
  };
}

export const TERMINAL_DIST = ["Deployed", "Deleted", "Failed"];
export const TERMINAL_OP = ["Succeeded", "Failed"];
