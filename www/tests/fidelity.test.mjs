// Issue 10 in the console: what the data means (failCode texts from the package's
// describeFailCode and the tenant's queryOBSResultCode table), a long range pointing to Export all,
// a partial CSV after Cancel, spreadsheet-safe CSV cells, the server's text in the UI's language,
// and no sideways scrolling on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setUp, addDays, clearFaults } from "./harness.mjs";

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  await env?.close();
});

function firstCampaign() {
  const c = (env.dataset.campaigns ?? [])[0];
  return { id: c.campaignId, vdnId: c.vdnId, begin: c.firstCallDate };
}

async function fill(page, values) {
  for (const [k, v] of Object.entries(values)) {
    const sel = `#callResults-${k}`;
    if ((await page.$eval(sel, (e) => e.tagName)) === "SELECT") await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
}

test("failCodes are described by the vendor tables, resultCodes by the tenant's table", async () => {
  const { page, context } = await env.newPage();
  await page.click("#callResults-submit");
  await page.waitForFunction(() => document.querySelectorAll("#table-callResults .failcode").length > 0, null, { timeout: 20000 });
  const shown = await page.$$eval("#table-callResults .failcode", (ns) => ns.map((n) => [n.querySelector("code").textContent, n.querySelector(".muted")?.textContent ?? null]));
  const vendor = await page.evaluate(async (codes) => {
    const { describeFailCode } = await import("cec-calldata");
    return codes.map((c) => describeFailCode(c, { locale: "en_US" }));
  }, shown.map(([c]) => c));
  shown.forEach(([code, text], i) => {
    if (vendor[i].known) assert.equal(text, vendor[i].message, code);
  });
  assert.ok(vendor.some((v) => v.known && v.code !== "00000"), "some failed call is described");
  // The tenant table (queryOBSResultCode through the client) is loaded and shown on hover.
  await page.waitForFunction(() => [...document.querySelectorAll("#table-callResults .failcode")].some((n) => /Tenant table/.test(n.title)), null, { timeout: 10000 });
  await context.close();
});

test("a range over 30 days points to Export all instead of showing an error", async () => {
  const { page, context } = await env.newPage();
  const c = firstCampaign();
  await fill(page, { vdnId: c.vdnId, campaignId: c.id, beginTime: c.begin, endTime: addDays(c.begin, 60) });
  const hint = page.locator('#form-callResults .issue-item[data-rule="window-too-long"]').first();
  await hint.waitFor();
  assert.match(await hint.getAttribute("class"), /hint/);
  assert.match(await hint.textContent(), /Export all/);
  assert.equal(await page.isDisabled("#callResults-export"), false);
  await context.close();
});

test("Cancel offers the rows fetched so far as a partial CSV, with spreadsheet-safe cells", async () => {
  const { page, context } = await env.newPage();
  const res = await fetch(`${env.simUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ endpoint: "callResults", kind: "latency", ms: 600 }]) });
  assert.ok(res.ok);
  try {
    const c = firstCampaign();
    await fill(page, { vdnId: c.vdnId, campaignId: c.id, beginTime: c.begin, endTime: addDays(c.begin, 150), showDetail: "1" });
    await page.click("#callResults-export");
    await page.waitForFunction(() => /[1-9]/.test(document.getElementById("export-status")?.textContent ?? "") && document.getElementById("export-area")?.dataset.state === "running", null, { timeout: 30000 });
    await page.click("#export-cancel");
    await page.waitForSelector("#export-area[data-state='cancelled']", { timeout: 15000 });
    await page.waitForSelector("#export-download:not([hidden])");
    assert.match(await page.getAttribute("#export-download", "download"), /partial\.csv$/);
    const csv = await page.evaluate(async () => (await fetch(document.getElementById("export-download").href)).text());
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    const header = lines[0].split(",");
    assert.ok(lines.length > 1);
    const row = lines[1];
    // Digit-only identifiers are text formulas: leading zeros and long numbers survive Excel.
    const fail = header.indexOf("failCode");
    const cells = row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g).map((x) => x.replace(/,$/, ""));
    assert.match(cells[fail], /^"=""\d+"""$/, row);
    assert.match(cells[header.indexOf("called")], /^"=""\d+"""$/, row);
  } finally {
    await clearFaults(env.simUrl);
  }
  await context.close();
});

test("the server's description follows the UI language (locale header)", async () => {
  const { page, context } = await env.newPage();
  await page.click("#lang-zh");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  await page.fill("#callResults-campaignId", "999");
  await page.click("#callResults-submit");
  await page.waitForSelector("#error-box .err-description");
  assert.match(await page.textContent("#error-box .err-description"), /[\u4e00-\u9fff]/);
  await page.click("#lang-en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.click("#callResults-submit");
  await page.waitForFunction(() => /^[\x00-\x7f]+$/.test((document.querySelector("#error-box .err-description")?.textContent ?? "").trim() || "x"));
  assert.doesNotMatch(await page.textContent("#error-box .err-description"), /[\u4e00-\u9fff]/);
  await context.close();
});

test("no sideways scrolling at 390 px", async () => {
  const { page, context } = await env.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#callResults-submit");
  await page.waitForFunction(() => document.querySelectorAll("#table-callResults tbody tr").length > 1, null, { timeout: 20000 });
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, vw: window.innerWidth }));
  assert.ok(widths.doc <= widths.vw && widths.body <= widths.vw, JSON.stringify(widths));
  await context.close();
});

test("an error inside the call view is also in the Errors panel", async () => {
  const { page, context } = await env.newPage();
  await page.click("#callResults-submit");
  await page.waitForFunction(() => document.querySelectorAll("#table-callResults tbody button.link").length > 0, null, { timeout: 20000 });
  const res = await fetch(`${env.simUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(["callRecords:status=404"]) });
  assert.ok(res.ok);
  try {
    await page.click("#table-callResults tbody button.link");
    await page.waitForSelector("#cv-transcript .error-card");
    await page.click("#cv-close");
    await page.waitForSelector("#error-box .error-card[data-kind='http']");
    assert.match(await page.textContent("#error-box"), /404/);
  } finally {
    await clearFaults(env.simUrl);
  }
  await context.close();
});

test("sorting a result of several pages sorts every page, not just the one shown", async () => {
  const { page, context } = await env.newPage();
  const c = firstCampaign();
  await fill(page, { vdnId: c.vdnId, campaignId: c.id, beginTime: c.begin, endTime: addDays(c.begin, 3), pageSize: "5", pageNum: "1", showDetail: "1" });
  await page.click("#callResults-submit");
  await page.waitForFunction(() => /Page 1 of [2-9]|Page 1 of \d\d/.test(document.getElementById("page-info")?.textContent ?? ""), null, { timeout: 20000 });
  const total = Number((await page.textContent("#page-info")).match(/· (\d+) results/)[1]);
  // Call time, descending: the first row is the latest call of the whole result.
  await page.click("#table-callResults thead th:nth-child(1) button");
  await page.waitForFunction((n) => document.querySelectorAll("#table-callResults tbody tr").length === n, total, { timeout: 20000 });
  await page.click("#table-callResults thead th:nth-child(1) button");
  const times = await page.$$eval("#table-callResults tbody tr td:first-child", (tds) => tds.map((td) => td.textContent));
  assert.equal(times.length, total);
  assert.deepEqual(times, [...times].sort().reverse());
  assert.match(await page.textContent("#page-info"), /sorted across every page/);
  assert.equal(await page.isDisabled("#page-next"), true);
  await context.close();
});

test("the call view says what satisfaction and leave reason values are", async () => {
  const { page, context } = await env.newPage();
  await page.click("#callResults-submit");
  await page.waitForFunction(() => document.querySelectorAll("#table-callResults tbody button.link").length > 0, null, { timeout: 20000 });
  await page.click("#table-callResults tbody button.link");
  await page.waitForSelector("#cv-cdr .cdr", { timeout: 20000 });
  const text = await page.textContent("#cv-cdr");
  assert.match(text, /not rated|level \d/);
  assert.match(text, /code \d+ \(the API docs list no values/);
  await context.close();
});
