// The world routing map: which origin serves each part of the world, as computed by running
// the generated routing code (worker.ts) over a grid. Drawn on a canvas (land outlines from
// Natural Earth), with a table legend giving each origin's region and share of the grid for
// screen readers and tests.
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import type { GridRequest, GridResult } from "./worker";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
// The same hues, light, for the areas (opaque, so neighbouring cells leave no seams).
const AREAS = ["#a9c9e3", "#efa9a9", "#abdbab", "#cdbbdf", "#ffcc9e", "#a2e5ec", "#cfb3ad", "#f3c6e8", "#cccccc", "#e3e49e"];
const W = 720;
const H = 360;

let landCache: Promise<number[][][]> | undefined;
function land(): Promise<number[][][]> {
  landCache ??= fetch("/assets/land.json").then((r) => r.json() as Promise<number[][][]>);
  return landCache;
}

const WORKER_URL = "/assets/routing-worker.js";

// The page requires Trusted Types for script URLs; this policy (the only one the CSP allows,
// "cfm-worker") admits exactly the routing worker's URL.
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL: (u: string) => string }): { createScriptURL(u: string): unknown };
}
let workerPolicy: { createScriptURL(u: string): unknown } | undefined;
function workerURL(): string {
  const tt = (window as unknown as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return WORKER_URL;
  workerPolicy ??= tt.createPolicy("cfm-worker", {
    createScriptURL: (u) => {
      if (u !== WORKER_URL) throw new TypeError(`not the routing worker: ${u}`);
      return u;
    },
  });
  return workerPolicy.createScriptURL(WORKER_URL) as string;
}

export function runGrid(req: GridRequest): Promise<GridResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerURL());
    const timer = setTimeout(() => {
      w.terminate();
      reject(new Error("the routing code took too long"));
    }, 10000);
    w.onmessage = (e: MessageEvent<{ ok: boolean; result?: GridResult; error?: string }>) => {
      clearTimeout(timer);
      w.terminate();
      if (e.data.ok && e.data.result) resolve(e.data.result);
      else reject(new Error(e.data.error ?? "routing worker failed"));
    };
    w.onerror = (e) => {
      clearTimeout(timer);
      w.terminate();
      reject(new Error(e.message || "routing worker failed"));
    };
    w.postMessage(req);
  });
}

const x = (lon: number) => ((lon + 180) / 360) * W;
const y = (lat: number) => ((90 - lat) / 180) * H;

function draw(canvas: HTMLCanvasElement, g: GridResult, rings: number[][][]) {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.clearRect(0, 0, W, H);
  const cw = W / g.cols;
  const ch = H / g.rows;
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const i = g.cells[r * g.cols + c] ?? -1;
      ctx.fillStyle = i >= 0 ? (AREAS[i % AREAS.length] ?? "#999") : "#000";
      ctx.fillRect(Math.floor(c * cw), Math.floor(r * ch), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
    }
  }
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 0.8;
  for (const ring of rings) {
    ctx.beginPath();
    let prev = NaN;
    for (const [lon = 0, lat = 0] of ring) {
      // A ring that crosses the antimeridian (or runs along the map's edge) is not drawn across it.
      if (!(Math.abs(lon - prev) < 180) || Math.abs(lat) > 89.9) ctx.moveTo(x(lon), y(lat));
      else ctx.lineTo(x(lon), y(lat));
      prev = lon;
    }
    ctx.stroke();
  }
  g.origins.forEach((o, i) => {
    ctx.fillStyle = COLORS[i % COLORS.length] ?? "#000";
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x(o.lon), y(o.lat), 6, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = "#000";
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillText(o.region, x(o.lon) + 8, y(o.lat) - 8);
  });
}

export function RoutingMap(props: { code: string; target: GridRequest["target"] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [grid, setGrid] = useState<GridResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setGrid(null);
    setError(null);
    Promise.all([runGrid({ code: props.code, target: props.target, step: 3 }), land()]).then(
      ([g, rings]) => {
        if (!live) return;
        setGrid(g);
        if (canvas.current) draw(canvas.current, g, rings);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [props.code, props.target]);
  const total = grid ? grid.cells.length : 0;
  const counts = grid ? grid.origins.map((_, i) => grid.cells.filter((c) => c === i).length) : [];
  return (
    <figure class="routing-map" data-testid="routing-map" data-ready={grid ? "true" : "false"}>
      <canvas
        ref={canvas}
        width={W}
        height={H}
        role="img"
        aria-label={grid ? t("map.aria", { n: String(grid.origins.length) }) : t("loading")}
      />
      {error && (
        <p class="error" role="alert">
          {t("map.error")}: {error}
        </p>
      )}
      {grid && (
        <table class="legend">
          <caption>{grid.mode === "handler" ? t("map.captionHandler") : t("map.captionChoose")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("map.color")}</th>
              <th scope="col">{t("map.origin")}</th>
              <th scope="col">{t("field.region")}</th>
              <th scope="col">{t("map.share")}</th>
            </tr>
          </thead>
          <tbody>
            {grid.origins.map((o, i) => (
              <tr key={o.id} data-origin={o.id} data-cells={String(counts[i] ?? 0)}>
                <td>
                  <span class={`swatch c${i % COLORS.length}`} aria-hidden="true" />
                </td>
                <td>{o.id}</td>
                <td>{o.region}</td>
                <td>{total ? `${Math.round(((counts[i] ?? 0) / total) * 100)}%` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
