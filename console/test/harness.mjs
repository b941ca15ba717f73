// Test harness: builds and starts cfm-local on a free loopback port with fast simulated
// timings, launches the system Chromium (Debian's package) through playwright-core, and
// records what the tests assert on: console errors, CSP violations, dialogs (an alert would
// mean injected script ran), and every API route the console called.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const shots = join(repo, "console/test-results/screenshots");

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base, proc, ms = 30000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`cfm-local exited with ${proc.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("cfm-local did not become healthy");
}

/** Starts cfm-local and Chromium; returns the context factory and a stop function. */
export async function start() {
  const work = mkdtempSync(join(tmpdir(), "cfm-console-test-"));
  const bin = join(work, "cfm-local");
  execFileSync("go", ["build", "-o", bin, "./cmd/cfm-local"], { cwd: repo, stdio: "inherit" });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logs = [];
  const proc = spawn(bin, [], {
    env: {
      ...process.env,
      CFM_ADDR: `127.0.0.1:${port}`,
      CFM_DATA_DIR: join(work, "data"),
      CFM_SIM_DEPLOY_SECONDS: "1",
      CFM_SIM_INVALIDATION_SECONDS: "1",
      CFM_SIM_REPLICA_SECONDS: "4", // long enough to see the replica wait
      CFM_POLL_INITIAL: "300ms",
      // aliases under the seeded certificates' domains are allowed (the default allows none);
      // custom origins on the default patterns (ALB, API Gateway, Lambda URLs) and one HTTPS host
      CFM_POLICY: JSON.stringify({
        allowedAliasDomains: ["example.com", "example.org"],
        allowedOriginDomains: ["*.elb.amazonaws.com", "*.execute-api.*.amazonaws.com", "*.lambda-url.*.on.aws", "api.example.com"],
      }),
      // a bucket the account has that the product does not manage yet (adopt takes it over)
      CFM_SIM_BUCKETS: "legacy-site:us-east-1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout.on("data", (d) => logs.push(String(d)));
  proc.stderr.on("data", (d) => logs.push(String(d)));
  await waitHealthy(base, proc);
  const browser = await chromium.launch({ executablePath: process.env.CFM_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS, headless: true });
  mkdirSync(shots, { recursive: true });
  const routes = new Set(); // "METHOD /api/path/{id}" the console called
  const events = { consoleErrors: [], cspViolations: [], dialogs: [], pageErrors: [] };

  async function newPage(opts = {}) {
    const ctx = await browser.newContext({ locale: opts.locale ?? "en-US", viewport: { width: 1280, height: 900 }, ...(opts.context ?? {}) });
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") events.consoleErrors.push(m.text());
      if (/Content.Security.Policy|Trusted ?Type|TrustedScript|CSP violation/i.test(m.text())) events.cspViolations.push(m.text());
    });
    page.on("pageerror", (e) => events.pageErrors.push(String(e)));
    page.on("dialog", async (d) => {
      events.dialogs.push(d.message());
      await d.dismiss();
    });
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.origin === base && u.pathname.startsWith("/api/") && r.method() !== "OPTIONS") routes.add(`${r.method()} ${u.pathname}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    return { ctx, page };
  }

  async function stop() {
    await browser.close().catch(() => {});
    proc.kill("SIGTERM");
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
    rmSync(work, { recursive: true, force: true });
  }
  return { base, newPage, stop, routes, events, logs };
}

/** Signs in through the console's own flow: the sign-in button, the identity provider's
 * authorize page (username + group), back to the console with a code exchanged with PKCE. */
export async function signIn(page, base, username, group, path = "/") {
  await page.goto(base + path);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  await page.waitForURL(/\/local\/oauth2\/authorize/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel(group, { exact: true }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/local/") && u.pathname !== "/callback");
  await page.getByTestId("user").waitFor();
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Calls the API directly with a token from /local/token (test setup only). */
export async function apiAs(base, username, group) {
  const r = await fetch(`${base}/local/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, groups: [group] }) });
  const { token } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
  };
}
