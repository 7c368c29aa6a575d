// Ecosystem tests: each mainstream bundler and runtime builds or runs an app of examples/ against
// the packed package (as a user installs it) and must make a validated, signed call to cec-sim.
//
//   node tests/ecosystem/run.mjs [case-name-prefix …]
//
// Needs CEC_SIM_URL (a running cec-sim; scripts/test.sh ecosystem starts one) and pkg/ built.
// Tools come from tests/ecosystem/package-lock.json (pinned), installed once into
// tests/ecosystem/.work (npm ci, shared npm cache). Cases run two at a time (2-core machines).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const work = join(here, ".work");
const nm = join(work, "node_modules");
const SIM = process.env.CEC_SIM_URL;
const KEYS = { ak: "cec-demo-ak", sk: "cec-demo-sk-7c1f2e9a" };
const only = process.argv.slice(2);
if (!SIM) throw new Error("CEC_SIM_URL must point at a running cec-sim");

// ---------------------------------------------------------------------------------------------
// helpers

function sh(cmd, args, { cwd = work, env = {}, timeoutMs = 240_000, input } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, out });
    });
    child.stdin.end(input ?? "");
  });
}

async function must(cmd, args, opts) {
  const r = await sh(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${[cmd, ...args].join(" ")} exited ${r.code}:\n${r.out.slice(-4000)}`);
  return r.out;
}

/** A long-running server process; resolves once `url` answers. */
async function serve(cmd, args, url, { cwd, env = {}, timeoutMs = 120_000 } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(url);
      if (r.status < 500) return { stop, output: () => out };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`${cmd} ${args.join(" ")} did not serve ${url}:\n${out.slice(-4000)}`);
}

function freePort() {
  return new Promise((r) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });
}

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".css": "text/css", ".json": "application/json" };

/** Serves `dir` statically (and `mounts` as extra prefixes) on a free port. */
async function staticServer(dir, mounts = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let base = dir;
    let rel = path;
    for (const [prefix, d] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        base = d;
        rel = path.slice(prefix.length - 1);
      }
    }
    let file = join(base, rel.endsWith("/") ? `${rel}index.html` : rel);
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

let browserPromise;
function browser() {
  browserPromise ??= import(join(nm, "playwright-core/index.mjs")).then(({ chromium }) =>
    chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }),
  );
  return browserPromise;
}

/** Opens `pageUrl` with the simulator and demo keys in the query; returns window.result. */
async function inBrowser(pageUrl) {
  const b = await browser();
  const page = await b.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const q = new URLSearchParams({ isales: SIM, ak: KEYS.ak, sk: KEYS.sk });
  try {
    await page.goto(`${pageUrl}${pageUrl.includes("?") ? "&" : "?"}${q}`);
    const click = await page.$("#query");
    if (click) await click.click();
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.result);
    if (errors.length) result.pageErrors = errors;
    return result;
  } catch (e) {
    throw new Error(`${e.message}; page errors: ${errors.join(" | ")}`);
  } finally {
    await page.close();
  }
}

function assertCall(result, what) {
  if (!result || result.ok !== true || result.rows < 1 || result.issues !== 0 || (result.pageErrors ?? []).length) {
    throw new Error(`${what}: expected a validated, signed call: ${JSON.stringify(result)}`);
  }
}

/** A fresh copy of an example under .work/cases (node_modules resolve from .work). */
function caseDir(name, example) {
  const dir = join(work, "cases", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "examples", example), dir, { recursive: true });
  return dir;
}

const bin = {
  node22: join(nm, "node22/bin/node"),
  node24: join(nm, "node24/bin/node"),
  deno: join(nm, ".bin/deno"),
  bun: join(nm, ".bin/bun"),
};
const nodeEnv = { CEC_ISALES_URL: SIM, CEC_AK: KEYS.ak, CEC_SK: KEYS.sk };
const parseLast = (out) => JSON.parse(out.trim().split("\n").filter((l) => l.startsWith("{")).pop() ?? "null");

/** Installs the pinned tools once (npm ci when the lock changed) and unpacks the packed package
 * into node_modules/cec-calldata, as npm would install it. Returns the tarball's path. */
async function prepare() {
  mkdirSync(work, { recursive: true });
  const lock = readFileSync(join(here, "package-lock.json"));
  const marker = join(work, ".installed-lock");
  if (!existsSync(marker) || !readFileSync(marker).equals(lock)) {
    cpSync(join(here, "package.json"), join(work, "package.json"));
    cpSync(join(here, "package-lock.json"), join(work, "package-lock.json"));
    await must("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: work, timeoutMs: 900_000 });
    writeFileSync(marker, lock);
  }
  const packDir = mkdtempSync(join(tmpdir(), "cec-pack-"));
  await must("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: join(root, "pkg") });
  const tgz = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz")));
  rmSync(join(nm, "cec-calldata"), { recursive: true, force: true });
  mkdirSync(join(nm, "cec-calldata"), { recursive: true });
  await must("tar", ["-xzf", tgz, "-C", join(nm, "cec-calldata"), "--strip-components=1"]);
  return tgz;
}
const tarball = await prepare();

// ---------------------------------------------------------------------------------------------
// cases

const cases = [];
const add = (name, fn) => cases.push({ name, fn });

// cec-calldata/sync on the maintained Nodes: sync, transfer-record sync and the push receiver,
// with SQLite through node:sqlite (better-sqlite3 is not installed: the fallback is what runs) and
// PostgreSQL through pg, each Node in its own database (CEC_PG_URL from scripts/test.sh; without
// it the PostgreSQL tests skip). The app lives outside the repository, where no node_modules
// above it can lend a better-sqlite3 built for another Node.
const SYNC_TESTS = ["sync.test.mjs", "sync-transfer.test.mjs", "push.test.mjs"];
async function pgDatabase(name) {
  if (!process.env.CEC_PG_URL) return undefined;
  const pg = createRequire(join(nm, "noop.js"))("pg");
  const admin = new pg.Client({ connectionString: process.env.CEC_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(process.env.CEC_PG_URL);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs `fn(url)` against a simulator of its own (20,000 calls), stopped afterwards. */
async function withOwnSim(fn) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sim = await serve(join(root, "target/sim/cec-sim"), ["--port", String(port), "--calls", "20000"], `${url}/__sim/stats`);
  try {
    return await fn(url);
  } finally {
    sim.stop();
  }
}

for (const node of ["node22", "node24"]) {
  for (const file of ["check.mjs", "check.cjs"]) {
    add(`${node}-${file.endsWith("cjs") ? "cjs" : "esm"}`, async () => {
      const dir = caseDir(`${node}-${file}`, "node-script");
      assertCall(parseLast(await must(bin[node], [file], { cwd: dir, env: nodeEnv })), `${node} ${file}`);
    });
  }
  // The package's own JS tests, under this Node version.
  add(`${node}-package-tests`, async () => {
    const dir = join(work, "cases", `${node}-tests`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of ["core.test.mjs", "core.test.cjs", "hostile.test.mjs", "client.test.mjs"]) cpSync(join(root, "tests/js", f), join(dir, f));
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    // Their own simulator: client.test.mjs injects faults and counts requests.
    await withOwnSim((url) =>
      must(bin[node], ["--test", "--test-concurrency=1", "core.test.mjs", "core.test.cjs", "hostile.test.mjs", "client.test.mjs"], {
        cwd: dir,
        env: { CEC_SIM_URL: url, CEC_FUZZ_RUNS: "100" },
      }),
    );
  });
  add(`${node}-sync-tests`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `cec-eco-${node}-sync-`));
    try {
      writeFileSync(join(dir, "package.json"), '{ "name": "sync-app", "private": true, "type": "module" }\n');
      // pg at the version the pinned tools resolved; from npm's cache when it is there.
      const pgVersion = JSON.parse(readFileSync(join(nm, "pg/package.json"), "utf8")).version;
      await must("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, `pg@${pgVersion}`], { cwd: dir });
      for (const f of SYNC_TESTS) cpSync(join(root, "tests/js", f), join(dir, f));
      const pgUrl = await pgDatabase(`cec_eco_${node}`);
      await withOwnSim((url) =>
        must(bin[node], ["--test", "--test-concurrency=1", ...SYNC_TESTS], {
          cwd: dir,
          env: { CEC_SIM_URL: url, CEC_SQLITE_DRIVER: "node:sqlite", ...(pgUrl ? { CEC_PG_URL: pgUrl } : {}) },
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

for (const format of ["esm", "cjs"]) {
  add(`node-esbuild-bundle-${format}`, async () => {
    const dir = caseDir(`node-esbuild-${format}`, "node-script");
    const out = join(mkdtempSync(join(tmpdir(), "cec-bundle-")), `app.${format === "esm" ? "mjs" : "cjs"}`);
    await must(join(nm, ".bin/esbuild"), [`check.${format === "esm" ? "mjs" : "cjs"}`, "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`], { cwd: dir });
    // Run the bundle alone, far from any node_modules: nothing may be missing.
    assertCall(parseLast(await must(bin.node22, [out], { cwd: dirname(out), env: nodeEnv })), `esbuild --platform=node --format=${format}`);
  });
}

for (const [rt, args] of [["deno", ["run", "-A"]], ["bun", []]]) {
  for (const file of ["check.mjs", "check.cjs"]) {
    add(`${rt}-${file.endsWith("cjs") ? "cjs" : "esm"}`, async () => {
      const dir = caseDir(`${rt}-${file}`, "node-script");
      assertCall(parseLast(await must(bin[rt], [...args, file], { cwd: dir, env: { ...nodeEnv, DENO_NO_UPDATE_CHECK: "1" } })), `${rt} ${file}`);
    });
  }
}

/** Builds the browser example with `build(dir)` into dir/dist and checks it in Chromium. */
function browserCase(name, { variant = "default", example = "browser", build, html = true }) {
  add(name, async () => {
    const dir = caseDir(name, example);
    if (variant === "inline") renameSync(join(dir, "index-inline.html"), join(dir, "index.html"));
    await build(dir, variant === "inline" ? "main-inline.js" : "main.js");
    if (html) {
      writeFileSync(join(dir, "dist/index.html"), '<!doctype html><meta charset="utf-8"><pre id="out"></pre><script type="module" src="./bundle.js"></script>\n');
    }
    const srv = await staticServer(join(dir, "dist"));
    try {
      assertCall(await inBrowser(`${srv.url}/index.html`), name);
    } finally {
      srv.close();
    }
  });
}

const vite = (v) => join(nm, `vite${v}/bin/vite.js`);
for (const v of [5, 6, 7, 8]) {
  // Vite 5/6 default to a build target without top-level await: the inline entry is their one line.
  const variant = v <= 6 ? "inline" : "default";
  browserCase(`vite${v}-build`, { variant, html: false, build: (dir) => must(process.execPath, [vite(v), "build", "--logLevel", "warn"], { cwd: dir }) });
  add(`vite${v}-dev`, async () => {
    const dir = caseDir(`vite${v}-dev`, "browser");
    if (variant === "inline") renameSync(join(dir, "index-inline.html"), join(dir, "index.html"));
    // Vite 7's dev pre-bundler moves the entry away from its .wasm: its one documented line.
    if (v === 7) writeFileSync(join(dir, "vite.config.mjs"), 'export default { optimizeDeps: { exclude: ["cec-calldata"] } };\n');
    const port = await freePort();
    const srv = await serve(process.execPath, [vite(v), "--port", String(port), "--strictPort", "--host", "127.0.0.1"], `http://127.0.0.1:${port}/`, { cwd: dir });
    try {
      assertCall(await inBrowser(`http://127.0.0.1:${port}/`), `vite ${v} dev`);
    } finally {
      srv.stop();
    }
  });
}
browserCase("vite8-react-build", { example: "vite-react", html: false, build: (dir) => must(process.execPath, [vite(8), "build", "--logLevel", "warn"], { cwd: dir }) });
browserCase("webpack5", {
  build: (dir, entry) =>
    must(process.execPath, [join(nm, "webpack-cli/bin/cli.js"), "--mode", "production", "--entry", `./${entry}`, "--output-path", "dist", "--output-filename", "bundle.js"], { cwd: dir }),
});
browserCase("esbuild", { variant: "inline", build: (dir, entry) => must(join(nm, ".bin/esbuild"), [entry, "--bundle", "--format=esm", "--outfile=dist/bundle.js"], { cwd: dir }) });
browserCase("rollup", {
  variant: "inline",
  build: (dir, entry) => must(process.execPath, [join(nm, "rollup/dist/bin/rollup"), entry, "-p", "node-resolve", "--file", "dist/bundle.js", "--format", "es", "--silent"], { cwd: dir }),
});
browserCase("bun-build", { variant: "inline", build: (dir, entry) => must(bin.bun, ["build", entry, "--outfile", "dist/bundle.js", "--target", "browser"], { cwd: dir }) });
browserCase("parcel", {
  html: false,
  build: (dir) => must(process.execPath, [join(nm, "parcel/lib/bin.js"), "build", "index.html", "--dist-dir", "dist", "--no-autoinstall", "--cache-dir", join(dir, ".parcel-cache")], { cwd: dir }),
});
add("importmap", async () => {
  // No bundler: the package served as is, an import map naming the default entry.
  const dir = caseDir("importmap", "browser");
  const map = '<script type="importmap">{"imports":{"cec-calldata":"/pkg/index.web.js"}}</script>';
  writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("<title>", `${map}<title>`));
  const srv = await staticServer(dir, { "/pkg/": join(nm, "cec-calldata") });
  try {
    assertCall(await inBrowser(`${srv.url}/index.html`), "import map");
  } finally {
    srv.close();
  }
});

add("express-receiver", async () => {
  const dir = caseDir("express", "express-receiver");
  const port = await freePort();
  const srv = await serve(bin.node22, ["server.mjs"], `http://127.0.0.1:${port}/cec/seen`, { cwd: dir, env: { PORT: String(port) } });
  try {
    const push = JSON.stringify([{ campaignId: "101", callId: "1780301060-1000001", callStatus: 6, failCode: "00000", vdnId: 1, customField: "客户备注" }]);
    const ack = await fetch(`http://127.0.0.1:${port}/cec/callback`, { method: "POST", body: push });
    const body = await ack.json();
    if (ack.status !== 200 || body.retCode !== "0") throw new Error(`ack: ${ack.status} ${JSON.stringify(body)}`);
    const bad = await fetch(`http://127.0.0.1:${port}/cec/callback`, { method: "POST", body: "{not json" });
    if (bad.status !== 400) throw new Error(`a malformed push got ${bad.status}`);
    const seen = await (await fetch(`http://127.0.0.1:${port}/cec/seen`)).json();
    if (JSON.stringify(seen) !== '["1780301060-1000001"]') throw new Error(`seen: ${JSON.stringify(seen)}`);
  } finally {
    srv.stop();
  }
});

add("workers-hono-wrangler-dev", async () => {
  const dir = caseDir("workers", "hono-worker");
  const port = await freePort();
  const vars = [`CEC_ISALES_URL:${SIM}`, `CEC_AK:${KEYS.ak}`, `CEC_SK:${KEYS.sk}`].flatMap((v) => ["--var", v]);
  // Wrangler 4 needs Node ≥ 22.12.
  const srv = await serve(bin.node22, [join(nm, "wrangler/bin/wrangler.js"), "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(await freePort()), ...vars], `http://127.0.0.1:${port}/check`, {
    cwd: dir,
    env: { WRANGLER_SEND_METRICS: "false", CI: "1", XDG_CONFIG_HOME: join(dir, ".config") },
  });
  try {
    const r = await fetch(`http://127.0.0.1:${port}/check`);
    assertCall(await r.json(), "wrangler dev (workerd)");
  } finally {
    srv.stop();
  }
});

add("nextjs", async () => {
  const dir = caseDir("nextjs", "nextjs");
  const next = join(nm, "next/dist/bin/next");
  await must(process.execPath, [next, "build"], { cwd: dir, env: { NEXT_TELEMETRY_DISABLED: "1" }, timeoutMs: 600_000 });
  const port = await freePort();
  const srv = await serve(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], `http://127.0.0.1:${port}/`, {
    cwd: dir,
    env: { NEXT_TELEMETRY_DISABLED: "1", ...nodeEnv },
  });
  try {
    assertCall(await (await fetch(`http://127.0.0.1:${port}/api/check`)).json(), "Next.js server route");
    assertCall(await inBrowser(`http://127.0.0.1:${port}/`), "Next.js client component");
  } finally {
    srv.stop();
  }
});

// Publishing checks on the tarball itself.
add("publint", async () => {
  await must(process.execPath, [join(nm, "publint/src/cli.js"), "--strict", join(nm, "cec-calldata")]);
});
add("arethetypeswrong", async () => {
  // `web` and `inline` are browser/bundler entries, ES modules only by design (a `require` of them
  // is meant to fail); the `.wasm` subpath is an asset, not a module with types.
  await must(process.execPath, [join(nm, "@arethetypeswrong/cli/dist/index.js"), tarball, "--format", "ascii", "--ignore-rules", "cjs-resolves-to-esm", "--exclude-entrypoints", "./cec_calldata_bg.wasm"]);
});
add("typedoc", async () => {
  const out = mkdtempSync(join(tmpdir(), "cec-api-"));
  await must(process.execPath, [join(root, "scripts/api-docs.mjs"), out]);
  if (!existsSync(join(out, "index.html"))) throw new Error("TypeDoc wrote no index.html");
});
add("readme-tsc-strict", async () => {
  await must(process.execPath, [join(here, "readme-types.mjs"), nm]);
});

// ---------------------------------------------------------------------------------------------

const selected = cases.filter((c) => only.length === 0 || only.some((o) => c.name.startsWith(o)));
const results = [];
let next = 0;
async function worker() {
  while (next < selected.length) {
    const c = selected[next++];
    const t0 = Date.now();
    try {
      await c.fn();
      results.push({ name: c.name, ok: true, ms: Date.now() - t0 });
      console.log(`ok   ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      results.push({ name: c.name, ok: false, ms: Date.now() - t0, error: e.message });
      console.log(`FAIL ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${e.message.split("\n").map((l) => `     ${l}`).join("\n")}`);
    }
  }
}
await Promise.all(Array.from({ length: Number(process.env.ECO_JOBS ?? 2) }, worker));
if (browserPromise) await (await browserPromise).close();
const failed = results.filter((r) => !r.ok);
console.log(`\necosystem: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
