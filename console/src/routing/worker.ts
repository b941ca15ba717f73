// The routing-map worker: runs the generated routing function itself over a latitude/longitude
// grid. It is the only place in the console where generated code runs, and it is fenced in: a
// dedicated worker (no DOM, no storage, no tokens) served with its own CSP
// (handlers/console.WorkerCSP: script-src 'self' blob:, connect-src 'none'), so the code can
// neither reach the page nor send anything anywhere. The code is loaded with importScripts from
// a blob URL, not eval.
//
// CloudFront Functions code runs whole: its handler(event) is called with a viewer-request
// event carrying CloudFront-Viewer-Latitude/-Longitude, and cf.selectRequestOriginById records
// the choice. Lambda@Edge code signs the request with the node:crypto module and execution-role
// credentials the browser does not have, so there the grid calls the code's own
// chooseOrigin(lat, lon, country), the function its handler routes with.

interface RoutingOrigin {
  id: string;
  region: string;
  lat: number;
  lon: number;
}
interface Loaded {
  routing: { origins: RoutingOrigin[] };
  choose: (lat: string, lon: string, country: string) => number;
  handler: ((event: unknown) => unknown) | null;
}
export interface GridRequest {
  code: string;
  target: "cloudfront-function" | "lambda-edge";
  step: number;
}
export interface GridResult {
  origins: RoutingOrigin[];
  rows: number;
  cols: number;
  step: number;
  cells: number[]; // origin index per cell, row-major from the north-west corner
  mode: "handler" | "chooseOrigin";
}

const scope = self as unknown as {
  __cfmSelected: string | null;
  __cfmLoaded?: Loaded;
  importScripts: (...urls: string[]) => void;
  postMessage: (m: unknown) => void;
  onmessage: ((e: MessageEvent<GridRequest>) => void) | null;
};

const CFF_IMPORT = "import cf from 'cloudfront';";
const LE_REQUIRE = "const crypto = require('node:crypto');";

function prepare(req: GridRequest): string {
  let code = req.code;
  let prelude: string;
  if (req.target === "cloudfront-function") {
    if (!code.includes(CFF_IMPORT)) throw new Error("not a CloudFront Functions program of this product");
    code = code.replace(CFF_IMPORT, "");
    prelude = "var cf = { selectRequestOriginById: function (id) { self.__cfmSelected = id; } };\n";
  } else {
    if (!code.includes(LE_REQUIRE)) throw new Error("not a Lambda@Edge program of this product");
    code = code.replace(LE_REQUIRE, "const crypto = null;");
    prelude = "var exports = {}; var module = { exports: exports };\n";
  }
  const epilogue =
    "\nself.__cfmLoaded = { routing: ROUTING, choose: chooseOrigin, handler: typeof handler === 'function' ? handler : null };\n";
  return prelude + code + epilogue;
}

function header(v: string) {
  return { value: v };
}

scope.onmessage = (e) => {
  const req = e.data;
  try {
    const url = URL.createObjectURL(new Blob([prepare(req)], { type: "text/javascript" }));
    try {
      scope.importScripts(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    const loaded = scope.__cfmLoaded;
    if (!loaded) throw new Error("the routing code did not load");
    const origins = loaded.routing.origins;
    const step = req.step;
    const rows = Math.round(180 / step);
    const cols = Math.round(360 / step);
    const cells: number[] = [];
    const useHandler = req.target === "cloudfront-function" && loaded.handler !== null;
    for (let r = 0; r < rows; r++) {
      const lat = (90 - (r + 0.5) * step).toFixed(5);
      for (let c = 0; c < cols; c++) {
        const lon = (-180 + (c + 0.5) * step).toFixed(5);
        if (useHandler && loaded.handler) {
          scope.__cfmSelected = null;
          loaded.handler({
            version: "1.0",
            context: { eventType: "viewer-request" },
            viewer: { ip: "192.0.2.1" },
            request: {
              method: "GET",
              uri: "/",
              querystring: {},
              cookies: {},
              headers: {
                "cloudfront-viewer-latitude": header(lat),
                "cloudfront-viewer-longitude": header(lon),
                "cloudfront-viewer-country": header(""),
              },
            },
          });
          cells.push(origins.findIndex((o) => o.id === scope.__cfmSelected));
        } else {
          cells.push(loaded.choose(lat, lon, ""));
        }
      }
    }
    const result: GridResult = {
      origins: origins.map((o) => ({ id: o.id, region: o.region, lat: o.lat, lon: o.lon })),
      rows,
      cols,
      step,
      cells,
      mode: useHandler ? "handler" : "chooseOrigin",
    };
    scope.postMessage({ ok: true, result });
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
