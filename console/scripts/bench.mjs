// make bench: the console's gzipped JavaScript (budget 100 KB) and first paint on loopback,
// measured in the same headless Chromium the browser tests use, against a running cfm-local.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { signIn, start } from "../test/harness.mjs";

const dist = fileURLToPath(new URL("../dist/assets/", import.meta.url));
const size = (f) => {
  const raw = readFileSync(dist + f);
  return { raw: raw.length, gz: gzipSync(raw, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const js = ["app.js", "routing-worker.js"].map((f) => [f, size(f)]);
const total = js.reduce((n, [, s]) => n + s.gz, 0);
for (const [f, s] of [...js, ["app.css", size("app.css")], ["land.json", size("land.json")]]) {
  console.log(`${f.padEnd(20)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gz).padStart(8)} gzip`);
}
console.log(`JavaScript total (gzip)  ${kb(total)}  (budget 100 KB: ${total <= 100 * 1024 ? "within" : "OVER"})`);

const h = await start();
try {
  const { page } = await h.newPage();
  const paint = async (url) => {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
    return page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
      h1: performance.now(),
    }));
  };
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = [];
  for (let i = 0; i < 7; i++) cold.push((await paint(h.base + "/")).fcp);
  await signIn(page, h.base, "bench", "developers");
  const signedIn = [];
  const ready = [];
  for (let i = 0; i < 7; i++) {
    const t0 = Date.now();
    signedIn.push((await paint(h.base + "/distributions")).fcp);
    await page.getByTestId("distributions").waitFor();
    ready.push(Date.now() - t0);
  }
  console.log(`first contentful paint, sign-in page      median ${median(cold).toFixed(0)} ms of 7 loads (loopback)`);
  console.log(`first contentful paint, distributions     median ${median(signedIn).toFixed(0)} ms of 7 loads (signed in)`);
  console.log(`distributions table shown (navigation)    median ${median(ready).toFixed(0)} ms of 7 loads`);
} finally {
  await h.stop();
}
