// Sync throughput into SQLite and PostgreSQL (writes included) as a ratio of the vendor ceiling
// (pageSize 500 × 10 requests per 1 s batch = 5,000 records/s), and peak RSS from ~100k to ~400k
// records (must stay flat: pages stream into the store). Needs pkg/ built, CEC_SIM_URL at a cec-sim
// with --calls 2000000, and CEC_PG_URL for the PostgreSQL rows (scripts/bench.sh starts both).
// Each run also checks the vendor's rule as cec-sim measured it (stats reset before the run): two
// batches starting 1 s or less apart fail the bench (exit 1) after the table is printed.
import { spawnSync } from "node:child_process";
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
// A new connection each time (agent: false): spawnSync blocks this process for a whole run, and
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
const violations = [];
const rows = [];
for (const store of ["none", "sqlite", "postgres"]) {
  if (store === "postgres" && !process.env.CEC_PG_URL) continue;
  for (const [label, [from, to]] of Object.entries(ranges)) {
    const url = { none: "none", sqlite: `sqlite:${join(dir, `${label}.db`)}`, postgres: process.env.CEC_PG_URL }[store];
    if (store === "postgres") await pgReset(url);
    await sim("/__sim/reset", "POST");
    const r = spawnSync(process.execPath, [join(here, "sync-worker.mjs"), url, from, to], { encoding: "utf8", env: process.env });
    if (r.status !== 0) throw new Error(`sync worker failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split("\n").pop());
    const stats = await sim("/__sim/stats");
    const minGapMs = stats.minBatchGapMs ?? Infinity;
    if (minGapMs <= 1000) violations.push(`${store} ${label}: two batches started ${minGapMs} ms apart`);
    rows.push({ store, label, ...m, ratio: m.records / m.seconds / CEILING, minGapMs, batches: stats.batches });
  }
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
if (violations.length) {
  console.error(`\nFAILED: the simulator saw batches start 1000 ms apart or less:\n  ${violations.join("\n  ")}`);
  process.exitCode = 1;
}
