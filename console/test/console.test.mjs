// The console in a real browser: headless Chromium (Debian's package) driven by playwright-core,
// against a running cfm-local with fast simulated timings. One server and one browser for the
// whole file; tests run in order (later ones use what earlier ones created).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { createRequire } from "node:module";
import { apiAs, shot, shots, signIn, start } from "./harness.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let h;
let alice; // API client for setup (developer)
const created = {}; // ids the journeys made, for later tests

before(async () => {
  h = await start();
  alice = await apiAs(h.base, "alice", "developers");
});
after(async () => {
  await h?.stop();
});

async function waitStatus(page, testid, text, timeout = 30000) {
  try {
    await page.getByTestId(testid).getByText(text, { exact: true }).waitFor({ timeout });
  } catch (e) {
    await shot(page, `failed-wait-${testid}-${text}`); // what the page showed instead
    throw new Error(`${e.message}\npage text: ${(await page.locator("main").innerText()).slice(0, 1500)}`);
  }
}

async function createOriginViaAPI(name, bucket, region) {
  const r = await alice("POST", "/api/origins", { name, bucketName: bucket, region });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const id = r.body.data.origin.originId;
  for (let i = 0; i < 100; i++) {
    const g = await alice("GET", `/api/origins/${id}`);
    if (g.body.data.origin.status === "Active") return g.body.data.origin;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`origin ${id} did not become Active`);
}

/** Marks the document so a test can prove a later state arrived without a reload. */
async function markDocument(page) {
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
}
async function assertSameDocument(page) {
  assert.equal(await page.evaluate(() => window.__sameDocument === true), true, "the page was reloaded");
}

describe("sign-in", () => {
  test("signs in with code + PKCE, keeps tokens out of localStorage, signs out", async () => {
    const { page, ctx } = await h.newPage();
    await page.goto(h.base + "/");
    await shot(page, "signin");
    await signIn(page, h.base, "alice", "developers");
    assert.match(await page.getByTestId("user").innerText(), /alice/);
    const storage = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage), localValues: Object.values(localStorage).join(" ") }));
    assert.ok(storage.local.every((k) => k === "cfm.lang"), `localStorage holds ${storage.local}`);
    assert.doesNotMatch(storage.localValues, /eyJ/, "no JWT in localStorage");
    assert.ok(storage.session.some((k) => k.startsWith("oidc.user:")), "the user is in sessionStorage");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("oidc.user:")).length), 0);
    await ctx.close();
  });
});

describe("journey 1: one origin", () => {
  test("sign in, create an origin, a distribution on it, watch Deployed live, edit with diff, invalidate, delete", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers");
    await shot(page, "dashboard");

    // create an origin
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Origins" }).click();
    await page.getByRole("link", { name: "Create origin" }).click();
    await page.getByLabel("Name").fill("site-a");
    await page.getByLabel("Bucket").fill("cfm-site-a");
    await page.getByLabel("Region").selectOption("ap-northeast-2");
    await page.getByLabel("Allow cross-origin requests").check();
    await page.getByLabel("Allowed origins").fill("https://app.example.com");
    await page.getByRole("button", { name: "Create origin" }).click();
    await waitStatus(page, "origin-status", "Active");
    await shot(page, "origin-detail");
    created.originA = new URL(page.url()).pathname.split("/").pop();

    // create a distribution on it, reviewing the plan first
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Distributions" }).click();
    await page.getByRole("link", { name: "Create distribution" }).click();
    await page.getByLabel("Name", { exact: true }).fill("journey-one");
    await page.getByLabel("Comment").fill("first");
    await page.getByLabel("Origin", { exact: true }).selectOption({ label: "site-a — cfm-site-a (ap-northeast-2)" });
    await page.getByLabel("Certificate", { exact: true }).selectOption({ label: "*.example.com (+1)" });
    await page.getByLabel("Aliases", { exact: true }).fill("www.example.com, app.example.org");
    assert.equal(await page.locator('[data-alias="www.example.com"]').getAttribute("data-covered"), "true");
    assert.equal(await page.locator('[data-alias="app.example.org"]').getAttribute("data-covered"), "false");
    await page.getByRole("button", { name: "Create" }).click();
    // 422: the guardrail names the alias the certificate does not cover
    const refusal = page.getByRole("alert").filter({ hasText: "Refused by a guardrail" });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Rule/);
    await shot(page, "distribution-create-422");
    await page.getByLabel("Aliases", { exact: true }).fill("www.example.com");
    await page.getByRole("button", { name: "Review plan" }).click();
    const plan = JSON.parse(await page.getByTestId("plan").innerText());
    assert.equal(plan.ViewerCertificate.MinimumProtocolVersion.startsWith("TLSv1.2"), true);
    assert.equal(plan.Origins.Items[0].DomainName, "cfm-site-a.s3.ap-northeast-2.amazonaws.com");
    assert.ok(plan.Origins.Items[0].OriginAccessControlId, "the planner attached the origin's OAC");
    await shot(page, "distribution-create");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    created.distOne = new URL(page.url()).pathname.split("/").pop();
    await markDocument(page);
    // live: steps appear and the status reaches Deployed without a reload
    await page.locator(".operation .steps li").first().waitFor();
    await waitStatus(page, "live-status", "Deployed");
    await page.locator('.operation[data-status="Succeeded"]').waitFor();
    await assertSameDocument(page);
    await page.getByTestId("history").locator('[data-action="Deployed"]').waitFor();
    await shot(page, "distribution-detail");

    // edit: the dry-run diff is shown before anything is applied
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Comment").fill("second");
    await page.getByRole("button", { name: "Review changes" }).click();
    const diff = page.getByTestId("diff");
    await diff.waitFor();
    const row = diff.locator("tr", { hasText: "Comment" });
    assert.match(await row.innerText(), /"first"[\s\S]*"second"/);
    await shot(page, "distribution-edit-diff");
    let d = await alice("GET", `/api/distributions/${created.distOne}`);
    assert.equal(d.body.data.distribution.config.Comment, "first", "nothing applied by the review");
    await page.getByRole("button", { name: "Apply changes" }).click();
    await page.waitForURL((u) => u.pathname.endsWith(created.distOne));
    await waitStatus(page, "live-status", "Deployed");
    await page.getByTestId("history").locator('[data-action="Updated"]').waitFor();
    d = await alice("GET", `/api/distributions/${created.distOne}`);
    assert.equal(d.body.data.distribution.config.Comment, "second");

    // invalidate
    await page.getByLabel("Paths").fill("/index.html, /assets/*");
    await page.getByRole("button", { name: "Invalidate" }).click();
    await page.getByTestId("invalidation").waitFor();
    await page.getByTestId("history").locator('[data-action="Invalidated"]').waitFor({ timeout: 30000 });

    // delete: the button stays disabled until the name is typed
    await page.getByRole("button", { name: "Delete distribution" }).click();
    const confirm = page.getByRole("group", { name: "Delete distribution" });
    await confirm.getByLabel("Type journey-one to confirm").fill("journey-on");
    assert.equal(await confirm.getByRole("button", { name: "Delete distribution" }).isDisabled(), true);
    await confirm.getByLabel("Type journey-one to confirm").fill("journey-one");
    await confirm.getByRole("button", { name: "Delete distribution" }).click();
    await waitStatus(page, "live-status", "Deleted", 60000);
    await assertSameDocument(page);
    assert.equal((await alice("GET", `/api/distributions/${created.distOne}`)).status, 404);
    await ctx.close();
  });
});

describe("origins", () => {
  test("edit website and CORS settings, see who uses it, delete with force", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/origins/new");
    await page.getByLabel("Name").fill("temporary");
    await page.getByLabel("Bucket").fill("cfm-temporary");
    await page.getByRole("button", { name: "Create origin" }).click();
    await waitStatus(page, "origin-status", "Active");
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Index and error documents").check();
    await page.getByLabel("Error document", { exact: true }).fill("404.html");
    await page.getByLabel("Allow cross-origin requests").check();
    await page.getByLabel("Allowed origins").fill("https://shop.example.com");
    await page.getByLabel("PUT").check();
    await page.getByRole("button", { name: "Save" }).click();
    await waitStatus(page, "origin-status", "Active");
    await page.getByText("https://shop.example.com · GET, HEAD, PUT").waitFor();
    assert.match(await page.getByTestId("used-by").innerText(), /No distribution uses this origin/);
    await page.getByRole("button", { name: "Delete origin" }).click();
    await page.getByLabel("Also delete every object in the bucket (force)").check();
    await page.getByText("Every object in cfm-temporary will be deleted permanently.").waitFor();
    await shot(page, "origin-delete-force");
    await page.getByLabel("Type temporary to confirm").fill("temporary");
    await page.getByRole("group", { name: "Delete origin" }).getByRole("button", { name: "Delete origin" }).click();
    const id = new URL(page.url()).pathname.split("/").pop();
    await waitStatus(page, "origin-status", "Deleted", 20000);
    assert.equal((await alice("GET", `/api/origins/${id}`)).status, 404);
    // the origin of journey 1 lists no distribution after that one was deleted
    await page.goto(`${h.base}/origins/${created.originA}`);
    await page.getByTestId("used-by").waitFor();
    await ctx.close();
  });
});

describe("site settings", () => {
  const secret = "s3cr3t-typed-in-the-browser";
  const rotated = "rotated-in-the-browser";

  test("create with a path behavior to a custom origin (secret header), geo restriction and an error page; see Deployed; edit with the secret masked in the diff", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/distributions/new");
    await page.getByLabel("Name", { exact: true }).fill("site-journey");
    await page.getByLabel("Origin", { exact: true }).selectOption({ label: "site-a — cfm-site-a (ap-northeast-2)" });
    await page.getByTestId("site-settings").locator("summary").click();

    // a custom origin whose domain the guardrail does not allow (yet), with a secret header
    await page.getByRole("button", { name: "Add custom origin" }).click();
    const origin = page.getByRole("group", { name: "Custom origin 1" });
    await origin.getByLabel("Origin id").fill("api");
    await origin.getByLabel("Domain name").fill("api.example.net");
    await origin.getByRole("button", { name: "Add header" }).click();
    await origin.getByLabel("Header name").fill("X-Origin-Verify");
    const value = origin.getByLabel("Header value (secret)");
    assert.equal(await value.getAttribute("type"), "password");
    await value.fill(secret);

    // a failover group: the bucket first, the custom origin second
    await page.getByRole("button", { name: "Add origin group" }).click();
    const group = page.getByRole("group", { name: "Origin group 1" });
    await group.getByLabel("Group id").fill("failover");
    await group.getByLabel("Primary origin").selectOption("s3-cfm-site-a");
    await group.getByLabel("Secondary origin").selectOption("api");
    await group.getByLabel("404").check();

    // /api/* to it: all methods, caching disabled, every viewer header but Host
    await page.getByRole("button", { name: "Add path behavior" }).click();
    const behavior = page.getByRole("group", { name: "Behavior 1" });
    await behavior.getByLabel("Path pattern").fill("/api/*");
    await behavior.getByLabel("Target origin or group").selectOption("api");
    await behavior.getByLabel("Allowed methods").selectOption("ALL");
    await behavior.getByLabel("Cache policy").selectOption({ label: "CachingDisabled" });
    await behavior.getByLabel("Origin request policy").selectOption({ label: "AllViewerExceptHostHeader" });
    await behavior.getByLabel("Response headers policy").selectOption("cfm:cors");

    // response headers: the security preset on the default behavior, a CORS preset for /api/*; a tag
    const headers = page.getByTestId("response-headers");
    await headers.getByLabel("Default behavior: response headers policy").selectOption("cfm:security-headers");
    await headers.getByLabel("Define the CORS preset (cfm:cors)").check();
    await headers.getByLabel("CORS allowed origins").fill("https://app.example.com");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("group", { name: "Tag 1" }).getByLabel("Tag key").fill("owner");
    await page.getByRole("group", { name: "Tag 1" }).getByLabel("Tag value").fill("team-web");

    await page.getByLabel("Allow only these countries").check();
    await page.getByLabel("Countries", { exact: true }).fill("kr, JP");
    await page.getByRole("button", { name: "Add error response" }).click();
    const errorPage = page.getByRole("group", { name: "Error response 1" });
    await errorPage.getByLabel("Origin error code").selectOption("404");
    await errorPage.getByLabel("Response page path").fill("/index.html");
    await errorPage.getByLabel("Response code").selectOption("200");
    const drafts = await page.evaluate(() => Object.entries(sessionStorage).filter(([k]) => k.startsWith("cfm.draft.")).map(([, v]) => v).join(" "));
    assert.match(drafts, /X-Origin-Verify/, "the draft is kept");
    assert.doesNotMatch(drafts, new RegExp(secret), "but never with the secret");

    // 422: the guardrail's refusal shows at the domain field it names
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("alert").filter({ hasText: "Refused by a guardrail" }).waitFor();
    assert.match(await page.locator(".error .rule").innerText(), /allowedOriginDomains/);
    const domain = origin.getByLabel("Domain name");
    assert.equal(await domain.getAttribute("aria-invalid"), "true");
    assert.match(await page.locator(`[id="${(await domain.getAttribute("aria-describedby")).split(" ").pop()}"]`).innerText(), /allowed|match/i);
    await shot(page, "distribution-create-site-422");
    await domain.fill("api.example.com");

    // the plan shows every setting, the secret masked
    await page.getByRole("button", { name: "Review plan" }).click();
    const planText = await page.getByTestId("plan").innerText();
    assert.doesNotMatch(planText, new RegExp(secret));
    const plan = JSON.parse(planText);
    assert.equal(plan.CacheBehaviors.Items[0].PathPattern, "/api/*");
    assert.equal(plan.CacheBehaviors.Items[0].TargetOriginId, "api");
    assert.equal(plan.Origins.Items[1].CustomOriginConfig.OriginProtocolPolicy, "https-only");
    assert.deepEqual(plan.Origins.Items[1].CustomHeaders.Items, [{ HeaderName: "X-Origin-Verify", HeaderValue: "********" }]);
    assert.deepEqual(plan.Restrictions.GeoRestriction, { RestrictionType: "whitelist", Quantity: 2, Items: ["JP", "KR"] });
    assert.equal(plan.CustomErrorResponses.Items[0].ResponsePagePath, "/index.html");
    assert.deepEqual(plan.ResponseHeadersPolicies.Cors.AllowOrigins, ["https://app.example.com"]);
    assert.match(plan.DefaultCacheBehavior.ResponseHeadersPolicyId, /^cfm:security-headers$|^[0-9a-f-]{36}$/);
    assert.deepEqual(plan.Tags, { owner: "team-web" });
    assert.deepEqual(plan.OriginGroups.Items[0].Members.Items, [{ OriginId: "s3-cfm-site-a" }, { OriginId: "api" }]);
    assert.deepEqual([...plan.OriginGroups.Items[0].FailoverCriteria.StatusCodes.Items].sort(), [404, 500, 502, 503, 504]);
    await shot(page, "distribution-create-site");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    const id = new URL(page.url()).pathname.split("/").pop();
    created.siteDist = id;
    await waitStatus(page, "live-status", "Deployed", 45000);

    // the detail shows the settings readably, the header value masked
    const summary = page.getByTestId("site-summary");
    assert.match(await summary.getByTestId("summary-behaviors").locator("tbody tr").first().innerText(), /\/api\/\*\s+api\s+redirect-to-https\s+GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE\s+Yes\s+CachingDisabled\s+AllViewerExceptHostHeader/);
    assert.match(await summary.getByTestId("summary-origins").innerText(), /api\.example\.com\s+Custom\s+https-only · TLSv1\.2\s+30 \/ 5\s+X-Origin-Verify: \*{8}/);
    assert.match(await summary.innerText(), /Allow only these countries: JP, KR/);
    assert.match(await summary.getByTestId("summary-errors").innerText(), /404\s+\/index\.html\s+200/);
    assert.match(await summary.innerText(), /CORS preset\s+https:\/\/app\.example\.com · GET, HEAD, OPTIONS/);
    assert.match(await summary.innerText(), /Tags\s+owner=team-web/);
    assert.match(await summary.getByTestId("summary-groups").innerText(), /failover\s+s3-cfm-site-a\s+api\s+/);
    assert.doesNotMatch(await page.locator("main").innerText(), new RegExp(secret));
    await shot(page, "distribution-detail-site");

    // edit: a longer timeout, a rotated secret, a second behavior moved first with the keyboard
    await page.getByRole("link", { name: "Edit" }).click();
    const editOrigin = page.getByRole("group", { name: "Custom origin 1" });
    const kept = editOrigin.getByLabel("Header value (secret)");
    assert.equal(await kept.inputValue(), "", "the stored secret is not in the form");
    assert.equal(await kept.getAttribute("placeholder"), "********");
    await editOrigin.getByLabel("Response timeout (seconds)").fill("45");
    await kept.fill(rotated);
    await page.getByRole("button", { name: "Add path behavior" }).click();
    const second = page.getByRole("group", { name: "Behavior 2" });
    await second.getByLabel("Path pattern").fill("/static/*");
    await second.getByLabel("Target origin or group").selectOption("s3-cfm-site-a");
    await page.getByRole("button", { name: "Move Behavior 2 up" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.getByRole("group", { name: "Behavior 1" }).getByLabel("Path pattern").inputValue(), "/static/*");
    // a tag the product owns is refused (400) at that tag's field; removed again
    await page.getByRole("button", { name: "Add tag" }).click();
    const badTag = page.getByRole("group", { name: "Tag 2" });
    await badTag.getByLabel("Tag key").fill("ManagedBy");
    await badTag.getByLabel("Tag value").fill("me");
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.locator('.error[data-status="400"]').waitFor();
    assert.equal(await badTag.getByLabel("Tag value").getAttribute("aria-invalid"), "true");
    await page.getByRole("button", { name: "Remove Tag 2" }).click();
    await page.getByRole("button", { name: "Review changes" }).click();
    const diff = page.getByTestId("diff");
    await diff.waitFor();
    const diffText = await diff.innerText();
    assert.match(await diff.locator("tr", { hasText: "OriginReadTimeout" }).innerText(), /30[\s\S]*45/);
    assert.match(await diff.locator("tr", { hasText: "HeaderValue" }).innerText(), /"\*{8}"[\s\S]*"\*{8}"/, "the changed secret shows masked on both sides");
    assert.match(diffText, /CacheBehaviors/);
    assert.doesNotMatch(diffText, new RegExp(`${secret}|${rotated}`));
    await shot(page, "distribution-edit-site-diff");
    await page.getByRole("button", { name: "Apply changes" }).click();
    await page.waitForURL((u) => u.pathname.endsWith(id));
    await waitStatus(page, "live-status", "Deployed", 45000);
    await page.getByTestId("history").locator('[data-action="Updated"]').waitFor({ timeout: 30000 });
    const cfg = (await alice("GET", `/api/distributions/${id}`)).body.data.distribution.config;
    assert.deepEqual(cfg.CacheBehaviors.Items.map((b) => b.PathPattern), ["/static/*", "/api/*"]);
    assert.equal(cfg.Origins.Items[1].CustomOriginConfig.OriginReadTimeout, 45);
    assert.equal(cfg.Origins.Items[1].CustomHeaders.Items[0].HeaderValue, "********");
    assert.deepEqual(cfg.Tags, { owner: "team-web" });
    assert.ok(!h.logs.join("").includes(secret) && !h.logs.join("").includes(rotated), "no secret in the server's log");
    await ctx.close();
  });

  test("apply the shipped SPA + API template with a managed origin and a custom origin", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/distributions/new");
    await page.getByLabel("A template").check();
    await page.getByLabel("Name", { exact: true }).fill("spa-from-console");
    await page.getByLabel("Template", { exact: true }).selectOption({ label: "SPA + API (Web)" });
    await page.getByLabel("Origin", { exact: true }).selectOption({ label: "site-a — cfm-site-a (ap-northeast-2)" });
    assert.equal(await page.getByLabel("Origin id of the managed origin").inputValue(), "site");
    await page.getByTestId("site-settings").locator("summary").click();
    await page.getByRole("button", { name: "Add custom origin" }).click();
    const api = page.getByRole("group", { name: "Custom origin 1" });
    await api.getByLabel("Origin id").fill("api");
    await api.getByLabel("Domain name").fill("abc123.execute-api.eu-central-1.amazonaws.com");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    await waitStatus(page, "live-status", "Deployed", 45000);
    const summary = page.getByTestId("site-summary");
    assert.match(await summary.getByTestId("summary-behaviors").locator("tbody tr").first().innerText(), /\/api\/\*\s+api\s+https-only[\s\S]*CachingDisabled\s+AllViewerExceptHostHeader/);
    assert.match(await summary.getByTestId("summary-origins").innerText(), /site\s+cfm-site-a\.s3\.ap-northeast-2\.amazonaws\.com\s+S3\s+OAC[\s\S]*api\s+abc123\.execute-api/);
    assert.match(await summary.getByTestId("summary-errors").innerText(), /403\s+\/index\.html\s+200[\s\S]*404\s+\/index\.html\s+200/);
    await ctx.close();
  });

  test("adopt an existing bucket from the origin form; deleting it keeps the bucket", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/origins/new");
    await page.getByLabel("Name").fill("legacy");
    await page.getByLabel("Bucket").fill("legacy-site");
    await page.getByLabel("Region").selectOption("us-east-1");
    await page.getByLabel("Adopt: take over one that exists already").check();
    await shot(page, "origin-adopt");
    await page.getByRole("button", { name: "Create origin" }).click();
    await waitStatus(page, "origin-status", "Active");
    const originId = new URL(page.url()).pathname.split("/").pop();
    const [createOp] = (await alice("GET", `/api/operations?resourceId=${originId}`)).body.data.operations;
    const steps = (await alice("GET", `/api/operations/${createOp.id}`)).body.data.operation.steps.map((st) => st.name);
    assert.ok(steps.includes("AdoptBucket") && !steps.includes("CreateBucket"), steps.join(", "));
    assert.match(await page.locator("dl.props").innerText(), /Adopted \(existing bucket, never deleted\)\s+Yes/);
    await page.getByRole("button", { name: "Delete origin" }).click();
    await page.getByText("The bucket and its objects stay.").waitFor();
    assert.equal(await page.getByLabel("Also delete every object in the bucket (force)").count(), 0);
    await page.getByLabel("Type legacy to confirm").fill("legacy");
    await page.getByRole("group", { name: "Delete origin" }).getByRole("button", { name: "Delete origin" }).click();
    await waitStatus(page, "origin-status", "Deleted", 20000);
    // the bucket is still there: adopting it again succeeds
    const again = await alice("POST", "/api/origins", { name: "legacy again", bucketName: "legacy-site", region: "us-east-1", adopt: true });
    assert.equal(again.status, 202, JSON.stringify(again.body));
    const opId = again.body.data.operation.id;
    let op;
    for (let i = 0; i < 100 && !["Succeeded", "Failed"].includes((op = (await alice("GET", `/api/operations/${opId}`)).body.data.operation).status); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(op.status, "Succeeded", JSON.stringify(op));
    await ctx.close();
  });
});

describe("journey 2: several origins", () => {
  test("multi-origin distribution with its routing map computed by the generated code, edit, invalidate, delete", async () => {
    const seoul = await createOriginViaAPI("seoul", "cfm-multi-seoul", "ap-northeast-2");
    const frankfurt = await createOriginViaAPI("frankfurt", "cfm-multi-frankfurt", "eu-central-1");
    const virginia = await createOriginViaAPI("virginia", "cfm-multi-virginia", "us-east-1");
    created.multiOrigins = [seoul, frankfurt, virginia];
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/distributions/new");
    await page.getByLabel("Several origins (nearest-origin routing)").check();
    await page.getByLabel("Name", { exact: true }).fill("journey-two");
    await page.getByLabel("Runs on").selectOption("cloudfront-function");
    await page.getByLabel("Default origin").selectOption(seoul.originId);
    await page.getByLabel("frankfurt (eu-central-1)").check();
    await page.getByLabel("virginia (us-east-1)").check();
    const map = page.getByTestId("routing-map");
    await map.and(page.locator('[data-ready="true"]')).waitFor();
    const shares = await map.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [r.children[2].textContent, Number(r.getAttribute("data-cells"))]));
    assert.deepEqual(shares.map(([region]) => region).sort(), ["ap-northeast-2", "eu-central-1", "us-east-1"]);
    for (const [region, cells] of shares) assert.ok(cells > 100, `${region} serves part of the world (${cells} cells)`);
    assert.match(await map.locator("caption").innerText(), /handler/);
    await shot(page, "distribution-create-multi");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    const id = new URL(page.url()).pathname.split("/").pop();
    await waitStatus(page, "live-status", "Deployed", 45000);
    const detailMap = page.getByTestId("routing-map");
    await detailMap.and(page.locator('[data-ready="true"]')).waitFor();
    assert.equal(await page.getByTestId("code-match").getAttribute("data-same"), "true", "the map ran the deployed code");
    await shot(page, "distribution-detail-multi");
    await page.locator('section[aria-labelledby="routing-title"]').screenshot({ path: `${shots}/readme-routing-map.png` }); // docs/console.png

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Comment").fill("multi, edited");
    await page.getByRole("button", { name: "Review changes" }).click();
    await page.getByTestId("diff").locator("tr", { hasText: "Comment" }).waitFor();
    await page.getByRole("button", { name: "Apply changes" }).click();
    await page.waitForURL((u) => u.pathname.endsWith(id));
    await waitStatus(page, "live-status", "Deployed", 45000);
    await page.getByTestId("history").locator('[data-action="Updated"]').waitFor({ timeout: 30000 });
    assert.equal((await alice("GET", `/api/distributions/${id}`)).body.data.distribution.config.Comment, "multi, edited");
    await page.getByRole("button", { name: "Invalidate" }).click();
    await page.getByTestId("invalidation").waitFor();
    await page.getByRole("button", { name: "Delete distribution" }).click();
    await page.getByLabel("Type journey-two to confirm").fill("journey-two");
    await page.getByRole("group", { name: "Delete distribution" }).getByRole("button", { name: "Delete distribution" }).click();
    await waitStatus(page, "live-status", "Deleted", 60000);
    assert.equal((await alice("GET", `/api/distributions/${id}`)).status, 404);
    await ctx.close();
  });

  test("the map is what the code computes: altered code changes the map", async () => {
    const [seoul, frankfurt] = created.multiOrigins;
    const { page, ctx } = await h.newPage();
    // The preview answer is altered so that chooseOrigin always picks the default origin: a map
    // drawn from the code must then give the whole world to it.
    await page.route("**/api/lambda-edge/preview", async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      body.data.functionCode = body.data.functionCode.replace("function chooseOrigin(latText, lonText, countryText) {", "function chooseOrigin(latText, lonText, countryText) {\n  return 0;");
      await route.fulfill({ response: res, json: body });
    });
    await signIn(page, h.base, "alice", "developers", "/edge-functions/new");
    await page.getByLabel("Name").fill("altered");
    const rows = page.locator("fieldset.origin-row");
    await rows.nth(0).getByLabel("Fill from a managed origin").selectOption(seoul.originId);
    await rows.nth(1).getByLabel("Fill from a managed origin").selectOption(frankfurt.originId);
    await page.getByRole("button", { name: "Preview code" }).click();
    const map = page.getByTestId("routing-map");
    await map.and(page.locator('[data-ready="true"]')).waitFor();
    const cells = await map.locator("tbody tr").evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-cells"))));
    assert.equal(cells[1], 0, "the altered code sends nobody to the second origin");
    assert.ok(cells[0] > 7000);
    await ctx.close();
  });
});

describe("edge functions", () => {
  test("preview shows the code and map; create; Lambda@Edge delete waits for replicas", async () => {
    const [seoul, , virginia] = created.multiOrigins;
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/edge-functions/new");
    await page.getByLabel("Name").fill("nearest");
    await page.getByLabel("Runs on").selectOption("lambda-edge");
    const rows = page.locator("fieldset.origin-row");
    await rows.nth(0).getByLabel("Fill from a managed origin").selectOption(seoul.originId);
    await rows.nth(1).getByLabel("Fill from a managed origin").selectOption(virginia.originId);
    await page.getByRole("button", { name: "Preview code" }).click();
    await page.getByTestId("edge-preview").waitFor();
    assert.match(await page.getByTestId("edge-code").textContent(), /exports\.handler/);
    await page.getByTestId("routing-map").and(page.locator('[data-ready="true"]')).waitFor();
    assert.match(await page.getByTestId("routing-map").locator("caption").innerText(), /chooseOrigin/);
    await shot(page, "edge-function-create");
    await page.getByRole("button", { name: "Create function" }).click();
    await page.waitForURL(/\/edge-functions\/[^n]/);
    await waitStatus(page, "edge-status", "Active", 30000);
    await shot(page, "edge-function-detail");
    await page.getByRole("button", { name: "Delete function" }).click();
    const name = await page.locator("h1").innerText();
    await page.getByLabel(`Type ${name} to confirm`).fill(name);
    await page.getByRole("group", { name: "Delete function" }).getByRole("button", { name: "Delete function" }).click();
    // Deleting: the replica wait is shown while AWS (here the simulator, 4 s) removes replicas
    const status = page.getByTestId("edge-status").getByText(/^(Deleting|Deleted)$/);
    try {
      await status.waitFor({ timeout: 30000 });
    } catch (e) {
      await shot(page, "failed-edge-delete");
      throw new Error(`${e.message}\npage text: ${(await page.locator("main").innerText()).slice(0, 1500)}`);
    }
    if ((await status.innerText()) === "Deleting") assert.equal(await page.getByTestId("replica-wait").isVisible(), true, "the replica wait is shown while Deleting");
    const fnId = new URL(page.url()).pathname.split("/").pop();
    for (let i = 0; i < 150 && (await alice("GET", `/api/lambda-edge/functions/${fnId}`)).status !== 404; i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal((await alice("GET", `/api/lambda-edge/functions/${fnId}`)).status, 404, "deleted once the replicas were gone");
    await waitStatus(page, "edge-status", "Deleted", 10000);
    await ctx.close();
  });
});

describe("certificates", () => {
  test("expiry and in-use state in the list, DNS validation records in the detail", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "victor", "viewers", "/certificates");
    const row = page.getByTestId("certificates").locator("tr", { hasText: "*.example.com" });
    await row.waitFor();
    assert.match(await row.innerText(), /days left/);
    await row.getByRole("link").click();
    const records = page.getByTestId("dns-validation");
    await records.waitFor();
    assert.match(await records.innerText(), /CNAME/);
    await shot(page, "certificate-detail");
    await ctx.close();
  });
});

describe("errors", () => {
  test("400 at the field, 409 names the operation, 429/503 retried with a visible countdown", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/origins/new");
    await page.getByLabel("Name").fill("bad");
    await page.getByLabel("Bucket").fill("Not_A_Bucket");
    await page.getByRole("button", { name: "Create origin" }).click();
    const bucket = page.getByLabel("Bucket");
    await page.locator(".field.invalid").first().waitFor();
    assert.equal(await bucket.getAttribute("aria-invalid"), "true");
    const describedBy = await bucket.getAttribute("aria-describedby");
    assert.match(await page.locator(`[id="${describedBy.split(" ").pop()}"]`).innerText(), /\S/);
    await shot(page, "origin-create-400");

    // 409: a distribution changing under another operation
    const r = await alice("POST", "/api/distributions", {
      name: "busy-one",
      config: {
        Comment: "x",
        Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: "o", DomainName: "cfm-site-a.s3.ap-northeast-2.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } }] },
        DefaultCacheBehavior: { TargetOriginId: "o", ViewerProtocolPolicy: "redirect-to-https" },
      },
    });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const busyId = r.body.data.distribution.id;
    created.busyDist = busyId;
    await page.route(`**/api/distributions/${busyId}?dryRun=true`, (route) =>
      route.fulfill({ status: 409, contentType: "application/json", json: { success: false, error: { code: "conflict", message: `distribution ${busyId} is Creating (operation ${r.body.data.operation.id}): conflict` } } }),
    );
    await page.goto(`${h.base}/distributions/${busyId}/edit`);
    await page.getByRole("button", { name: "Review changes" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "This conflicts with the current state" });
    await conflict.waitFor();
    assert.equal(await conflict.getByRole("link").innerText(), r.body.data.operation.id);

    // 503 then 429 then success: the banner counts down, the list still arrives
    let calls = 0;
    await page.route("**/api/templates?*", async (route) => {
      calls++;
      if (calls === 1) return route.fulfill({ status: 503, headers: { "Retry-After": "1" }, json: { success: false, error: { code: "unavailable", message: "busy" } } });
      if (calls === 2) return route.fulfill({ status: 429, headers: { "Retry-After": "1" }, json: { success: false, error: { code: "throttled", message: "slow down" } } });
      return route.continue();
    });
    await page.goto(`${h.base}/templates`);
    const banner = page.locator(".retry");
    await banner.waitFor();
    assert.match(await banner.innerText(), /503.*retrying in \d s \(attempt 1 of 4\)/);
    await banner.filter({ hasText: "429" }).waitFor();
    await page.getByTestId("templates").waitFor();
    await banner.waitFor({ state: "detached" });
    assert.equal(calls, 3);
    await ctx.close();
  });

  test("an expired session signs in again and keeps the half-filled form", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/templates/new");
    await page.getByLabel("Name").fill("half-filled");
    await page.getByLabel("Description").fill("typed before the token expired");
    // The API refuses the token (as it does once the token expired): the console must sign in
    // again and bring the draft back.
    await page.route("**/api/templates", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 401, json: { success: false, error: { code: "unauthenticated", message: "a valid bearer token is required" } } })
        : route.continue(),
    );
    await page.getByRole("button", { name: "Create template" }).click();
    await page.waitForURL(/\/local\/oauth2\/authorize/);
    await page.unroute("**/api/templates");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("developers", { exact: true }).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/templates/new");
    await page.getByText("Your unsaved changes were restored").waitFor();
    assert.equal(await page.getByLabel("Name").inputValue(), "half-filled");
    assert.equal(await page.getByLabel("Description").inputValue(), "typed before the token expired");
    await page.getByRole("button", { name: "Create template" }).click();
    await page.waitForURL(/\/templates\/tmpl-/);
    created.template = new URL(page.url()).pathname.split("/").pop();
    await ctx.close();
  });
});

describe("templates", () => {
  test("edit, apply to a new distribution, delete", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", `/templates/${created.template}`);
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Config (CloudFront JSON)").fill(
      JSON.stringify({
        Comment: "from template",
        Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: "o", DomainName: "cfm-site-a.s3.ap-northeast-2.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } }] },
        DefaultCacheBehavior: { TargetOriginId: "o", ViewerProtocolPolicy: "redirect-to-https" },
      }),
    );
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("template-config").getByText(/from template/).waitFor();
    await shot(page, "template-detail");
    await page.getByLabel("Distribution name").fill("from-template");
    await page.getByRole("button", { name: "Create distribution" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    await waitStatus(page, "live-status", "Deployed", 30000);
    created.templateDist = new URL(page.url()).pathname.split("/").pop();
    // the create screen's "from a template" path
    await page.goto(`${h.base}/distributions/new`);
    await page.getByLabel("A template").check();
    await page.getByLabel("Name", { exact: true }).fill("from-template-2");
    await page.getByLabel("Template", { exact: true }).selectOption(created.template);
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/distributions\/dist-/);
    await waitStatus(page, "live-status", "Deployed", 30000);
    const fromCreate = (await alice("GET", `/api/distributions/${new URL(page.url()).pathname.split("/").pop()}`)).body.data.distribution;
    assert.equal(fromCreate.templateId, created.template);
    assert.equal(fromCreate.config.Comment, "from template");
    await page.goto(`${h.base}/templates/${created.template}`);
    await page.getByRole("button", { name: "Delete template" }).click();
    await page.getByLabel("Type half-filled to confirm").fill("half-filled");
    await page.getByRole("group", { name: "Delete template" }).getByRole("button", { name: "Delete template" }).click();
    await page.waitForURL((u) => u.pathname === "/templates");
    assert.equal((await alice("GET", `/api/templates/${created.template}`)).status, 404);
    await ctx.close();
  });
});

describe("dashboard and operations", () => {
  test("the dashboard counts by status and lists recent activity; operations filter by status, resource and actor", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers");
    const counts = page.getByTestId("counts");
    await counts.locator('[data-status="Deployed"]').waitFor();
    const deployed = Number(await counts.locator('[data-status="Deployed"] .count').innerText());
    const all = (await alice("GET", "/api/distributions?limit=100")).body.data.distributions;
    assert.equal(deployed, all.filter((d) => d.status === "Deployed").length);
    const recent = page.getByRole("region", { name: "Recent activity" }).getByTestId("operations");
    await recent.locator("tbody tr a").first().waitFor();
    await shot(page, "dashboard");

    await page.goto(`${h.base}/operations`);
    await page.getByLabel("Resource").fill(created.templateDist);
    await page.getByLabel("Status").selectOption("Succeeded");
    await page.getByLabel("Actor").fill("alice");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByTestId("operations").locator("tbody tr");
    await rows.first().locator("a").first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.length >= 1 && texts.every((t) => t.includes(created.templateDist) && t.includes("Succeeded") && t.includes("alice")), texts.join("\n"));
    await page.getByLabel("Actor").fill("nobody");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByTestId("operations").getByText("Nothing here yet.").waitFor();
    await ctx.close();
  });
});

describe("conflicts", () => {
  test("deleting an origin that a distribution uses is refused (409) and says so", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", `/origins/${created.originA}`);
    await page.getByTestId("used-by").getByRole("link", { name: created.templateDist }).waitFor();
    await page.getByRole("button", { name: "Delete origin" }).click();
    await page.getByLabel("Type site-a to confirm").fill("site-a");
    await page.getByRole("group", { name: "Delete origin" }).getByRole("button", { name: "Delete origin" }).click();
    const refused = page.locator('.error[data-status="409"]');
    await refused.waitFor();
    assert.match(await refused.innerText(), /This conflicts with the current state/);
    assert.equal((await alice("GET", `/api/origins/${created.originA}`)).body.data.origin.status, "Active");
    await ctx.close();
  });
});

describe("roles", () => {
  test("a viewer sees no mutation controls; a developer none on what others own", async () => {
    for (const [user, group] of [
      ["victor", "viewers"],
      ["bob", "developers"],
    ]) {
      const { page, ctx } = await h.newPage();
      await signIn(page, h.base, user, group, `/distributions/${created.templateDist}`);
      await waitStatus(page, "live-status", "Deployed");
      for (const name of ["Edit", "Delete distribution", "Invalidate"]) assert.equal(await page.getByRole("button", { name }).or(page.getByRole("link", { name })).count(), 0, `${user} sees ${name}`);
      await page.goto(`${h.base}/origins/${created.originA}`);
      await waitStatus(page, "origin-status", "Active");
      assert.equal(await page.getByRole("button", { name: "Delete origin" }).count(), 0);
      assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
      await page.goto(`${h.base}/distributions`);
      await page.getByTestId("distributions").waitFor();
      const canCreate = (await page.getByRole("link", { name: "Create distribution" }).count()) > 0;
      assert.equal(canCreate, group === "developers", `${user} create control`);
      if (group === "viewers") await shot(page, "viewer-distributions");
      await ctx.close();
    }
  });
});

describe("security", () => {
  test("resource names with markup are shown as text and never run", async () => {
    const payloads = ['<img src=x onerror="window.__xss=1;alert(1)">', '"><script>window.__xss=2;alert(2)</script>', "javascript:alert(3)"];
    for (const [i, p] of payloads.entries()) {
      const o = await alice("POST", "/api/templates", { name: p, description: p, category: "Security", config: { Comment: p.slice(0, 120) } });
      assert.equal(o.status, 201, JSON.stringify(o.body));
      const r = await alice("POST", "/api/distributions", {
        name: p,
        config: {
          Comment: p.slice(0, 120),
          Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: "o", DomainName: "cfm-site-a.s3.ap-northeast-2.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } }] },
          DefaultCacheBehavior: { TargetOriginId: "o", ViewerProtocolPolicy: "redirect-to-https" },
        },
      });
      assert.equal(r.status, 202, JSON.stringify(r.body));
      created[`xss${i}`] = { dist: r.body.data.distribution.id, template: o.body.data.template.templateId };
    }
    const origins = [];
    for (const [i, p] of payloads.entries()) {
      const o = await alice("POST", "/api/origins", { name: p, bucketName: `cfm-xss-${i}`, region: "eu-west-1" });
      assert.equal(o.status, 202, JSON.stringify(o.body));
      origins.push(o.body.data.origin.originId);
    }
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/distributions");
    const screens = ["/", "/distributions", "/templates", "/operations", "/origins", ...origins.map((id) => `/origins/${id}`), `/origins/${origins[0]}/edit`];
    for (let i = 0; i < payloads.length; i++) screens.push(`/distributions/${created[`xss${i}`].dist}`, `/templates/${created[`xss${i}`].template}`);
    for (const s of screens) {
      await page.goto(h.base + s);
      await page.locator("h1").waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${s}`);
      assert.equal(await page.locator('img[src="x"], main script').count(), 0, `markup became elements on ${s}`);
    }
    await page.goto(`${h.base}/distributions`);
    await page.getByRole("link", { name: payloads[0] }).waitFor(); // shown, as text
    await shot(page, "xss-distributions");
    assert.deepEqual(h.events.dialogs, [], "no alert() ran");
    assert.deepEqual(h.events.pageErrors, []);
    assert.deepEqual(h.events.cspViolations, [], "nothing the CSP had to block");
    await ctx.close();
  });

  test("the served pages forbid inline script and eval", async () => {
    const res = await fetch(`${h.base}/distributions`);
    const csp = res.headers.get("content-security-policy");
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types cfm-worker/);
    const page = await (await fetch(`${h.base}/`)).text();
    assert.doesNotMatch(page.replace(/<script type="module" src="\/assets\/app.js"><\/script>/, ""), /<script/i, "no inline script");
    for (const asset of ["app.js", "routing-worker.js"]) {
      const js = await (await fetch(`${h.base}/assets/${asset}`)).text();
      assert.doesNotMatch(js, /\beval\(|new Function\(|document\.write/, `${asset} has no eval`);
    }
    // No HTML from data in the sources (the CSP's Trusted Types would refuse it at run time too).
    const src = new URL("../src/", import.meta.url);
    const hits = readdirSync(src, { recursive: true })
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|DOMParser/.test(readFileSync(new URL(f, src), "utf8")));
    assert.deepEqual(hits, []);
  });
});

describe("keyboard and language", () => {
  test("the create flow works with the keyboard alone", async () => {
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "alice", "developers", "/distributions/new");
    await page.getByLabel("Name", { exact: true }).waitFor();
    const focusOn = async (predicate, what) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    await focusOn(() => document.activeElement?.getAttribute("name") === "name", "the name field");
    await page.keyboard.type("keyboard-made");
    await focusOn(() => document.activeElement?.getAttribute("name") === "origin", "the origin select");
    await page.keyboard.press("ArrowDown");
    assert.notEqual(await page.getByLabel("Origin", { exact: true }).inputValue(), "");
    await focusOn(() => document.activeElement?.textContent === "Create" && document.activeElement.tagName === "BUTTON", "the Create button");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/distributions\/dist-/);
    await waitStatus(page, "live-status", "Deployed", 30000);
    await ctx.close();
  });

  test("Korean from the browser language, English with the switch", async () => {
    const { page, ctx } = await h.newPage({ locale: "ko-KR" });
    await page.goto(h.base + "/");
    await page.getByRole("button", { name: "로그인" }).waitFor();
    await signIn(page, h.base, "alice", "developers");
    await page.getByRole("navigation").getByRole("link", { name: "배포" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ko");
    await shot(page, "dashboard-ko");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Distributions" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await ctx.close();
  });
});

describe("distributions list", () => {
  test("pages by the API's cursor, searches and filters the page", async () => {
    const body = (name) => ({
      name,
      config: {
        Comment: "paging",
        Enabled: true,
        Origins: { Quantity: 1, Items: [{ Id: "o", DomainName: "cfm-site-a.s3.ap-northeast-2.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "" } }] },
        DefaultCacheBehavior: { TargetOriginId: "o", ViewerProtocolPolicy: "redirect-to-https" },
      },
    });
    const before = (await alice("GET", "/api/distributions?limit=100")).body.data.distributions.length;
    const extra = Math.max(0, 25 - before);
    for (let i = 0; i < extra; i++) assert.equal((await alice("POST", "/api/distributions", body(`page-${String(i).padStart(2, "0")}`))).status, 202);
    const { page, ctx } = await h.newPage();
    await signIn(page, h.base, "victor", "viewers", "/distributions");
    const rows = page.getByTestId("distributions").locator("tbody tr");
    await rows.nth(19).waitFor();
    assert.equal(await rows.count(), 20, "a page holds 20");
    const first = await rows.first().innerText();
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2").waitFor();
    for (let i = 0; i < 50 && (await rows.first().innerText()) === first; i++) await page.waitForTimeout(100);
    assert.notEqual(await rows.first().innerText(), first, "page 2 shows other distributions");
    assert.equal(await rows.count(), before + extra - 20);
    await page.getByRole("button", { name: "First page" }).click();
    await page.getByText("Page 1").waitFor();
    await page.getByLabel("Search").fill("page-0");
    const hits = await rows.allInnerTexts();
    assert.ok(hits.length > 0 && hits.every((t) => t.includes("page-0")), hits.join("\n"));
    await page.getByLabel("Search").fill("");
    await page.getByLabel("Status").selectOption("Deployed");
    assert.ok((await rows.allInnerTexts()).every((t) => t.includes("Deployed") || t.includes("Nothing here yet.")));
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Type").selectOption("multi");
    assert.ok((await rows.allInnerTexts()).every((t) => t.includes("Multi-origin") || t.includes("Nothing here yet.")));
    await ctx.close();
  });
});

describe("accessibility", () => {
  test("axe-core finds no serious or critical violation on any screen", async () => {
    // axe is injected through the DevTools protocol; this context skips the page CSP so the
    // engine can run (the CSP itself is covered by the security tests).
    const { page, ctx } = await h.newPage({ context: { bypassCSP: true } });
    await page.goto(h.base + "/");
    const screens = [["sign-in", null]];
    const failures = [];
    const check = async (name) => {
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        failures.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
    };
    // the local identity provider's sign-in page too
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/local\/oauth2\/authorize/);
    await check("identity-provider-sign-in");
    await page.goto(h.base + "/");
    await signIn(page, h.base, "alice", "developers");
    const [origin] = created.multiOrigins;
    const certs = (await alice("GET", "/api/certificates")).body.data.certificates;
    const fns = (await alice("GET", "/api/lambda-edge/functions")).body.data.functions;
    const ops = (await alice("GET", `/api/distributions/${created.templateDist}`)).body.data.distribution.operationId;
    screens.push(
      ["dashboard", "/"],
      ["distributions", "/distributions"],
      ["distribution-create", "/distributions/new"],
      ["distribution-detail", `/distributions/${created.templateDist}`],
      ["distribution-edit", `/distributions/${created.templateDist}/edit`],
      ["distribution-detail-site", `/distributions/${created.siteDist}`],
      ["distribution-edit-site", `/distributions/${created.siteDist}/edit`],
      ["origins", "/origins"],
      ["origin-create", "/origins/new"],
      ["origin-detail", `/origins/${origin.originId}`],
      ["origin-edit", `/origins/${origin.originId}/edit`],
      ["certificates", "/certificates"],
      ["certificate-detail", `/certificates/${encodeURIComponent(certs[0].certificateArn)}`],
      ["edge-functions", "/edge-functions"],
      ["edge-function-create", "/edge-functions/new"],
      ["templates", "/templates"],
      ["template-create", "/templates/new"],
      ["template-detail", `/templates/${created.xss0.template}`],
      ["operations", "/operations"],
      ["operation-detail", `/operations/${ops}`],
    );
    if (fns[0]) screens.push(["edge-function-detail", `/edge-functions/${fns[0].functionId}`]);
    for (const [name, path] of screens) {
      if (path === null) {
        await page.evaluate(() => sessionStorage.clear());
        await page.goto(h.base + "/");
      } else {
        await page.goto(h.base + path);
        await page.locator("h1").waitFor();
        await page.waitForLoadState("networkidle");
      }
      await check(name);
      if (path === null) await signIn(page, h.base, "alice", "developers");
      if (["distributions", "origins", "certificates", "edge-functions", "templates", "operations"].includes(name)) await shot(page, name);
    }
    assert.deepEqual(failures, []);
    await ctx.close();
  });
});

describe("coverage", () => {
  test("every route of the OpenAPI document was called by the console", async () => {
    const doc = await (await fetch(`${h.base}/api/openapi.json`)).json();
    const missing = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const m of ["get", "post", "put", "delete"]) {
        if (!item[m] || p === "/api/openapi.json") continue;
        if (![...h.routes].some((r) => r.startsWith(m.toUpperCase() + " ") && re.test(r.slice(m.length + 1)))) missing.push(`${m.toUpperCase()} ${p}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
