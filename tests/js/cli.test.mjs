// `npx cec-calldata` as a user runs it: kill -9 at random points of a long sync and resume until
// the table equals the simulator's ground truth (also with faults injected), Ctrl-C, exit codes,
// secrets refused on the command line and never printed, export as CSV/NDJSON, receive.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";

// The big simulator (1M calls: campaign 101 has ≈ 212k results with showDetail 0) when
// scripts/test.sh started one, else the main one.
const SIM = process.env.CEC_SIM_URL_BIG ?? process.env.CEC_SIM_URL;
const SK = "cec-demo-sk-7c1f2e9a";
const CLI = createRequire(import.meta.url).resolve("cec-calldata/package.json").replace(/package\.json$/, "sync/cli.js");
const dir = mkdtempSync(join(tmpdir(), "cec-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "cec.json");
// The kill test's fault schedule (every 5th/7th/11th request) fails about 38% of attempts: with
// 10 retries a page whose every attempt fails (0.38^11) is negligible; with 6 it was not.
writeFileSync(config, JSON.stringify({ isales: { baseUrl: SIM, accessKey: "cec-demo-ak" }, maxRetries: 10 }));
const ENV = { ...process.env, CEC_ISALES_SECRET_KEY: SK };

// Seeded so a failing run can be repeated (CEC_KILL_SEED).
let seed = Number(process.env.CEC_KILL_SEED ?? Date.now() % 100000);
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function run(args, { env = ENV, killAfterMs, signal } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  if (killAfterMs !== undefined) setTimeout(() => child.kill(signal ?? "SIGKILL"), killAfterMs);
  return new Promise((resolve) => child.on("close", (code, sig) => resolve({ code, sig, stdout, stderr })));
}

const sim = (path, init) => fetch(`${SIM}${path}`, init).then((r) => r.json());

// showDetail 0: each session's latest attempt per 30-day window, as the iterator splits the range.
async function truthByWindows(begin, end) {
  const ids = new Set();
  for (let d = Date.parse(`${begin}T00:00:00Z`); d < Date.parse(`${end}T00:00:00Z`); d += 30 * 86400000) {
    const a = new Date(d).toISOString().slice(0, 10);
    const z = new Date(Math.min(d + 30 * 86400000, Date.parse(`${end}T00:00:00Z`))).toISOString().slice(0, 10);
    for (const r of (await sim(`/__sim/calls?vdnId=1&campaignId=101&beginTime=${a}&endTime=${z}`)).data) ids.add(r.callId);
  }
  return ids;
}

test("kill -9 at random points, resumed each time (with and without faults): 0 lost, 0 duplicated", async () => {
  const db = join(dir, "kill.db");
  const args = ["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--from", "2026-06-01", "--until", "2026-11-01", "--db", `sqlite:${db}`, "--show-detail", "0"];
  const want = await truthByWindows("2026-06-01", "2026-11-01");
  const counts = [];
  const kills = Number(process.env.CEC_KILLS ?? 6);
  try {
    for (let i = 0; i < kills; i++) {
      // The second half with faults: 503s with Retry-After, dropped connections, truncated bodies.
      if (i === Math.floor(kills / 2)) {
        await sim("/__sim/faults", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(["callResults:status=503,every=5,retryAfter=0", "callResults:truncate,every=7", "callResults:drop,every=11"]),
        });
      }
      // Spread over the run (≈ 45 s at the vendor's rate), so kills land in every window.
      const r = await run(args, { killAfterMs: 500 + Math.floor(rand() * 7000) });
      assert.ok(r.sig === "SIGKILL" || r.code === 0, `run ${i}: ${r.code} ${r.stderr}`);
      const n = new Database(db, { readonly: true }).prepare("SELECT count(*) AS n FROM cec_call_results").get().n;
      counts.push(n);
    }
    const last = await run(args);
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stdout, /synced \d+ records/);
    assert.ok(!(last.stdout + last.stderr).includes(SK));
  } finally {
    await sim("/__sim/faults", { method: "DELETE" });
  }
  const conn = new Database(db, { readonly: true });
  const ids = conn.prepare("SELECT call_id FROM cec_call_results").all().map((r) => r.call_id);
  const state = conn.prepare("SELECT * FROM cec_sync_state").get();
  conn.close();
  const stored = new Set(ids);
  const lost = [...want].filter((id) => !stored.has(id)).length;
  assert.equal(lost, 0, `lost ${lost} (seed ${seed}, counts ${counts})`);
  assert.equal(ids.length, want.size, `table ${ids.length} vs truth ${want.size} (seed ${seed})`);
  assert.equal(state.synced_until, "2026-11-01");
  assert.equal(state.run_checkpoint, null);
  assert.ok(!JSON.stringify(state).includes(SK));
  // Progress between kills: the runs resumed instead of starting over.
  assert.ok(counts.some((c) => c > 0), `counts ${counts}`);
});

test("Ctrl-C saves the last page and exits 130; the same command resumes", async () => {
  const db = join(dir, "int.db");
  const args = ["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--from", "2026-06-01", "--until", "2026-06-04", "--db", `sqlite:${db}`];
  const first = await run(args, { killAfterMs: 1200, signal: "SIGINT" });
  assert.equal(first.code, 130, first.stderr);
  assert.match(first.stderr, /interrupted/);
  const second = await run(args);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /resumed and synced/);
  const q = new URLSearchParams({ vdnId: 1, campaignId: 101, showDetail: 1, beginTime: "2026-06-01", endTime: "2026-06-04" });
  const want = (await sim(`/__sim/calls?${q}`)).totalCount;
  const n = new Database(db, { readonly: true }).prepare("SELECT count(*) AS n FROM cec_call_results").get().n;
  assert.equal(n, want);

  // Export: CSV keeps codes and numbers as text and neutralises formulas; NDJSON is the raw JSON.
  const csv = await run(["export", "--db", `sqlite:${db}`, "--vdn", "1", "--campaign", "101", "--format", "csv", "--out", "-"]);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split("\r\n");
  assert.equal(lines.length, want + 1);
  assert.match(lines[0], /^call_id,vdn_id,campaign_id,/);
  assert.ok(lines.some((l) => l.includes('"=""00000"""') || l.includes('"=""0"""')), "failCode kept as text");
  const out = join(dir, "x.ndjson");
  const nd = await run(["export", "--db", `sqlite:${db}`, "--vdn", "1", "--campaign", "101", "--format", "ndjson", "--out", out]);
  assert.equal(nd.code, 0, nd.stderr);
  const items = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(items.length, want);
  assert.ok(items.every((i) => typeof i.callId === "string"));
});

test("bad input: secrets on the command line, unknown flags, an unreachable database → clear errors and exit codes", async () => {
  const secretArgs = [
    ["sync", "--config", config, "--secret-key", "TOPSECRET-1"],
    ["sync", "--config", config, "--sk=TOPSECRET-1"],
    ["receive", "--db", "sqlite:x.db", "--token", "TOPSECRET-1"],
    ["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--db", "postgres://u:TOPSECRET-1@127.0.0.1/x"],
  ];
  for (const a of secretArgs) {
    const r = await run(a);
    assert.equal(r.code, 2, `${a}: ${r.stderr}`);
    assert.ok(!(r.stdout + r.stderr).includes("TOPSECRET-1"), r.stderr);
    assert.match(r.stderr, /command line/);
  }
  const unknown = await run(["sync", "--bogus", "1"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option for sync: --bogus/);
  assert.equal((await run(["frobnicate"])).code, 2);
  const noFrom = await run(["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--db", `sqlite:${join(dir, "nofrom.db")}`]);
  assert.equal(noFrom.code, 2);
  assert.match(noFrom.stderr, /from is required/);
  // export's arguments are checked before the database is opened (no empty export from a typo).
  const missingDb = `sqlite:${join(dir, "never-created", "x.db")}`;
  for (const [args, re] of [
    [["--vdn", "1", "--campaign", "101", "--from", "2026-13-45"], /--from must be a date YYYY-MM-DD, got "2026-13-45"/],
    [["--vdn", "1", "--campaign", "101", "--until", "June"], /--until must be a date YYYY-MM-DD/],
    [["--vdn", "1", "--campaign", "101", "--until", "2026-02-30"], /--until must be a date YYYY-MM-DD/],
    [["--vdn", "one", "--campaign", "101"], /--vdn must be a positive integer/],
    [["--what", "transfer-records", "--tenant", "202604010001", "--from", "2026/06/01"], /--from must be a date YYYY-MM-DD/],
  ]) {
    const r = await run(["export", "--db", missingDb, "--format", "csv", ...args]);
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  const noDb = await run(["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--from", "2026-06-01", "--db", "postgres://nobody@127.0.0.1:1/none"]);
  assert.equal(noDb.code, 4, noDb.stderr);
  assert.match(noDb.stderr, /database/);
  // A config without the secret: a validation error naming the field, the CLI exits 2.
  const noSecret = await run(["check", "--config", config], { env: { ...process.env, CEC_ISALES_SECRET_KEY: "" } });
  assert.equal(noSecret.code, 2, noSecret.stderr);
  assert.match(noSecret.stderr, /isales/);
  const check = await run(["check", "--config", config, "--vdn", "1", "--campaign", "101", "--db", `sqlite:${join(dir, "int.db")}`]);
  assert.equal(check.code, 0, check.stderr);
  assert.ok(!check.stdout.includes(SK));
  assert.match(check.stdout, /CC-iSales ok/);
});

test("receive: the push receiver as a server, with the path token from the environment", async () => {
  const db = join(dir, "recv.db");
  const token = "recv-token-0123456789";
  const child = spawn(process.execPath, [CLI, "receive", "--db", `sqlite:${db}`, "--port", "0"], { env: { ...ENV, CEC_CALLBACK_TOKEN: token }, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  const url = await new Promise((resolve) => child.stderr.on("data", (d) => (err += d) && /http:\/\/[\d.:]+/.test(err) && resolve(/http:\/\/[\d.:]+/.exec(err)[0])));
  assert.ok(!err.includes(token), "the token is not printed");
  const body = JSON.stringify([{ callId: "1780000000-0000001", campaignId: "101", vdnId: 1, callStatus: 6, failCode: "00000" }]);
  assert.equal((await fetch(`${url}/cb/${token}`, { method: "POST", body })).status, 200);
  assert.equal((await fetch(`${url}/cb/nope`, { method: "POST", body })).status, 404);
  child.kill("SIGTERM");
  const code = await new Promise((r) => child.on("close", r));
  assert.equal(code, 0);
  assert.equal(new Database(db, { readonly: true }).prepare("SELECT count(*) AS n FROM cec_call_results").get().n, 1);
});
