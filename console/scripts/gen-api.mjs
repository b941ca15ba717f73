// Generates src/api/schema.d.ts from the assembled OpenAPI document (go run ../cmd/cfm-openapi).
// --check fails when the committed file differs from what the document generates, so the
// console cannot drift from the API (make test runs it).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));
const doc = JSON.parse(execFileSync("go", ["run", "./cmd/cfm-openapi"], { cwd: root, encoding: "utf8" }));
const header = "// Generated from the OpenAPI document by scripts/gen-api.mjs (npm run gen:api). Do not edit.\n\n";
const text = header + astToString(await openapiTS(doc, { alphabetize: true }));

// The commercial regions the API accepts, from the Go table (edge/regions.go), for pickers.
const regionsGo = readFileSync(`${root}/edge/regions.go`, "utf8");
const regions = [...regionsGo.matchAll(/\{"([a-z0-9-]+)", "([^"]+)", Zone\w+, (-?[0-9.]+), (-?[0-9.]+)\}/g)].map((m) => ({
  code: m[1], name: m[2], lat: Number(m[3]), lon: Number(m[4]),
}));
if (regions.length < 10) throw new Error("edge/regions.go: region table not found");
const regionsOut = fileURLToPath(new URL("../src/api/regions.ts", import.meta.url));
const regionsText = "// Generated from edge/regions.go by scripts/gen-api.mjs. Do not edit.\n\n" +
  'import type { components } from "./schema";\n\n' +
  'export type RegionCode = components["schemas"]["Region"];\n\n' +
  "export interface Region { code: RegionCode; name: string; lat: number; lon: number }\n\n" +
  `export const regions: Region[] = ${JSON.stringify(regions, null, 2)};\n\n` +
  "/** The region code v names, or undefined when v is not one the API accepts (a picker's value). */\n" +
  "export function regionCode(v: string): RegionCode | undefined {\n" +
  "  return regions.find((r) => r.code === v)?.code;\n" +
  "}\n";

const outputs = [[out, text], [regionsOut, regionsText]];
if (process.argv.includes("--check")) {
  for (const [file, want] of outputs) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {}
    if (current !== want) {
      console.error(`${file} is stale: run \`npm run gen:api\` in console/ and commit it`);
      process.exit(1);
    }
  }
  console.log("API types are current");
} else {
  for (const [file, want] of outputs) writeFileSync(file, want);
  console.log("wrote src/api/schema.d.ts and src/api/regions.ts");
}
