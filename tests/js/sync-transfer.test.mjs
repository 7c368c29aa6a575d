// syncTransferRecords: OIFDE transfer records into cec_transfer_records, in SQLite (temp file) and
// PostgreSQL (CEC_PG_URL). The vendor needs one of userMobile/callId/ctiCallId per query, so a
// sync is per selector; ground truth: a straight iterateTransferRecords over the same request,
// and the simulator's sample transfer calls (/__sim/dataset).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CecClient } from "cec-calldata";
import { openStore, syncTransferRecords, SyncLockedError, SyncOptionError, TRANSFER_COLUMNS } from "cec-calldata/sync";

const SIM = process.env.CEC_SIM_URL;
const PG = process.env.CEC_PG_URL;
const TENANT = "202604010001";
const client = () => new CecClient({ oifde: { baseUrl: SIM, tenantId: TENANT, appSecret: "cec-demo-oifde-secret" } });
const dir = mkdtempSync(join(tmpdir(), "cec-sync-transfer-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const FROM = "2026-06-01";
const TO = "2026-11-01";
const KEY = (selector, value) => ({ gateway: "oifde", vdnId: 0, campaignId: `${TENANT}/${selector}=${value}` });

/** The subscriber numbers of some transferred calls (the simulator's samples). */
async function mobiles(n) {
  const ds = await (await fetch(`${SIM}/__sim/dataset`)).json();
  const out = [];
  for (const callId of ds.sampleTransferCallIds.slice(0, n)) {
    const r = await client().queryTransferRecords({ callId });
    assert.equal(r.transferRecordList.length, 1, callId);
    out.push(r.transferRecordList[0].callingNumber);
  }
  return out;
}

async function truth(selector, value) {
  const got = [];
  for await (const r of client().iterateTransferRecords({ [selector]: value, beginTime: `${FROM} 00:00:00`, endTime: `${TO} 00:00:00` })) got.push(r);
  return got;
}

async function table(store) {
  const rows = [];
  for await (const r of store.transferRows({ tenantId: TENANT })) rows.push(r);
  return rows;
}

function assertTable(rows, want) {
  const key = (r) => `${r.tenantId ?? r.tenant_id}/${r.id}`;
  const ids = rows.map(key);
  assert.equal(new Set(ids).size, ids.length, "no duplicates");
  assert.deepEqual([...ids].sort(), want.map(key).sort(), "nothing lost, nothing extra");
  const byId = new Map(want.map((r) => [key(r), r]));
  for (const row of rows) {
    const r = byId.get(key(row));
    assert.deepEqual(typeof row.raw === "string" ? JSON.parse(row.raw) : row.raw, r);
    assert.equal(row.call_id, r.callId);
    assert.equal(row.start_time, r.startTime);
    assert.equal(row.end_time, r.endTime ?? null);
    assert.equal(row.record_file_path, r.recordFilePath ?? null);
    assert.equal(row.flow_inst_id, r.flowInstId ?? null);
  }
}

test("syncTransferRecords checks its options", async () => {
  const store = await openStore(`sqlite:${join(dir, "opts.db")}`);
  try {
    assert.ok(TRANSFER_COLUMNS.includes("record_file_path"));
    await assert.rejects(syncTransferRecords({ client: client(), store, from: FROM, userMobile: "1" }), (e) => e instanceof SyncOptionError && e.field === "tenantId");
    await assert.rejects(syncTransferRecords({ client: client(), store, tenantId: TENANT, from: FROM }), (e) => e instanceof SyncOptionError && e.field === "userMobile");
    await assert.rejects(
      syncTransferRecords({ client: client(), store, tenantId: TENANT, from: FROM, userMobile: "1", callId: "2" }),
      (e) => e instanceof SyncOptionError && e.field === "userMobile",
    );
    await assert.rejects(syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: "1" }), (e) => e instanceof SyncOptionError && e.field === "from");
  } finally {
    await store.close();
  }
});

for (const kind of ["sqlite", "postgres"]) {
  test(`syncTransferRecords into ${kind}: first runs equal the server, an aborted run resumes exactly, re-runs are idempotent`, { skip: kind === "postgres" && !PG && "CEC_PG_URL not set" }, async () => {
    let url = `sqlite:${join(dir, "transfer.db")}`;
    if (kind === "postgres") {
      const { default: pg } = await import("pg");
      const c = new pg.Client({ connectionString: PG });
      await c.connect();
      await c.query("DROP TABLE IF EXISTS cec_transfer_records; DELETE FROM cec_sync_state WHERE gateway = 'oifde'").catch(() => {});
      await c.end();
      url = PG;
    }
    const store = await openStore(url);
    try {
      const numbers = await mobiles(4);
      const want = [];
      // First runs, one per subscriber number.
      for (const m of numbers.slice(0, 3)) {
        const progress = [];
        const r = await syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: m, from: FROM, to: TO, pageSize: 5, onProgress: (p) => progress.push(p) });
        const t = await truth("userMobile", m);
        assert.ok(t.length >= 1);
        want.push(...t);
        assert.equal(r.written, t.length);
        assert.equal(r.resumed, false);
        assert.equal(r.syncedUntil, TO);
        assert.ok(progress.length > 0 && progress.at(-1).written === r.written);
        assert.equal((await store.getState(KEY("userMobile", m))).running, null);
      }
      assertTable(await table(store), want);

      // Aborted once its page is committed: the state keeps the run and its checkpoint; the
      // resume writes nothing again, and the table has the records once.
      const m = numbers[3];
      const ac = new AbortController();
      await assert.rejects(syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: m, from: FROM, to: TO, signal: ac.signal, onProgress: () => ac.abort() }));
      const mid = await store.getState(KEY("userMobile", m));
      assert.ok(mid.running?.checkpoint, JSON.stringify(mid));
      const resumed = await syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: m });
      assert.equal(resumed.resumed, true);
      assert.equal(resumed.syncedUntil, TO);
      want.push(...(await truth("userMobile", m)));
      assertTable(await table(store), want);

      // Aborted before anything: nothing written, and the later run exports it all.
      const callId = want[0].callId;
      const early = new AbortController();
      early.abort();
      await assert.rejects(syncTransferRecords({ client: client(), store, tenantId: TENANT, callId, from: FROM, to: TO, signal: early.signal }));
      const r = await syncTransferRecords({ client: client(), store, tenantId: TENANT, callId, from: FROM, to: TO });
      assert.equal(r.written, 1);
      assertTable(await table(store), want);

      // Re-runs: from the stored state minus the overlap, upserting the same rows.
      for (const n of numbers) {
        const again = await syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: n, to: TO, overlapDays: 3 });
        assert.equal(again.request.beginTime, "2026-10-29 00:00:00");
        assert.equal(again.resumed, false);
      }
      const full = await syncTransferRecords({ client: client(), store, tenantId: TENANT, userMobile: numbers[0], from: FROM, to: TO });
      assert.equal(full.written, (await truth("userMobile", numbers[0])).length);
      assertTable(await table(store), want);
    } finally {
      await store.close();
    }
  });
}

test("postgres: a second worker for the same transfer-record selector is refused, other selectors run side by side", { skip: !PG && "CEC_PG_URL not set" }, async () => {
  const a = await openStore(PG);
  const b = await openStore(PG);
  try {
    const [m, other] = await mobiles(2);
    // Worker a holds the selector's lock (as a running sync does, for its whole run).
    const release = await a.lock(KEY("userMobile", m));
    await assert.rejects(syncTransferRecords({ client: client(), store: b, tenantId: TENANT, userMobile: m, from: FROM, to: TO }), SyncLockedError);
    const side = await syncTransferRecords({ client: client(), store: b, tenantId: TENANT, userMobile: other, from: FROM, to: TO });
    assert.equal(side.written, (await truth("userMobile", other)).length);
    // Waiting for the lock: the run starts as soon as worker a lets go.
    const waiting = syncTransferRecords({ client: client(), store: b, tenantId: TENANT, userMobile: m, from: FROM, to: TO, lockWait: true });
    let done = false;
    waiting.then(() => (done = true), () => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(done, false, "waits while the lock is held");
    await release();
    assert.equal((await waiting).written, (await truth("userMobile", m)).length);
  } finally {
    await a.close();
    await b.close();
  }
});

test("cli: sync --what transfer-records, re-run, export as CSV and NDJSON; bad combinations are usage errors", async () => {
  const CLI = createRequire(import.meta.url).resolve("cec-calldata/package.json").replace(/package\.json$/, "sync/cli.js");
  const config = join(dir, "cec.json");
  writeFileSync(config, JSON.stringify({ oifde: { baseUrl: SIM, tenantId: TENANT } }));
  const env = { ...process.env, CEC_OIFDE_APP_SECRET: "cec-demo-oifde-secret" };
  const run = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  const db = `sqlite:${join(dir, "cli-transfer.db")}`;
  const [m] = await mobiles(1);
  const want = await truth("userMobile", m);
  const args = ["sync", "--what", "transfer-records", "--config", config, "--user-mobile", m, "--from", FROM, "--until", TO, "--db", db];
  for (let i = 0; i < 2; i++) {
    const r = await run(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`synced ${want.length} records`));
  }
  const csv = join(dir, "transfers.csv");
  const e = await run(["export", "--what", "transfer-records", "--db", db, "--tenant", TENANT, "--format", "csv", "--out", csv]);
  assert.equal(e.code, 0, e.stderr);
  const lines = readFileSync(csv, "utf8").trim().split("\r\n");
  assert.equal(lines.length, want.length + 1);
  assert.ok(lines[0].startsWith("tenant_id,id,call_id"));
  const nd = await run(["export", "--what", "transfer-records", "--db", db, "--tenant", TENANT, "--format", "ndjson"]);
  assert.deepEqual(nd.stdout.trim().split("\n").map((l) => JSON.parse(l)), want);
  assert.equal((await run(["sync", "--what", "transfer-records", "--config", config, "--vdn", "1", "--user-mobile", m, "--db", db])).code, 2);
  assert.equal((await run(["sync", "--config", config, "--vdn", "1", "--campaign", "101", "--user-mobile", m, "--db", db])).code, 2);
  assert.equal((await run(["sync", "--what", "nothing", "--config", config, "--db", db])).code, 2);
  assert.equal((await run(["sync", "--what", "transfer-records", "--config", config, "--db", db, "--from", FROM])).code, 2);
});
