// Selects the forms share: a region, and one of the managed origins.
import { type RegionCode, regionCode, regions } from "../api/regions";
import type { Origin } from "../api/types";
import { t } from "../i18n";

type Attrs = { id: string; "aria-invalid"?: "true"; "aria-describedby"?: string };

export function RegionSelect(props: { attrs: Attrs; value: RegionCode; onChange: (r: RegionCode) => void; name?: string; disabled?: boolean }) {
  return (
    <select {...props.attrs} name={props.name} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(regionCode(e.currentTarget.value) ?? props.value)}>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.code} — {r.name}
        </option>
      ))}
    </select>
  );
}

export type EdgeTarget = "cloudfront-function" | "lambda-edge";

/** Where generated routing code runs. */
export function TargetSelect(props: { attrs: Attrs; value: EdgeTarget; onChange: (v: EdgeTarget) => void }) {
  return (
    <select {...props.attrs} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as EdgeTarget)}>
      <option value="cloudfront-function">CloudFront Functions</option>
      <option value="lambda-edge">Lambda@Edge</option>
    </select>
  );
}

/** One of origins by id ("" = none chosen); label is how an origin reads in the list. */
export function ManagedOriginSelect(props: {
  attrs: Attrs;
  origins: Origin[];
  value: string;
  onChange: (o: Origin | undefined, id: string) => void;
  name?: string;
  label?: (o: Origin) => string;
}) {
  const label = props.label ?? ((o: Origin) => `${o.name} (${o.region})`);
  return (
    <select
      {...props.attrs}
      name={props.name}
      value={props.value}
      onChange={(e) => {
        const id = e.currentTarget.value;
        props.onChange(
          props.origins.find((o) => o.originId === id),
          id,
        );
      }}
    >
      <option value="">{t("choose")}</option>
      {props.origins.map((o) => (
        <option key={o.originId} value={o.originId}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}
