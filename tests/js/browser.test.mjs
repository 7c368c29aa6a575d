// The installed package in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// the default entry initialises on import; "cec-calldata/web" offers an explicit init();
// both share one instance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, resolve } from "node:path";
import { chromium } from "playwright-core";

const pkgDir = resolve("node_modules/cec-calldata");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
let server, browser, base;

const PAGE = `<!doctype html><meta charset="utf-8"><script type="importmap">
{"imports":{"cec-calldata":"/pkg/index.web.js","cec-calldata/web":"/pkg/web.js"}}</script>
<script type="module">
  try {
    const auto = await import("cec-calldata");
    const web = await import("cec-calldata/web");
    await web.init();
    const issues = auto.validateCallResultsRequest({ vdnId: 1, campaignId: "1", beginTime: "2026-07-01", endTime: "2026-08-15" }, { locale: "zh_CN" });
    let err = null;
    try { web.decodeResponse("callResults", '{"returnCode":"0200007","resultCode":"0200007","resultDesc":"no such campaign"}'); } catch (e) { err = e; }
    window.result = {
      issues,
      shared: auto.CecError === web.CecError && auto.validateCallResultsRequest === web.validateCallResultsRequest,
      errIsCecError: err instanceof auto.CecError,
      errKind: err && err.kind, errCode: err && err.code, errDescription: err && err.description,
    };
  } catch (e) { window.result = { failure: String(e && e.stack || e) }; }
</script>`;

before(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") { res.writeHead(200, { "content-type": "text/html" }); res.end(PAGE); return; }
    if (url.pathname.startsWith("/pkg/")) {
      const file = join(pkgDir, url.pathname.slice(5));
      try {
        const body = await readFile(file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        res.end(body);
      } catch { res.writeHead(404); res.end(); }
      return;
    }
    res.writeHead(404); res.end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("browser entries: auto-init import, explicit init, one shared instance", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 20000 });
  const result = await page.evaluate(() => window.result);
  assert.equal(result.failure, undefined, result.failure);
  assert.deepEqual(errors, []);
  assert.equal(result.shared, true);
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0].code, "0200011");
  assert.match(result.issues[0].message, /[\u4e00-\u9fff]/);
  assert.equal(result.errIsCecError, true);
  assert.equal(result.errKind, "api");
  assert.equal(result.errCode, "0200007");
  assert.equal(result.errDescription, "no such campaign");
  await page.close();
});
