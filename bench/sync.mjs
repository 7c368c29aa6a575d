// Sync throughput into SQLite and PostgreSQL (writes included) as a ratio of the vendor ceiling
// (pageSize 500 × 10 requests per 1 s batch = 5,000 records/s), and peak RSS from ~100k to ~400k
// records (must stay flat: pages stream into the store). Needs pkg/ built, CEC_SIM_URL at a cec-sim
// with --calls 2000000, and CEC_PG_URL for the PostgreSQL rows (scripts/bench.sh starts both).
// Each run also checks the vendor's rule as cec-sim measured it (stats reset before the run): two
// batches starting 1 s or less apart fail the bench (exit 1) after the table is printed.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const CEILING = (500 * 10 * 1000) / 1000;
const ranges = { "~100k": ["2026-06-01", "2026-07-07"], "~400k": ["2026-06-01", "2026-11-01"] };
// BENCH_SYNC_QUICK=1: the ~100k runs only (for working on the bench).
if (process.env.BENCH_SYNC_QUICK === "1") delete ranges["~400k"];
const dir = mkdtempSync(join(tmpdir(), "cec-bench-sync-"));

async function pgReset(url) {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("DROP TABLE IF EXISTS cec_call_results, cec_sync_state");
  await c.end();
}

const simUrl = process.env.CEC_SIM_URL.replace(/\/$/, "");
// A new connection each time (agent: false): this process waits out a whole run between calls, and
// a kept-alive socket that cec-sim closed meanwhile fails on reuse (EPIPE).
const sim = (path, method = "GET") =>
  new Promise((resolve, reject) => {
    const req = request(`${simUrl}${path}`, { method, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${path}: HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
/** One sync-worker.mjs process (argv: store URL, from, to[, tenant]); resolves to its JSON summary. */
const worker = (args) =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(here, "sync-worker.mjs"), ...args], { env: process.env });
    let out = "";
    let err = "";
    p.stdout.on("data", (c) => (out += c));
    p.stderr.on("data", (c) => (err += c));
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`sync worker failed: ${err}`))));
  });
const violations = [];
const rows = [];
for (const store of ["none", "sqlite", "postgres"]) {
  if (store === "postgres" && !process.env.CEC_PG_URL) continue;
  for (const [label, [from, to]] of Object.entries(ranges)) {
    const url = { none: "none", sqlite: `sqlite:${join(dir, `${label}.db`)}`, postgres: process.env.CEC_PG_URL }[store];
    if (store === "postgres") await pgReset(url);
    await sim("/__sim/reset", "POST");
    const m = await worker([url, from, to]);
    const stats = await sim("/__sim/stats");
    const minGapMs = stats.minBatchGapMs ?? Infinity;
    if (minGapMs <= 1000) violations.push(`${store} ${label}: two batches started ${minGapMs} ms apart`);
    rows.push({ store, label, ...m, ratio: m.records / m.seconds / CEILING, minGapMs, batches: stats.batches });
  }
}
// Two tenants side by side (PostgreSQL): tenant A (cec-demo-ak) syncs vdn 1 campaign 101 while
// tenant B (AUTH.md's globalaktest) syncs vdn 2 campaign 103, each in its own process under its
// own rate limit (cec-sim's byCaller checks each one's batches); a third worker for A's campaign
// starts 3 s in and must be turned away by the advisory lock.
const TENANTS = {
  A: "cec-demo-ak:cec-demo-sk-7c1f2e9a:1:101",
  B: "globalaktest:1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p:2:103",
};
const sideBySide = [];
let lockedOut = null;
if (process.env.CEC_PG_URL) {
  const [from, to] = ranges["~100k"];
  await pgReset(process.env.CEC_PG_URL);
  await sim("/__sim/reset", "POST");
  const a = worker([process.env.CEC_PG_URL, from, to, TENANTS.A]);
  const b = worker([process.env.CEC_PG_URL, from, to, TENANTS.B]);
  await new Promise((r) => setTimeout(r, 3000));
  lockedOut = await worker([process.env.CEC_PG_URL, from, to, TENANTS.A]);
  const [ra, rb] = await Promise.all([a, b]);
  const stats = await sim("/__sim/stats");
  for (const [name, r] of [["A", ra], ["B", rb]]) {
    const ak = TENANTS[name].split(":")[0];
    const mine = stats.byCaller?.[`isales:${ak}`] ?? {};
    const minGapMs = mine.minBatchGapMs ?? Infinity;
    if (minGapMs <= 1000) violations.push(`tenant ${name} side by side: two of its batches started ${minGapMs} ms apart`);
    sideBySide.push({ name, ak, tenant: TENANTS[name], ...r, ratio: r.records / r.seconds / CEILING, minGapMs, batches: mine.batches });
  }
  sideBySide.overallMinGapMs = stats.minBatchGapMs;
  if (!lockedOut.locked) violations.push("a second worker for tenant A's campaign was not turned away by the lock");
}
rmSync(dir, { recursive: true, force: true });
console.log("\nsync into a store (vendor limits: 10 requests per 1 s batch, pageSize 500 → ceiling 5,000 records/s)");
console.log("| store | records | seconds | records/s | ratio to ceiling | peak RSS | batches | min gap between batch starts (sim) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.store === "none" ? "none (iterate only)" : r.store} | ${r.records} | ${r.seconds.toFixed(1)} | ${Math.round(r.records / r.seconds)} | ${r.ratio.toFixed(3)}× | ${r.peakRssMb.toFixed(0)} MB | ${r.batches} | ${Math.round(r.minGapMs)} ms |`,
  );
}
if (sideBySide.length) {
  const records = sideBySide.reduce((n, r) => n + r.records, 0);
  const seconds = Math.max(...sideBySide.map((r) => r.seconds));
  // The tenants' ranges differ in size, so the aggregate is the sum of the two rates (each over its own run).
  const rate = sideBySide.reduce((n, r) => n + r.records / r.seconds, 0);
  console.log("\ntwo tenants side by side, PostgreSQL (each tenant: 10 requests per 1 s batch → ceiling 5,000 records/s)");
  console.log("| tenant | vdn/campaign | records | seconds | records/s | ratio to one tenant's ceiling | peak RSS | batches | min gap between its batch starts (sim) |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of sideBySide) {
    const [, , vdn, campaign] = r.tenant.split(":");
    console.log(
      `| ${r.name} (${r.ak}) | ${vdn}/${campaign} | ${r.records} | ${r.seconds.toFixed(1)} | ${Math.round(r.records / r.seconds)} | ${r.ratio.toFixed(3)}× | ${r.peakRssMb.toFixed(0)} MB | ${r.batches} | ${Math.round(r.minGapMs)} ms |`,
    );
  }
  console.log(`| both (sum of the rates) | | ${records} | ${seconds.toFixed(1)} | ${Math.round(rate)} | ${(rate / CEILING).toFixed(3)}× | | | overall ${Math.round(sideBySide.overallMinGapMs)} ms |`);
  console.log(`a third worker for tenant A's campaign, started 3 s in: ${lockedOut.locked ? `turned away after ${lockedOut.seconds.toFixed(2)} s: ${lockedOut.locked}` : "NOT turned away"}`);
}
if (violations.length) {
  console.error(`\nFAILED: the simulator saw batches start 1000 ms apart or less:\n  ${violations.join("\n  ")}`);
  process.exitCode = 1;
}
