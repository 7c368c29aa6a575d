// cec-calldata/sync against the simulator and real databases: resumable iterators (checkpoint,
// { resume }, pages()), sync() into SQLite (temp file) and PostgreSQL (the throwaway server
// scripts/test.sh starts: CEC_PG_URL), the advisory lock. Ground truth: cec-sim's /__sim/calls.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CecClient, CecError } from "cec-calldata";
import { openStore, sync, SyncLockedError, SyncOptionError, StoreError } from "cec-calldata/sync";

const SIM = process.env.CEC_SIM_URL;
const PG = process.env.CEC_PG_URL;
const SK = "cec-demo-sk-7c1f2e9a";
const client = () => new CecClient({ isales: { baseUrl: SIM, accessKey: "cec-demo-ak", secretKey: SK } });
const dir = mkdtempSync(join(tmpdir(), "cec-sync-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function truth(vdn, campaign, begin, end) {
  const q = new URLSearchParams({ vdnId: vdn, campaignId: campaign, showDetail: "1", beginTime: begin, endTime: end });
  const r = await (await fetch(`${SIM}/__sim/calls?${q}`)).json();
  return r.data;
}

async function pgReset() {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query("DROP TABLE IF EXISTS cec_call_results, cec_sync_state");
  await c.end();
}

const REQ = { vdnId: 1, campaignId: 101, showDetail: 1, beginTime: "2026-06-01", endTime: "2026-07-20" };

test("checkpoint after any item resumes in a new iterator: nothing lost, nothing repeated", async () => {
  const want = (await truth(1, 101, REQ.beginTime, REQ.endTime)).map((r) => r.callId);
  assert.ok(want.length > 1000, `enough data: ${want.length}`);
  // Stop points inside a page, at a page end, and across a window boundary (30 days ≈ 60% in).
  for (const stopAt of [1, 100, 137, Math.floor(want.length * 0.61)]) {
    const got = [];
    const a = client().iterateCallResults(REQ);
    for await (const r of a) {
      got.push(r.callId);
      if (got.length === stopAt) break;
    }
    const cp = JSON.parse(JSON.stringify(a.checkpoint()));
    assert.equal(cp.yielded, stopAt);
    assert.ok(!JSON.stringify(cp).includes(SK));
    const b = client().iterateCallResults(REQ, { resume: cp });
    for await (const r of b) got.push(r.callId);
    assert.equal(got.length, want.length, `stop at ${stopAt}`);
    assert.deepEqual(got, want, `stop at ${stopAt}`);
    assert.equal(b.checkpoint().done, true);
    assert.equal(b.progress().totalCount, want.length);
  }
});

test("pages() yields each page with the checkpoint after it", async () => {
  const want = (await truth(1, 101, REQ.beginTime, REQ.endTime)).map((r) => r.callId);
  const got = [];
  let cp = null;
  // A new iterator after every third page, from the last page's checkpoint.
  for (let round = 0; round < 1000; round++) {
    const it = client().iterateCallResults(REQ, { resume: cp });
    let n = 0;
    let done = true;
    for await (const page of it.pages()) {
      assert.ok(page.items.length > 0 && page.items.length <= 100);
      got.push(...page.items.map((r) => r.callId));
      cp = page.checkpoint;
      if (++n === 3) {
        done = false;
        break;
      }
    }
    if (done) break;
  }
  assert.deepEqual(got, want);
});

test("a checkpoint of another request or a bad one is a validation CecError naming the field", () => {
  const c = client();
  const cp = { v: 1, endpoint: "callResults", request: "0000000000000000", window: 0, page: 1, offset: 0, yielded: 0, done: false };
  const issues = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof CecError);
      assert.equal(e.kind, "validation");
      return e.issues.map((i) => i.field);
    }
    assert.fail("no error");
  };
  assert.deepEqual(issues(() => c.iterateCallResults(REQ, { resume: cp })), ["options.resume.request"]);
  assert.deepEqual(issues(() => c.iterateCallResults(REQ, { resume: 42 })), ["options.resume"]);
  const good = c.iterateCallResults(REQ).checkpoint();
  assert.deepEqual(issues(() => c.iterateCallResults(REQ, { resume: { ...good, offset: 100, page: -1 } })).sort(), ["options.resume.offset", "options.resume.page"]);
  assert.deepEqual(issues(() => c.iterateCallResults({ ...REQ, endTime: "2026-07-21" }, { resume: good })), ["options.resume.request"]);
});

async function checkTable(store, want) {
  const rows = [];
  for await (const r of store.rows({ vdnId: 1, campaignId: 101 })) rows.push(r);
  const ids = rows.map((r) => r.call_id);
  assert.equal(new Set(ids).size, ids.length, "no duplicate rows");
  assert.deepEqual(new Set(ids), new Set(want.map((r) => r.callId)), "the table equals the ground truth");
  const byId = new Map(rows.map((r) => [r.call_id, r]));
  for (const t of want.slice(0, 200)) {
    const r = byId.get(t.callId);
    assert.equal(r.call_time, t.callTimeStr);
    assert.equal(Number(r.call_status), Number(t.callStatus));
    assert.equal(r.fail_code, t.failCode ?? null);
    assert.equal(r.result_code, t.resultCode ?? null);
    assert.equal(r.source, "poll");
  }
}

for (const kind of ["sqlite", "postgres"]) {
  test(`sync into ${kind}: first run, aborted run resumed, incremental run with overlap`, { skip: kind === "postgres" && !PG && "CEC_PG_URL not set" }, async () => {
    let url = `sqlite:${join(dir, "sync.db")}`;
    if (kind === "postgres") {
      await pgReset();
      url = PG;
    }
    const store = await openStore(url);
    try {
      // CEC_SQLITE_DRIVER: the binding this run must use (the ecosystem stage: node:sqlite on Node 22/24).
      if (kind === "sqlite") assert.equal(store.driver, process.env.CEC_SQLITE_DRIVER ?? "better-sqlite3");
      await assert.rejects(sync({ client: client(), store, vdnId: 1, campaignId: 101 }), (e) => e instanceof SyncOptionError && e.field === "from");
      // Not a calendar day (V8's Date.parse alone would read it as 2026-03-02): refused, nothing stored.
      await assert.rejects(sync({ client: client(), store, vdnId: 1, campaignId: 101, from: "2026-02-30" }), (e) => e instanceof SyncOptionError && e.field === "from");
      assert.equal(await store.getState({ gateway: "isales", vdnId: 1, campaignId: "101" }), null);
      // Abort in the middle of the first run: the committed pages stay with their checkpoint.
      const ac = new AbortController();
      let pages = 0;
      await assert.rejects(
        sync({ client: client(), store, vdnId: 1, campaignId: 101, from: "2026-06-01", to: "2026-07-01", signal: ac.signal, onProgress: () => ++pages === 4 && ac.abort() }),
        (e) => e instanceof CecError && e.kind === "aborted",
      );
      const mid = await store.getState({ gateway: "isales", vdnId: 1, campaignId: "101" });
      assert.ok(mid.running?.checkpoint && !mid.running.checkpoint.done && mid.records >= 400, JSON.stringify(mid));
      const first = await sync({ client: client(), store, vdnId: 1, campaignId: 101 });
      assert.equal(first.resumed, true);
      assert.equal(first.syncedUntil, "2026-07-01");
      await checkTable(store, await truth(1, 101, "2026-06-01", "2026-07-01"));
      // Later run: from syncedUntil minus the overlap; upserts keep one row per callId.
      const progress = [];
      const second = await sync({ client: client(), store, vdnId: 1, campaignId: 101, to: "2026-07-10", overlapDays: 3, onProgress: (p) => progress.push(p) });
      assert.equal(second.request.beginTime, "2026-06-28");
      assert.equal(second.resumed, false);
      assert.ok(progress.length > 0 && progress.at(-1).written === second.written);
      await checkTable(store, await truth(1, 101, "2026-06-01", "2026-07-10"));
      const st = await store.getState({ gateway: "isales", vdnId: 1, campaignId: "101" });
      assert.equal(st.syncedUntil, "2026-07-10");
      assert.equal(st.running, null);
    } finally {
      await store.close();
    }
  });
}

test("a failed write stops the sync: the pages before it are committed, none after; the resume is exact", async () => {
  const store = await openStore(`sqlite:${join(dir, "failing.db")}`);
  try {
    // The 5th page fails, as a full disk would, while slow writes keep pages queued behind it.
    const real = store.writePage.bind(store);
    let calls = 0;
    store.writePage = async (key, rows, state) => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      if (calls === 5) throw new StoreError("disk full");
      return real(key, rows, state);
    };
    const opts = { client: client(), store, vdnId: 1, campaignId: 101, from: "2026-06-01", to: "2026-07-01" };
    await assert.rejects(sync(opts), (e) => e instanceof StoreError && e.message === "disk full");
    assert.equal(calls, 5, "nothing was written after the failed page");
    const mid = await store.getState({ gateway: "isales", vdnId: 1, campaignId: "101" });
    assert.equal(mid.records, 400, JSON.stringify(mid));
    assert.equal(await store.count(), 400);
    store.writePage = real;
    const r = await sync({ ...opts, from: undefined, to: undefined });
    assert.equal(r.resumed, true);
    await checkTable(store, await truth(1, 101, "2026-06-01", "2026-07-01"));
  } finally {
    await store.close();
  }
});

test("postgres: a second worker for the same campaign is refused, other campaigns run side by side", { skip: !PG && "CEC_PG_URL not set" }, async () => {
  await pgReset();
  const a = await openStore(PG);
  const b = await openStore(PG);
  try {
    let started;
    const running = new Promise((r) => (started = r));
    const first = sync({ client: client(), store: a, vdnId: 1, campaignId: 102, from: "2026-06-16", to: "2026-06-26", onProgress: started });
    await running; // the first page is committed: the lock is held
    await assert.rejects(sync({ client: client(), store: b, vdnId: 1, campaignId: 102, from: "2026-06-16", to: "2026-06-26" }), SyncLockedError);
    const other = await sync({ client: client(), store: b, vdnId: 2, campaignId: 103, from: "2026-06-01", to: "2026-06-05" });
    assert.ok(other.written > 0);
    const r = await first;
    assert.ok(r.written > 0);
    // Released: the next run for that campaign gets the lock.
    const again = await sync({ client: client(), store: b, vdnId: 1, campaignId: 102, to: "2026-06-27", overlapDays: 1 });
    assert.equal(again.request.beginTime, "2026-06-25");
  } finally {
    await a.close();
    await b.close();
  }
});

test("an unreachable database is a StoreError without the password, and nothing is half-written", async () => {
  await assert.rejects(openStore("postgres://cec:s3cret-pw@127.0.0.1:1/none"), (e) => {
    assert.ok(e instanceof StoreError);
    assert.ok(!e.message.includes("s3cret-pw"), e.message);
    return true;
  });
  await assert.rejects(openStore(join(dir, "no/such/dir/x.db")), StoreError);
  await assert.rejects(openStore("mysql://x"), StoreError);
});
