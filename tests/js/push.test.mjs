// The push receiver (createCallbackHandler) over real HTTP (node:http adapter) and the
// Web-standard handler, storing into SQLite and PostgreSQL (CEC_PG_URL): idempotent on callId,
// ack only after the commit, 400 on a bad body, nothing written for a rejected push.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CecClient } from "cec-calldata";
import { openStore, sync, createCallbackHandler, ACK } from "cec-calldata/sync";

const SIM = process.env.CEC_SIM_URL;
const PG = process.env.CEC_PG_URL;
const dir = mkdtempSync(join(tmpdir(), "cec-push-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const item = (callId, extra = {}) => ({
  campaignId: "101", sessionId: "101_00000001", called: "13800000000", callTimeStr: "2026-06-02 10:00:00",
  callStatus: 5, failCode: "00531", vdnId: 1, callId, customField: "批次-A ✓", recordPath: "", ...extra,
});

async function serve(handler) {
  const server = createServer(handler.node);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

async function rows(store) {
  const out = [];
  for await (const r of store.rows({ vdnId: 1, campaignId: 101 })) out.push(r);
  return out;
}

async function pgStore() {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  await c.query("DROP TABLE IF EXISTS cec_call_results, cec_sync_state");
  await c.end();
  return openStore(PG);
}

async function failOnce(kind, store) {
  if (kind === "sqlite") {
    // A second connection through the store's own binding (better-sqlite3, or node:sqlite where
    // it is not installed: the ecosystem stage's Node 22/24 runs).
    const other =
      store.driver === "node:sqlite"
        ? new (await import("node:sqlite")).DatabaseSync(store.path)
        : new (await import("better-sqlite3")).default(store.path);
    other.exec("BEGIN IMMEDIATE");
    store.db.exec("PRAGMA busy_timeout = 50");
    return async () => {
      other.exec("ROLLBACK");
      other.close();
      store.db.exec("PRAGMA busy_timeout = 10000");
    };
  }
  await store.pool.query(`CREATE SEQUENCE cec_fail_once;
    CREATE FUNCTION cec_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF nextval('cec_fail_once') = 1 THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER cec_fail_once BEFORE INSERT ON cec_call_results FOR EACH ROW EXECUTE FUNCTION cec_fail_once();`);
  return async () => {
    await store.pool.query("DROP TRIGGER cec_fail_once ON cec_call_results; DROP FUNCTION cec_fail_once(); DROP SEQUENCE cec_fail_once");
  };
}

for (const kind of ["sqlite", "postgres"]) {
  test(`${kind}: pushed 3 times, out of order, concurrently, with the store failing once → one row per callId`, { skip: kind === "postgres" && !PG && "CEC_PG_URL not set" }, async () => {
    const store = kind === "sqlite" ? await openStore(`sqlite:${join(dir, "push.db")}`) : await pgStore();
    // The store's first write fails for real: SQLite finds the database locked by another
    // connection (SQLITE_BUSY); PostgreSQL's trigger raises once (a sequence survives the rollback).
    const release = await failOnce(kind, store);
    const errors = [];
    const srv = await serve(createCallbackHandler({ store, onError: (e) => errors.push(e.message) }));
    try {
      const a = item("1780000000-0000001");
      const b = item("1780000001-0000002", { callStatus: 6, failCode: "00000" });
      const post = (body) => fetch(`${srv.url}/cec/callback`, { method: "POST", body: JSON.stringify(body) });
      const first = await post([a, b]);
      assert.equal(first.status, 500, "a failed write is not acknowledged");
      assert.notEqual(await first.text(), ACK);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /locked|busy|injected failure/i);
      await release();
      assert.equal((await rows(store)).length, 0, "nothing half-written");
      const answers = await Promise.all([post([b, a]), post([a]), post([b, a]), post([a, b])]);
      for (const r of answers) {
        assert.equal(r.status, 200);
        assert.equal(await r.text(), ACK);
      }
      const got = await rows(store);
      assert.deepEqual(got.map((r) => r.call_id).sort(), [a.callId, b.callId]);
      const ra = got.find((r) => r.call_id === a.callId);
      assert.equal(ra.custom_field, "批次-A ✓");
      assert.equal(ra.fail_code, "00531");
      assert.equal(ra.source, "push");
    } finally {
      await srv.close();
      await store.close();
    }
  });
}

test("a result pushed and later polled is one row with the polled fields", async () => {
  const store = await openStore(`sqlite:${join(dir, "merge.db")}`);
  const client = new CecClient({ isales: { baseUrl: SIM, accessKey: "cec-demo-ak", secretKey: "cec-demo-sk-7c1f2e9a" } });
  const truth = (await (await fetch(`${SIM}/__sim/calls?vdnId=1&campaignId=101&showDetail=1&beginTime=2026-06-01&endTime=2026-06-03`)).json()).data;
  const t = truth[3];
  const handler = createCallbackHandler({ store });
  // As pushed: no resultCode; a different customField to see which side wins.
  const pushed = { campaignId: "101", sessionId: t.sessionId, called: t.called, callTimeStr: t.callTimeStr, callStatus: t.callStatus, failCode: t.failCode, vdnId: 1, callId: t.callId, customField: "from-push" };
  const res = await handler(new Request("http://x/cb", { method: "POST", body: JSON.stringify([pushed]) }));
  assert.equal(res.status, 200);
  await sync({ client, store, vdnId: 1, campaignId: 101, from: "2026-06-01", to: "2026-06-03" });
  // A late re-push after the poll does not overwrite the polled row.
  assert.equal((await handler(new Request("http://x/cb", { method: "POST", body: JSON.stringify([pushed]) }))).status, 200);
  const got = await rows(store);
  assert.equal(got.length, truth.length);
  const r = got.find((x) => x.call_id === t.callId);
  assert.equal(r.source, "poll");
  assert.equal(r.result_code, t.resultCode);
  assert.equal(r.custom_field, t.customField ?? null);
  await store.close();
});

test("bad bodies get 400 and write nothing; UTF-8 split across chunks stays whole; token and method checks", async () => {
  const store = await openStore(`sqlite:${join(dir, "bad.db")}`);
  const token = "tok-0123456789abcdef";
  const srv = await serve(createCallbackHandler({ store, token, maxBodyBytes: 4096 }));
  try {
    const post = (body, path = `/cb/${token}`) => fetch(`${srv.url}${path}`, { method: "POST", body });
    for (const body of ["", "{", "[1,2]", '[{"callId": {"x": 1}}]', '{"retCode":"0"}x', "null", '[{"callStatus":"six","callId":"1"}]']) {
      const r = await post(body);
      assert.equal(r.status, 400, `body ${body}`);
      const j = await r.json();
      assert.equal(j.retCode, "1");
      assert.ok(j.retMsg.length > 0);
    }
    assert.equal((await post(new Uint8Array([0x5b, 0xff, 0x5d]))).status, 400, "invalid UTF-8");
    assert.equal((await post("[" + " ".repeat(5000) + "]")).status, 413);
    assert.equal((await post("[]", "/cb/wrong-token-000000")).status, 404);
    assert.equal((await post("[]", "/cb")).status, 404);
    assert.equal((await post("[]", "/cb/%E0%A4%A")).status, 404, "malformed escape");
    assert.equal((await fetch(`${srv.url}/cb/${token}`)).status, 405);
    assert.equal((await rows(store)).length, 0);
    // A multi-byte character split across two TCP chunks (raw socket writes).
    const body = Buffer.from(JSON.stringify([item("1780000009-0000009", { customField: "客户✓" })]));
    const cut = body.indexOf(Buffer.from("户")) + 1;
    const { connect } = await import("node:net");
    const port = new URL(srv.url).port;
    const answer = await new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", async () => {
        s.write(`POST /cb/${token} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
        s.write(body.subarray(0, cut));
        await new Promise((r) => setTimeout(r, 50));
        s.end(body.subarray(cut));
      });
      let text = "";
      s.on("data", (d) => (text += d));
      s.on("end", () => resolve(text));
      s.on("error", reject);
    });
    assert.match(answer, /^HTTP\/1\.1 200/);
    assert.equal((await rows(store))[0].custom_field, "客户✓");
  } finally {
    await srv.close();
    await store.close();
  }
});

test("onResults without a store; its failure is answered 500", async () => {
  const seen = [];
  let fail = true;
  const handler = createCallbackHandler({
    onResults: async (rs) => {
      if (fail) {
        fail = false;
        throw new Error("queue down");
      }
      seen.push(...rs.map((r) => r.callId));
    },
  });
  const req = () => new Request("http://x/cb", { method: "POST", body: JSON.stringify([item("1")]) });
  assert.equal((await handler(req())).status, 500);
  const ok = await handler(req());
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), ACK);
  assert.deepEqual(seen, ["1"]);
  assert.throws(() => createCallbackHandler({ token: "short" }), TypeError);
});
