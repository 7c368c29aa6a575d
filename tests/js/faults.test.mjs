// The fault matrix, bounded for CI: a 95-day export with `for await` under each fault kind the
// simulator injects (5% of callResults answers, seeded), checked against the simulator's ground
// truth (/__sim/calls): nothing lost, nothing duplicated, nothing out of order, and the loop ends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CecClient } from "cec-calldata";

const SIM = process.env.CEC_SIM_URL;
const KINDS = ["drop", "truncate", "malformed", "wrong-type", "status=503", "status=502,retryAfter=0"];
const QUERY = { vdnId: 3, campaignId: 105, showDetail: 1, beginTime: "2026-06-01", endTime: "2026-09-04" };

async function sim(path, init) {
  const r = await fetch(`${SIM}${path}`, init);
  return r.json();
}

test("fault matrix: every fault kind at 5%, 0 lost, 0 duplicated, 0 out of order", async (t) => {
  assert.ok(SIM, "CEC_SIM_URL must point at a running cec-sim");
  t.after(() => sim("/__sim/faults", { method: "DELETE" }));
  const truth = (await sim(`/__sim/calls?${new URLSearchParams({ ...QUERY })}`)).data.map((c) => c.callId);
  assert.ok(truth.length > 300, `ground truth too small to mean anything: ${truth.length}`);
  let checked = 0;
  for (const [i, kind] of KINDS.entries()) {
    await sim("/__sim/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([`callResults:${kind},probability=0.05,seed=${11 + i}`]),
    });
    const client = new CecClient({
      isales: { baseUrl: SIM, accessKey: "cec-demo-ak", secretKey: "cec-demo-sk-7c1f2e9a" },
      maxRetries: 4,
    });
    const got = [];
    // Small pages: many answers, so 5% means a few dozen faults per run.
    for await (const r of client.iterateCallResults({ ...QUERY, pageSize: 20 })) got.push(r.callId);
    const stats = await sim("/__sim/stats");
    assert.equal(new Set(got).size, got.length, `${kind}: duplicates`);
    assert.deepEqual(got, truth, `${kind}: the export differs from the ground truth`);
    checked += got.length;
    t.diagnostic(`${kind}: ${got.length} records, faults injected so far ${JSON.stringify(stats.faults ?? stats.faultsInjected ?? "")}`);
  }
  t.diagnostic(`records checked: ${checked}`);
});

test("tokens are taken at send time: 60 queued calls with 2 s tokens, none sent with an expired token", async () => {
  const short = process.env.CEC_SIM_URL_SHORT_TTL;
  assert.ok(short, "CEC_SIM_URL_SHORT_TTL must point at a cec-sim started with --token-ttl 2");
  await fetch(`${short}/__sim/reset`, { method: "POST" });
  const calls = (await (await fetch(`${short}/__sim/calls?showDetail=1`)).json()).data.slice(0, 3);
  assert.equal(calls.length, 3);
  const client = new CecClient({
    apiFabric: { baseUrl: short, appKey: "cec-demo-app", appSecret: "cec-demo-app-secret" },
    oifde: { baseUrl: short, tenantId: "202604010001", appSecret: "cec-demo-oifde-secret" },
    maxConcurrency: 10,
    batchIntervalMs: 1000,
    maxRetries: 0, // a rejected token must not be hidden by a resend
  });
  // 60 calls through a 10-wide gate at 1 s per batch: the last ones wait ~5 s, past two 2 s tokens.
  const jobs = [];
  for (let i = 0; i < 30; i++) {
    const callId = calls[i % calls.length].callId;
    jobs.push(client.queryCallManualDetail({ subCcNo: "1", vdn: 1, callId }));
    jobs.push(client.queryTransferRecords({ callId }));
  }
  const settled = await Promise.allSettled(jobs);
  const failed = settled.filter((s) => s.status === "rejected").map((s) => `${s.reason.kind}: ${s.reason.message}`);
  assert.deepEqual(failed, [], "calls failed");
  const stats = await (await fetch(`${short}/__sim/stats`)).json();
  assert.equal(stats.responses["4xx"], 0, JSON.stringify(stats));
  assert.ok(stats.requests.tokenByAkSk >= 2 && stats.requests.gettoken >= 2, `tokens were renewed: ${JSON.stringify(stats.requests)}`);
});
