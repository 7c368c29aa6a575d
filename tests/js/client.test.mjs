// CecClient from the installed package (npm pack → npm install), in Node, against a running
// cec-sim whose base URL is in CEC_SIM_URL (scripts/test.sh starts it). Covers what only the
// packaged JS layer shows: CecError instances, `for await` with `break`, secrets invisible to
// JSON.stringify / util.inspect, hooks.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { CecClient, CecError } from "cec-calldata";

const SIM = process.env.CEC_SIM_URL;
const SECRETS = ["cec-demo-sk-7c1f2e9a", "cec-demo-app-secret", "cec-demo-oifde-secret"];

function config(extra = {}) {
  return {
    isales: { baseUrl: SIM, accessKey: "cec-demo-ak", secretKey: SECRETS[0] },
    apiFabric: { baseUrl: SIM, appKey: "cec-demo-app", appSecret: SECRETS[1] },
    oifde: { baseUrl: SIM, tenantId: "202604010001", appSecret: SECRETS[2] },
    ...extra,
  };
}

async function sim(path, init) {
  const r = await fetch(`${SIM}${path}`, init);
  return r.json();
}
const setFaults = (faults) =>
  sim("/__sim/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });
const clearFaults = () => sim("/__sim/faults", { method: "DELETE" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function quietReset() {
  for (let i = 0; i < 100 && (await sim("/__sim/stats")).inFlight !== 0; i++) await sleep(100);
  await sim("/__sim/reset", { method: "POST" });
}

function assertNoSecret(text, what) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${what} leaks a secret: ${text}`);
  assert.ok(!/Bearer |auth-v2\//.test(text), `${what} leaks an Authorization header: ${text}`);
}

before(() => {
  assert.ok(SIM, "CEC_SIM_URL must point at a running cec-sim (e.g. http://127.0.0.1:18790)");
});

test("the client hides its credentials: toJSON, JSON.stringify, util.inspect, properties", () => {
  const client = new CecClient(config({ maxConcurrency: 5 }));
  const json = JSON.stringify(client);
  assertNoSecret(json, "JSON.stringify(client)");
  const summary = JSON.parse(json);
  assert.equal(summary.isales.baseUrl, SIM);
  assert.equal(summary.apiFabric.auth, "appKey");
  assert.equal(summary.oifde.auth, "appSecret");
  assert.equal(summary.maxConcurrency, 5);
  assert.equal(summary.batchIntervalMs, 1000);
  assert.ok(!json.includes("cec-demo-ak") && !json.includes("202604010001"), json);
  assertNoSecret(inspect(client, { showHidden: true, depth: 5 }), "util.inspect(client)");
  for (const key of Reflect.ownKeys(client)) assertNoSecret(String(client[key]), `client.${String(key)}`);
  for (const key in client) assert.ok(!/secret|token|key/i.test(key) || key === "toJSON", `client exposes ${key}`);
});

test("invalid config throws a CecError naming the fields", () => {
  assert.throws(
    () => new CecClient({ isales: { baseUrl: "isales.example", accessKey: "ak", secretKey: "s3cr3t-value" }, timeoutMs: -1, logger: 5 }),
    (e) => {
      assert.ok(e instanceof CecError);
      assert.equal(e.kind, "validation");
      const fields = e.issues.map((i) => i.field);
      for (const f of ["isales.baseUrl", "timeoutMs", "logger"]) assert.ok(fields.includes(f), `${f} in ${fields}`);
      assert.ok(!JSON.stringify(e).includes("s3cr3t-value"));
      return true;
    },
  );
});

test("a call to an unconfigured gateway rejects with a validation CecError naming it", async () => {
  const client = new CecClient({ isales: config().isales });
  await assert.rejects(client.queryTransferRecords({ callId: "1" }), (e) => {
    assert.ok(e instanceof CecError);
    assert.equal(e.kind, "validation");
    assert.equal(e.attempts, 0);
    assert.ok(e.issues.some((i) => i.field === "oifde"), JSON.stringify(e.issues));
    return true;
  });
});

test("faults: CecError instances with kind, attempts, httpStatus, endpoint", async (t) => {
  t.after(clearFaults);
  const client = new CecClient(config({ batchIntervalMs: 0 }));
  const request = { vdnId: 1, callId: "1780301060-1000001" };

  await setFaults(["callRecords:status=503"]);
  await assert.rejects(client.queryCallRecords(request), (e) => {
    assert.ok(e instanceof CecError && e instanceof Error);
    assert.equal(e.name, "CecError");
    assert.equal(e.kind, "http");
    assert.equal(e.httpStatus, 503);
    assert.equal(e.attempts, 3);
    assert.equal(e.endpoint, "callRecords");
    assert.equal(e.retryable, true);
    assertNoSecret(JSON.stringify(e) + e.message + e.stack, "CecError");
    return true;
  });

  await setFaults(["callRecords:status=503,count=1"]);
  const ok = await client.queryCallRecords(request);
  assert.ok(Array.isArray(ok.recordList));

  // An undecodable success body is resent like a transient fault (bounded by maxRetries).
  await setFaults(["callRecords:malformed"]);
  await assert.rejects(client.queryCallRecords(request), (e) => e instanceof CecError && e.kind === "decode" && e.attempts === 3 && e.retryable);
  await setFaults(["callRecords:truncate,count=1"]);
  assert.ok(Array.isArray((await client.queryCallRecords(request)).recordList), "one truncated body is retried");

  await setFaults(["callRecords:latency=2000"]);
  const controller = new AbortController();
  const pending = client.queryCallRecords(request, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, (e) => e instanceof CecError && e.kind === "aborted");
});

test("for await over iterateCallResults; break stops the requests", async () => {
  await clearFaults();
  await quietReset();
  const client = new CecClient(config());
  const iterator = client.iterateCallResults({
    vdnId: 1, campaignId: 101, showDetail: 1, pageSize: 10, beginTime: "2026-06-01", endTime: "2026-10-01",
  });
  assert.equal(typeof iterator[Symbol.asyncIterator], "function");
  const seen = new Set();
  for await (const result of iterator) {
    assert.equal(typeof result.callId, "string");
    assert.ok(!seen.has(result.callId), "duplicate item");
    seen.add(result.callId);
    if (seen.size === 25) break;
  }
  const progress = iterator.progress();
  assert.equal(progress.yielded, 25);
  assert.ok(progress.windowsTotal >= 4, JSON.stringify(progress));
  await sleep(300);
  const afterBreak = (await sim("/__sim/stats")).requests.callResults;
  await sleep(1500);
  const later = (await sim("/__sim/stats")).requests.callResults;
  assert.equal(later, afterBreak, "requests went on after break");
  assert.ok(later <= 25, `${later} pages for 25 items`);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});

test("a whole export with for await equals the simulator's ground truth", async () => {
  await clearFaults();
  const client = new CecClient(config());
  const query = { vdnId: 3, campaignId: 105, showDetail: 1, beginTime: "2026-06-01", endTime: "2026-09-04" };
  const got = [];
  for await (const r of client.iterateCallResults(query)) got.push(r.callId);
  const truth = await sim(`/__sim/calls?vdnId=3&campaignId=105&beginTime=2026-06-01&endTime=2026-09-04&showDetail=1`);
  assert.deepEqual(got, truth.data.map((c) => c.callId));
});

test("hooks see redacted events, and a throwing hook does not break the call", async () => {
  await clearFaults();
  const events = [];
  const client = new CecClient(
    config({
      logger: (e) => events.push(e),
      onRequest: () => {
        throw new Error("hook failure");
      },
      onResponse: async () => {
        throw new Error("async hook failure");
      },
    }),
  );
  const page = await client.queryCallResults({ vdnId: 1, campaignId: 101, pageSize: 3 });
  assert.equal(page.data.length, 3);
  const id = page.data[0].callId;
  await client.queryCallManualDetail({ subCcNo: "1", vdn: 1, callId: id });
  await client.queryTransferRecords({ callId: id });
  const text = JSON.stringify(events);
  assertNoSecret(text, "hook events");
  assert.ok(!/authToken|AccessToken/.test(text), text);
  const requests = events.filter((e) => e.type === "request");
  assert.deepEqual(
    [...new Set(requests.map((e) => e.endpoint))].sort(),
    ["apiFabricToken", "callManualDetail", "callResults", "oifdeToken", "transferRecords"],
  );
  for (const e of events.filter((e) => e.type === "response")) {
    assert.equal(typeof e.durationMs, "number");
    assert.equal(typeof e.status, "number");
    assert.ok(e.url.startsWith(SIM));
    assert.equal(e.attempt, 1);
  }
});

test("a gateway that echoes the request leaks no credential through the error", async (t) => {
  t.after(clearFaults);
  const client = new CecClient(config({ batchIntervalMs: 0 }));
  const id = "1780301060-1000001";
  const calls = {
    callRecords: () => client.queryCallRecords({ vdnId: 1, callId: id }),
    callResultDetail: () => client.getCallResultDetail({ vdnId: 1, callId: id }),
    callManualDetail: () => client.queryCallManualDetail({ subCcNo: "1", vdn: 1, callId: id }),
    transferRecords: () => client.queryTransferRecords({ callId: id }),
  };
  for (const [endpoint, call] of Object.entries(calls)) {
    await setFaults([`${endpoint}:echo`]);
    await assert.rejects(call(), (e) => {
      assert.ok(e instanceof CecError, String(e));
      assert.equal(e.httpStatus, 400, endpoint);
      const text = `${e.message} ${e.description} ${JSON.stringify(e)}`;
      assert.match(text, /<redacted>/, `${endpoint}: the echo should have been scrubbed: ${text}`);
      for (const s of SECRETS) assert.ok(!text.includes(s), `${endpoint} leaks a secret: ${text}`);
      assert.doesNotMatch(text, /Bearer (?!<redacted>)|auth-v2\/(?!<redacted>)|"authToken":\s*"(?!<redacted>)/, `${endpoint} leaks a credential: ${text}`);
      return true;
    });
  }
});

test("describeFailCode reads the vendor tables and a tenant table from queryOBSResultCode (for await)", async () => {
  const { describeFailCode } = await import("cec-calldata");
  const client = new CecClient(config());
  const table = [];
  for await (const c of client.iterateOBSResultCodes({ vdnId: 1, pageSize: 4 })) table.push(c);
  assert.ok(table.length > 4 && table.every((c) => typeof c.obsCode === "string"));
  const vendor = describeFailCode("00603", { locale: "en_US" });
  assert.equal(vendor.message, "Released after the called number did not answer.");
  assert.equal(vendor.category, "user-release");
  assert.equal(describeFailCode("00603", { locale: "zh_CN" }).categoryLabel, "用户侧拆线");
  const tenant = describeFailCode("00603", { table });
  assert.equal(tenant.source, "tenant");
  assert.equal(tenant.message, table.find((c) => c.obsCode === "00603").obsCodeDesc);
  const unknown = describeFailCode("98765");
  assert.deepEqual([unknown.known, unknown.code, unknown.source], [false, "98765", "unknown"]);
  // Never throws, whatever it is given.
  for (const odd of [undefined, null, 42, {}]) assert.equal(describeFailCode(odd, { table: "x" }).known, false);
});

test("signAuthV2 signs query parameters: a hand-made queryOBSResultCode call is accepted", async () => {
  const { signAuthV2 } = await import("cec-calldata");
  const url = new URL(SIM);
  const path = "/rest/isales/v1/openapi/campaigns/1/queryOBSResultCode";
  const query = { pageSize: 5, pageNum: 1 };
  const authorization = signAuthV2({ accessKey: "cec-demo-ak", secretKey: SECRETS[0], method: "GET", path, host: url.host, query, contentType: null });
  const ok = await fetch(`${SIM}${path}?pageSize=5&pageNum=1`, { headers: { authorization } });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).obsCodes.length, 5);
  // The same header for other parameters does not verify.
  const other = await fetch(`${SIM}${path}?pageSize=5&pageNum=2`, { headers: { authorization } });
  assert.equal(other.status, 401);
  assert.throws(() => signAuthV2({ accessKey: "a", secretKey: "b", method: "GET", path, host: "h", query: 5 }), { kind: "validation" });
});
