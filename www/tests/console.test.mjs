// The console in headless Chromium against cec-sim: loading, the five queries, live validation in
// both languages, the call view, Export all (checked against the simulator's ground truth), cancel,
// fault injection with retries, and that no secret ever reaches the DOM or the console.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { setUp, artifactsDir, docsDir, addDays, consoleErrors, clearFaults } from "./harness.mjs";

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.close();
});

const shot = (page, name, opts = {}) => page.screenshot({ path: join(artifactsDir, `${name}.png`), ...opts });

/** The campaigns of the dataset with their date ranges, normalised. */
function campaigns() {
  return (env.dataset.campaigns ?? []).map((c) => ({
    id: c.campaignId,
    vdnId: c.vdnId,
    begin: c.firstCallDate,
    end: c.lastCallDate,
    calls: c.calls,
  }));
}

async function tableRows(page, id) {
  return page.locator(`#${id} tbody tr:not(:has(td.empty))`).count();
}

async function waitRows(page, id, timeout = 20000) {
  await page.waitForFunction((tid) => document.querySelectorAll(`#${tid} tbody tr`).length > 0 && !document.querySelector(`#${tid} tbody td.empty`), id, { timeout });
}

async function selectTab(page, name) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

async function fillForm(page, form, values) {
  for (const [k, v] of Object.entries(values)) {
    const sel = `#${form}-${k}`;
    const tag = await page.$eval(sel, (e) => e.tagName);
    if (tag === "SELECT") await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
}

async function noIssues(page, form) {
  await page.waitForFunction((f) => document.getElementById(`form-${f}`)?.dataset.issues === "0", form, { timeout: 5000 });
}

test("the page loads the packed package with no console errors and valid, prefilled forms", async () => {
  const t0 = Date.now();
  const { page, context, consoleMessages, pageErrors } = await env.newPage();
  const loadMs = Date.now() - t0;
  assert.ok(loadMs < 10000, `ready in ${loadMs} ms`);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors(consoleMessages), []);
  // The package comes from the installed tarball through the import map.
  const map = await page.$eval('script[type="importmap"]', (e) => JSON.parse(e.textContent));
  assert.equal(map.imports["cec-calldata"], "/vendor/cec-calldata/index.web.js");
  for (const f of ["callResults", "callResultDetail", "callRecords", "callManualDetail", "transferRecords"]) {
    assert.equal(await page.$eval(`#form-${f}`, (e) => e.dataset.issues), "0", `${f} starts valid`);
  }
  // Every input has a label.
  const unlabelled = await page.$$eval("input, select", (els) => els.filter((e) => e.type !== "hidden" && !(e.labels && e.labels.length) && !e.getAttribute("aria-label")).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  await context.close();
});

test("a query on each of the five endpoints shows rows", async () => {
  const { page, context, consoleMessages, pageErrors } = await env.newPage();
  // Call results.
  await page.click("#callResults-submit");
  await waitRows(page, "table-callResults");
  const n = await tableRows(page, "table-callResults");
  assert.ok(n > 0 && n <= 20, `call results rows: ${n}`);
  assert.match(await page.textContent("#page-info"), /1/);
  const statuses = await page.$$eval("#table-callResults tbody [data-status]", (els) => [...new Set(els.map((e) => e.textContent))]);
  assert.ok(statuses.every((s) => s === "succeeded" || s === "failed"), statuses.join());
  await shot(page, "call-results");
  // Sorting by a column.
  await page.click("#table-callResults thead th:nth-child(1) button");
  assert.equal(await page.$eval("#table-callResults thead th:nth-child(1)", (e) => e.getAttribute("aria-sort")), "ascending");
  const times = await page.$$eval("#table-callResults tbody tr td:first-child", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(times, [...times].sort());
  // Next page.
  await page.click("#page-next");
  await page.waitForFunction(() => /^(Page 2|第 2)/.test(document.getElementById("page-info").textContent));
  assert.equal(await page.inputValue("#callResults-pageNum"), "2");

  // Result detail.
  await selectTab(page, "callResultDetail");
  await page.click("#callResultDetail-submit");
  await page.waitForSelector("#out-callResultDetail dl.kv");
  assert.ok((await page.textContent("#out-callResultDetail")).includes(await page.inputValue("#callResultDetail-callId")));

  // Bot conversation.
  await selectTab(page, "callRecords");
  await page.click("#callRecords-submit");
  await page.waitForSelector("#out-callRecords ol.chat li");
  assert.ok((await page.locator("#out-callRecords ol.chat li").count()) > 1);

  // CDRs.
  await selectTab(page, "callManualDetail");
  await page.click("#callManualDetail-submit");
  await waitRows(page, "table-callManualDetail");
  assert.ok((await tableRows(page, "table-callManualDetail")) >= 1);

  // Transfer records.
  await selectTab(page, "transferRecords");
  await page.click("#transferRecords-submit");
  await waitRows(page, "table-transferRecords");
  assert.ok((await tableRows(page, "table-transferRecords")) >= 1);
  await shot(page, "transfer-records");

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors(consoleMessages), []);
  assert.equal(await page.$eval("#error-box", (e) => e.querySelector(".error-card") === null), true, await page.textContent("#error-box"));
  await context.close();
});

test("live validation: a window over 30 days shows 0200011 in English and Chinese and blocks Query", async () => {
  const { page, context } = await env.newPage();
  await page.fill("#callResults-beginTime", "2026-06-01");
  await page.fill("#callResults-endTime", "2026-07-15");
  const issue = page.locator('#form-callResults [data-code="0200011"]').first();
  await issue.waitFor();
  const en = await issue.textContent();
  assert.match(en, /0200011/);
  assert.match(en, /30/);
  assert.doesNotMatch(en, /[\u4e00-\u9fff]/);
  assert.equal(await page.isDisabled("#callResults-submit"), true);
  // Export may span any range: it splits windows itself.
  assert.equal(await page.isDisabled("#callResults-export"), false);
  // The message is tied to the fields by aria-describedby.
  const described = await page.getAttribute("#callResults-endTime", "aria-describedby");
  assert.ok(described.includes("callResults-summary"), described);
  assert.equal(await page.getAttribute("#callResults-endTime", "aria-invalid"), "true");
  await shot(page, "validation-en");

  await page.click("#lang-zh");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  const zh = await page.locator('#form-callResults [data-code="0200011"]').first().textContent();
  assert.match(zh, /0200011/);
  assert.match(zh, /[\u4e00-\u9fff]/, zh);
  assert.equal(await page.textContent("label[for='callResults-campaignId']"), "外呼活动 ID *");
  assert.equal(await page.isDisabled("#callResults-submit"), true);
  await shot(page, "validation-zh");

  // A field-level issue and fixing it.
  await page.fill("#callResults-vdnId", "abc");
  await page.waitForSelector("#callResults-vdnId-issues .issue-item");
  await page.fill("#callResults-vdnId", "1");
  await page.fill("#callResults-endTime", "2026-06-20");
  await noIssues(page, "callResults");
  assert.equal(await page.isDisabled("#callResults-submit"), false);
  await page.click("#lang-en");

  // one-of-required (transfer records: callId, userMobile or ctiCallId) shows at the form level
  // and marks all three fields.
  await selectTab(page, "transferRecords");
  await page.fill("#transferRecords-callId", "");
  await page.waitForSelector('#transferRecords-summary [data-rule="one-of-required"]');
  assert.equal(await page.isDisabled("#transferRecords-submit"), true);
  for (const f of ["callId", "userMobile", "ctiCallId"]) assert.equal(await page.getAttribute(`#transferRecords-${f}`, "aria-invalid"), "true", f);
  await page.fill("#transferRecords-userMobile", "13800000000");
  await noIssues(page, "transferRecords");
  // CDRs without a call ID need a begin or an end date (epoch ms).
  await selectTab(page, "callManualDetail");
  await page.fill("#callManualDetail-callId", "");
  await page.waitForSelector('#callManualDetail-summary [data-rule="one-of-required"]');
  await page.fill("#callManualDetail-beginDate", "2026-06-01");
  await page.waitForSelector('#callManualDetail-beginDate-issues .issue-item');
  await page.fill("#callManualDetail-beginDate", "1780272000000");
  await noIssues(page, "callManualDetail");
  await context.close();
});

test("opening a call shows its detail, bot transcript, CDR and transfer sections", async () => {
  const { page, context, consoleMessages } = await env.newPage();
  await page.click("#callResults-submit");
  await waitRows(page, "table-callResults");
  // Keyboard: focus the row's call-id button and press Enter.
  const btn = page.locator("#table-callResults tbody button.link").first();
  const callId = (await btn.textContent()).trim();
  await btn.focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector("#call-view[open]");
  assert.match(await page.textContent("#cv-title"), new RegExp(callId.replace(/[-]/g, "\\-")));
  await page.waitForFunction(() => ["cv-detail", "cv-transcript", "cv-cdr", "cv-transfer"].every((id) => document.getElementById(id).getAttribute("aria-busy") === "false"), null, { timeout: 20000 });
  assert.equal(await page.locator("#cv-detail .error-card").count(), 0, await page.textContent("#cv-detail"));
  assert.ok((await page.textContent("#cv-detail")).includes(callId));
  const turns = await page.locator("#cv-transcript ol.chat li").count();
  const cdr = await page.textContent("#cv-cdr");
  assert.equal(await page.locator("#cv-cdr .error-card").count(), 0, cdr);
  assert.equal(await page.locator("#cv-transfer .error-card").count(), 0, await page.textContent("#cv-transfer"));
  // A succeeded call has a conversation; find one if the first row failed.
  if (turns === 0) {
    await page.keyboard.press("Escape");
    const okRow = page.locator("#table-callResults tbody tr:has(.badge.ok)").first();
    await okRow.click();
    await page.waitForSelector("#call-view[open]");
    await page.waitForSelector("#cv-transcript ol.chat li", { timeout: 20000 });
  }
  assert.ok((await page.locator("#cv-transcript ol.chat li.msg.bot").count()) > 0);
  assert.ok((await page.locator("#cv-transcript time").count()) > 0);
  await shot(page, "call-view");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("call-view").open);
  assert.deepEqual(consoleErrors(consoleMessages), []);
  await context.close();
});

test("Export all over 60 days: the CSV holds exactly the simulator's calls for the same filters", async () => {
  const { page, context, consoleMessages } = await env.newPage();
  const c = campaigns().find((x) => x.begin && x.end && addDays(x.begin, 60) <= addDays(x.end, 1)) ?? campaigns()[0];
  const begin = c.begin;
  const end = addDays(begin, 60);
  await fillForm(page, "callResults", { vdnId: c.vdnId, campaignId: c.id, beginTime: begin, endTime: end, showDetail: "0" });
  await page.waitForSelector('#form-callResults [data-code="0200011"]');
  await page.click("#callResults-export");
  await page.waitForSelector("#export-area[data-state='done']", { timeout: 120000 });
  const csv = await page.evaluate(async () => (await fetch(document.getElementById("export-download").href)).text());
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "");
  const header = lines[0].split(",");
  const callIdCol = header.indexOf("callId");
  const csvIds = lines.slice(1).map((l) => l.split(",")[callIdCol]);

  const q = new URLSearchParams({ vdnId: String(c.vdnId), campaignId: String(c.id), beginTime: begin, endTime: end, showDetail: "0" });
  const truth = await (await fetch(`${env.simUrl}/__sim/calls?${q}`)).json();
  const truthRows = Array.isArray(truth) ? truth : truth.data ?? truth.calls ?? [];
  const truthCount = Array.isArray(truth) ? truth.length : truth.totalCount ?? truth.total ?? truthRows.length;
  assert.ok(truthCount > 0, "the range has calls");
  assert.equal(lines.length - 1, truthCount, "CSV rows = ground truth");
  if (truthRows.length) assert.deepEqual(new Set(csvIds), new Set(truthRows.map((r) => String(r.callId))));
  assert.equal(new Set(csvIds).size, csvIds.length, "no duplicates across windows");
  // Progress reached the end and covered more than one window.
  assert.match(await page.textContent("#export-status"), new RegExp(`${truthCount}`));
  assert.equal(await page.$eval("#export-progress", (p) => p.value === p.max), true);
  // The overview charts are drawn from the same rows.
  await page.waitForSelector("#ov-charts svg.chart");
  assert.equal(await page.locator("#ov-charts svg.chart").count(), 2);
  await shot(page, "export-done");
  await page.locator("#overview").screenshot({ path: join(artifactsDir, "overview.png") });
  assert.deepEqual(consoleErrors(consoleMessages), []);
  await context.close();
});

test("Cancel stops a running export", async () => {
  const { page, context } = await env.newPage();
  // Slow the simulator down so the export is still running when Cancel is pressed.
  const res = await fetch(`${env.simUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ endpoint: "callResults", kind: "latency", ms: 700 }]) });
  assert.ok(res.ok);
  try {
    const c = campaigns()[0];
    await fillForm(page, "callResults", { vdnId: c.vdnId, campaignId: c.id, beginTime: c.begin, endTime: addDays(c.begin, 150) });
    await page.click("#callResults-export");
    await page.waitForSelector("#export-area[data-state='running']");
    assert.equal(await page.isVisible("#export-cancel"), true);
    await page.waitForTimeout(400);
    await shot(page, "export-running");
    await page.click("#export-cancel");
    await page.waitForSelector("#export-area[data-state='cancelled']", { timeout: 15000 });
    // Whatever was fetched before Cancel is offered as a partial CSV (nothing if nothing came).
    if (!(await page.isHidden("#export-download"))) assert.match(await page.getAttribute("#export-download", "download"), /partial/);
    // The form is usable again (Query stays disabled: the 150-day window is over 30 days).
    await page.waitForFunction(() => !document.getElementById("callResults-export").disabled, null, { timeout: 5000 });
    assert.match(await page.textContent("#export-status"), /Cancelled/);
  } finally {
    await clearFaults(env.simUrl);
  }
  await context.close();
});

test("fault injection: 503s are retried (request log) and, without retries, reported as CecError", async () => {
  const { page, context, consoleMessages } = await env.newPage();
  await page.check("#fault-503");
  await page.waitForFunction(() => /503/.test(document.getElementById("fault-status").textContent) || document.getElementById("fault-503").checked);
  try {
    // With retries the queries recover: the log shows a 503 attempt followed by a retry.
    for (let i = 0; i < 2; i++) {
      await page.click("#callResults-submit");
      await page.waitForFunction(() => !document.getElementById("callResults-submit").disabled && document.getElementById("status-callResults").getAttribute("aria-busy") !== "true");
    }
    await waitRows(page, "table-callResults");
    await page.waitForSelector('#request-log-body tr[data-status="503"]');
    await page.waitForSelector('#request-log-body tr[data-phase="response"][data-attempt="2"][data-status="200"]');
    assert.equal(await page.locator("#error-box .error-card").count(), 0);
    await page.locator("#faults-log").screenshot({ path: join(artifactsDir, "fault-retry-log.png") });

    // No retries: the 503 surfaces as an error with its kind, status and attempts.
    await page.evaluate(() => { document.getElementById("conn-details").open = true; });
    await page.fill("#conn-retries", "0");
    await page.click("#conn-apply");
    let errored = false;
    for (let i = 0; i < 4 && !errored; i++) {
      await page.click("#callResults-submit");
      await page.waitForFunction(() => !document.getElementById("callResults-submit").disabled);
      errored = (await page.locator("#error-box .error-card").count()) > 0;
    }
    assert.ok(errored, "a 503 reached the error panel");
    const kind = await page.getAttribute("#error-box .error-card", "data-kind");
    assert.ok(["http", "api"].includes(kind), kind);
    assert.match(await page.textContent("#error-box .err-http"), /503/);
    assert.match(await page.textContent("#error-box .err-attempts"), /1/);
    assert.match(await page.textContent("#error-box .err-retryable"), /yes/);
    await page.locator("#errors").screenshot({ path: join(artifactsDir, "fault-error.png") });
  } finally {
    await page.uncheck("#fault-503");
    await clearFaults(env.simUrl);
  }
  const stats = await (await fetch(`${env.simUrl}/__sim/faults`)).json();
  assert.equal((Array.isArray(stats) ? stats : stats.faults ?? []).length, 0);
  assert.deepEqual(consoleErrors(consoleMessages, { allowHttp: true }), []);
  await context.close();
});

test("an API error shows its kind, code, localized meaning and the server's description", async () => {
  const { page, context } = await env.newPage();
  await page.fill("#callResults-campaignId", "999");
  await page.click("#callResults-submit");
  await page.waitForSelector("#error-box .error-card");
  assert.equal(await page.getAttribute("#error-box .error-card", "data-kind"), "api");
  assert.equal(await page.getAttribute("#error-box .error-card", "data-code"), "0200007");
  assert.match(await page.textContent("#error-box .err-meaning"), /campaign does not exist/i);
  assert.ok((await page.textContent("#error-box .err-description")).trim().length > 0);
  assert.match(await page.textContent("#status-callResults"), /0200007/);
  // The meaning follows the language.
  await page.click("#lang-zh");
  await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector("#error-box .err-meaning")?.textContent ?? ""));
  await page.locator("#errors").screenshot({ path: join(artifactsDir, "api-error-zh.png") });
  await page.click("#lang-en");
  await context.close();
});

test("no secret reaches the DOM, the URL, storage or the console", async () => {
  assert.ok(env.secrets.length >= 3, `demo secrets found in the dataset: ${env.secrets.length}`);
  const { page, context, consoleMessages } = await env.newPage();
  // Exercise the page: queries, the call view, an error, re-applying the connection.
  await page.click("#callResults-submit");
  await waitRows(page, "table-callResults");
  await page.locator("#table-callResults tbody tr").first().click();
  await page.waitForSelector("#call-view[open]");
  await page.waitForFunction(() => document.getElementById("cv-transfer").getAttribute("aria-busy") === "false", null, { timeout: 20000 });
  await page.keyboard.press("Escape");
  await page.evaluate(() => { document.getElementById("conn-details").open = true; });
  // A secret typed by the user is read and cleared from the input.
  await page.fill("#conn-fabric-secret", env.secrets.find((s) => /app/i.test(s)) ?? env.secrets[0]);
  await page.click("#conn-apply");
  assert.equal(await page.inputValue("#conn-fabric-secret"), "");
  await selectTab(page, "callManualDetail");
  await page.click("#callManualDetail-submit");
  await waitRows(page, "table-callManualDetail");
  await shot(page, "connection", { fullPage: true });

  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const values = await page.$$eval("input", (els) => els.map((e) => e.value).join("\n"));
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  const consoleText = consoleMessages.map((m) => m.text).join("\n");
  for (const secret of env.secrets) {
    assert.ok(!html.includes(secret), "secret in the DOM");
    assert.ok(!values.includes(secret), "secret in an input's value");
    assert.ok(!page.url().includes(secret), "secret in the URL");
    assert.ok(!storage.includes(secret), "secret in storage");
    assert.ok(!consoleText.includes(secret), "secret in the console");
  }
  await context.close();
});

test("CC-iSales calls are signed by the server (/sign): the SK is not in the page's JS heap", async () => {
  const sk = env.dataset.credentials?.isales?.sk;
  assert.ok(sk, "the simulator's demo SK");
  const { page, context } = await env.newPage();
  const signs = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname === "/sign") signs.push(r.method()); });
  await page.click("#callResults-submit");
  await waitRows(page, "table-callResults");
  assert.ok(signs.length >= 1 && signs.every((m) => m === "POST"), `requests to /sign: ${signs}`);
  // A heap snapshot (it collects garbage first) holds every string the page can still reach.
  const cdp = await context.newCDPSession(page);
  let snapshot = "";
  cdp.on("HeapProfiler.addHeapSnapshotChunk", (e) => { snapshot += e.chunk; });
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  assert.ok(snapshot.length > 100_000, "a heap snapshot was taken");
  assert.ok(snapshot.includes("cec-demo-ak"), "the snapshot holds the page's strings (the AK is public)");
  assert.ok(!snapshot.includes(sk), "the SK is in the page's heap");
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.textContent).join("\n"));
  assert.ok(!scripts.includes(sk));
  await context.close();
});

test("screenshot for the README", async () => {
  const { page, context } = await env.newPage();
  await page.fill("#callResults-endTime", addDays(await page.inputValue("#callResults-beginTime"), 61));
  await page.click("#callResults-overview");
  await page.waitForSelector("#export-area[data-state='done']", { timeout: 60000 });
  await page.fill("#callResults-endTime", addDays(await page.inputValue("#callResults-beginTime"), 30));
  await page.fill("#callResults-pageSize", "8");
  await page.click("#callResults-submit");
  await waitRows(page, "table-callResults");
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const bottom = await page.evaluate(() => Math.ceil(document.getElementById("overview").getBoundingClientRect().bottom + window.scrollY + 12));
  const clip = { x: 0, y: 0, width: 1280, height: Math.min(bottom, 1800) };
  await page.screenshot({ path: join(artifactsDir, "console.png"), clip });
  // docs/console.png is committed: written when missing or on request, so test runs leave the tree clean.
  if (!existsSync(join(docsDir, "console.png")) || process.env.WWW_UPDATE_SCREENSHOT === "1") {
    mkdirSync(docsDir, { recursive: true });
    await page.screenshot({ path: join(docsDir, "console.png"), clip });
  }
  await page.screenshot({ path: join(artifactsDir, "full-page.png"), fullPage: true });
  await context.close();
});
