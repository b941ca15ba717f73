// An editor for an ordered list of like rows (origins, path behaviors, failover groups, error
// responses, headers): each row is a fieldset with its own legend, remove and (when the order
// matters) move up/down buttons, and one add button below. Buttons only, so the keyboard
// reaches everything; each button's accessible name says which row it acts on.
import type { JSX } from "preact";
import { t } from "../i18n";

export function Rows<T>(props: {
  items: T[];
  onChange: (items: T[]) => void;
  blank: () => T;
  /** the row's legend, e.g. "Behavior 2" */
  legend: (i: number) => string;
  add: string;
  render: (item: T, set: (patch: Partial<T>) => void, i: number) => JSX.Element;
  /** rows that must stay (the first origin of an edge function) */
  fixed?: number;
  reorder?: boolean;
  max?: number;
  class?: string;
  testid?: string;
}) {
  const { items, onChange } = props;
  const fixed = props.fixed ?? 0;
  const move = (i: number, by: number) => {
    const next = [...items];
    const [row] = next.splice(i, 1);
    if (row === undefined) return;
    next.splice(i + by, 0, row);
    onChange(next);
  };
  return (
    <div class="rows" data-testid={props.testid}>
      {items.map((item, i) => {
        const legend = props.legend(i);
        return (
          <fieldset key={i} class={props.class ?? "row"}>
            <legend>{legend}</legend>
            {props.render(item, (p) => onChange(items.map((x, j) => (j === i ? { ...x, ...p } : x))), i)}
            <div class="row-actions">
              {props.reorder && i > fixed && (
                <button type="button" aria-label={t("rows.up", { row: legend })} onClick={() => move(i, -1)}>
                  ↑ {t("rows.upShort")}
                </button>
              )}
              {props.reorder && i >= fixed && i < items.length - 1 && (
                <button type="button" aria-label={t("rows.down", { row: legend })} onClick={() => move(i, 1)}>
                  ↓ {t("rows.downShort")}
                </button>
              )}
              {i >= fixed && (
                <button type="button" aria-label={t("rows.remove", { row: legend })} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                  {t("rows.removeShort")}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      {(props.max === undefined || items.length < props.max) && (
        <p>
          <button type="button" onClick={() => onChange([...items, props.blank()])}>
            {props.add}
          </button>
        </p>
      )}
    </div>
  );
}
