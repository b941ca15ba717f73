// Builds dist/ (embedded by ../assets.go): index.html, assets/app.js (the console),
// assets/routing-worker.js (runs generated routing code for the map), assets/app.css and
// assets/land.json (Natural Earth 110m land outlines, from world-atlas, as plain rings).
// The output is deterministic, so `--check` can rebuild into a temporary folder and compare it
// with the committed dist/ (make test does).
import { build } from "esbuild";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");
const outdir = check ? mkdtempSync(join(tmpdir(), "cfm-console-")) : join(here, "dist");

rmSync(outdir, { recursive: true, force: true });
mkdirSync(join(outdir, "assets"), { recursive: true });

const common = {
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome120", "firefox120", "safari17"],
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
};
await build({ ...common, entryPoints: [join(here, "src/main.tsx")], outfile: join(outdir, "assets/app.js"), jsx: "automatic", jsxImportSource: "preact" });
await build({ ...common, format: "iife", entryPoints: [join(here, "src/routing/worker.ts")], outfile: join(outdir, "assets/routing-worker.js") });
await build({ ...common, entryPoints: [join(here, "src/app.css")], outfile: join(outdir, "assets/app.css") });
cpSync(join(here, "src/index.html"), join(outdir, "index.html"));
cpSync(join(here, "src/favicon.svg"), join(outdir, "assets/favicon.svg"));

// Land outlines: TopoJSON → rings of [lon, lat] rounded to 0.1°, a few tens of KB.
const topo = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/land-110m.json"), "utf8"));
const land = feature(topo, topo.objects.land);
const rings = [];
for (const f of land.features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) for (const ring of poly) rings.push(ring.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]));
}
writeFileSync(join(outdir, "assets/land.json"), JSON.stringify(rings));

if (check) {
  const list = (d, p = "") => readdirSync(join(d, p)).flatMap((n) => (statSync(join(d, p, n)).isDirectory() ? list(d, join(p, n)) : [join(p, n)])).sort();
  const want = list(outdir);
  const have = list(join(here, "dist"));
  const stale = want.filter((f) => !have.includes(f) || !readFileSync(join(outdir, f)).equals(readFileSync(join(here, "dist", f))));
  const extra = have.filter((f) => !want.includes(f));
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length || extra.length) {
    console.error(`console/dist is stale (${[...stale, ...extra].join(", ")}): run \`npm run build\` in console/ and commit dist/`);
    process.exit(1);
  }
  console.log("console/dist is current");
}
