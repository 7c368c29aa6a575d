// Hostile input against the installed package: deep, cyclic, huge, throwing and non-JSON values
// into every export, and containment of a wasm trap. After each of these, a normal call must still
// work (a trap or a leaked wasm stack would break every later call, in every entry).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fc from "fast-check";
import * as cec from "cec-calldata";

const require = createRequire(import.meta.url);
const VALIDATORS = [
  "validateCallResultDetailRequest", "validateCallResultsRequest", "validateCallRecordsRequest",
  "validateCallManualDetailRequest", "validateTransferRecordRequest",
];
const CLIENT_METHODS = ["getCallResultDetail", "queryCallResults", "queryCallRecords", "queryCallManualDetail", "queryTransferRecords"];
const ITERATORS = ["iterateCallResults", "iterateTransferRecords"];
const CONFIG = {
  isales: { baseUrl: "http://127.0.0.1:9", accessKey: "ak", secretKey: "hostile-test-sk" },
  apiFabric: { baseUrl: "http://127.0.0.1:9", appKey: "k", appSecret: "hostile-test-secret" },
  oifde: { baseUrl: "http://127.0.0.1:9", tenantId: "t", authToken: "hostile-test-token" },
};

function nested(depth) {
  const root = {};
  let cur = root;
  for (let i = 0; i < depth; i++) cur = cur.a = {};
  return root;
}

function hostileValues() {
  const cyclic = { vdnId: 1, campaignId: "3" };
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push(cyclicArray);
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const sparse = { vdnId: 1, campaignId: "3", junk: [] };
  sparse.junk.length = 1e8;
  return {
    deep: nested(3100),
    deepArray: JSON.parse("[".repeat(5000) + "]".repeat(5000)),
    cyclic,
    cyclicArray: { vdnId: 1, list: cyclicArray },
    globalThis,
    throwingGetter: { get vdnId() { throw new Error("getter"); } },
    throwingKeys: new Proxy({}, { ownKeys() { throw new Error("ownKeys"); } }),
    throwingGet: new Proxy({ vdnId: 1 }, { get() { throw new Error("get"); } }),
    revoked,
    sparse,
    bigint: { vdnId: 10n },
    nan: { vdnId: NaN, campaignId: Infinity },
    symbol: { vdnId: Symbol("s") },
    fn: { vdnId: () => 1 },
    hugeString: { vdnId: 1, callId: "x".repeat(5 * 1024 * 1024) },
    badDate: { vdnId: 1, beginDate: new Date(NaN) },
  };
}

function assertTypeIssues(issues, what) {
  assert.ok(Array.isArray(issues) && issues.length > 0, `${what}: expected issues`);
  for (const i of issues) {
    assert.equal(typeof i.field, "string", what);
    assert.equal(typeof i.message, "string", what);
  }
}

function assertHealthy() {
  assert.deepEqual(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "3" }), []);
  assert.deepEqual(require("cec-calldata").validateCallResultDetailRequest({ vdnId: 1, callId: "1-2" }), []);
}

test("validators report hostile values as issues naming the path, and never throw", () => {
  const values = hostileValues();
  for (const name of VALIDATORS) {
    for (const [label, value] of Object.entries(values)) {
      assertTypeIssues(cec[name](value), `${name}(${label})`);
    }
  }
  const [cycle] = cec.validateCallResultsRequest(values.cyclic);
  assert.deepEqual([cycle.field, cycle.rule], ["self", "type"]);
  assert.match(cycle.message, /cycle/);
  const [deep] = cec.validateCallResultsRequest(values.deep);
  assert.equal(deep.rule, "type");
  assert.match(deep.field, /^a(\.a)+$/);
  const [getter] = cec.validateCallResultsRequest(values.throwingGetter);
  assert.deepEqual([getter.field, getter.rule], ["vdnId", "type"]);
  const [big] = cec.validateCallResultsRequest(values.bigint);
  assert.match(big.message, /BigInt/);
  const nan = cec.validateCallResultsRequest(values.nan).map((i) => i.field).sort();
  assert.deepEqual(nan, ["campaignId", "vdnId"]);
  const [sparse] = cec.validateCallResultsRequest(values.sparse);
  assert.deepEqual([sparse.field, sparse.rule], ["junk", "type"]);
  assertHealthy();
});

test("the client constructor and every method turn hostile values into validation errors", async () => {
  const values = hostileValues();
  for (const [label, value] of Object.entries(values)) {
    assert.throws(() => new cec.CecClient(value), (e) => e instanceof cec.CecError && e.kind === "validation", `new CecClient(${label})`);
  }
  const client = new cec.CecClient(CONFIG);
  for (const [label, value] of Object.entries(values)) {
    for (const m of CLIENT_METHODS) {
      await assert.rejects(client[m](value), (e) => e instanceof cec.CecError && e.kind === "validation", `${m}(${label})`);
      await assert.rejects(client[m]({}, value), (e) => e instanceof cec.CecError, `${m}({}, ${label})`);
    }
    for (const m of ITERATORS) {
      assert.throws(() => client[m](value), (e) => e instanceof cec.CecError && e.kind === "validation", `${m}(${label})`);
    }
  }
  assertHealthy();
});

test("other exports reject non-string or hostile arguments with a CecError", () => {
  const values = hostileValues();
  for (const [label, value] of Object.entries(values)) {
    assert.throws(() => cec.signAuthV2(value), (e) => e instanceof cec.CecError && e.kind === "validation", `signAuthV2(${label})`);
    for (const fn of [() => cec.parseCallResultCallback(value), () => cec.decodeResponse("callResults", value)]) {
      assert.throws(fn, (e) => e instanceof cec.CecError, label);
    }
    assert.throws(() => cec.describeErrorCode(value), (e) => e instanceof cec.CecError && e.kind === "validation", `describeErrorCode(${label})`);
    // Options are read defensively: hostile options never throw.
    assert.ok(Array.isArray(cec.validateCallResultsRequest({}, value)), `options ${label}`);
  }
  assert.equal(cec.describeErrorCode(200800003)?.code ?? null, cec.describeErrorCode("200800003")?.code ?? null);
  assertHealthy();
});

test("a signal whose addEventListener throws is an issue, and the promise settles", async () => {
  const client = new cec.CecClient(CONFIG);
  const signal = { aborted: false, addEventListener() { throw new Error("nope"); }, removeEventListener() {} };
  await assert.rejects(client.queryCallResults({ vdnId: 1, campaignId: "3" }, { signal }), (e) => {
    assert.equal(e.kind, "validation");
    assert.deepEqual(e.issues.map((i) => i.field), ["options.signal"]);
    return true;
  });
  assert.throws(() => client.iterateCallResults({ vdnId: 1, campaignId: "3" }, { signal }), cec.CecError);
});

test("100,000 throwing getters in a row leak no wasm stack", () => {
  const getter = { get vdnId() { throw new Error("getter"); } };
  const proxy = new Proxy({}, { ownKeys() { throw new Error("keys"); } });
  for (let i = 0; i < 50_000; i++) {
    cec.validateCallResultsRequest(getter);
    cec.validateCallRecordsRequest(proxy);
  }
  assertHealthy();
});

test("property: random JS values into every export never throw anything but CecError, never break the instance", async () => {
  const client = new cec.CecClient(CONFIG);
  // Every call is awaited before the test ends: a call still retrying when a later test restarts
  // the instance would have its timer call into the old one.
  const pending = [];
  const leaf = fc.oneof(
    fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withDate: true }),
    fc.constantFrom(NaN, Infinity, -0, Symbol("s"), () => 1, globalThis, new Proxy({}, { get() { throw new Error("x"); } })),
  );
  const request = fc.oneof(leaf, fc.dictionary(fc.constantFrom("vdnId", "campaignId", "callId", "pageSize", "beginTime", "subCcNo", "vdn", "x"), leaf));
  fc.assert(
    fc.property(request, fc.oneof(fc.constant(undefined), leaf), (req, opts) => {
      for (const name of VALIDATORS) assert.ok(Array.isArray(cec[name](req, opts)));
      for (const call of [
        () => cec.signAuthV2(req),
        () => cec.describeErrorCode(req, opts),
        () => cec.parseCallResultCallback(req),
        () => cec.decodeResponse(req, req, opts),
        () => client.iterateCallResults(req, opts),
      ]) {
        try {
          call();
        } catch (e) {
          assert.ok(e instanceof cec.CecError, `threw ${e?.name}: ${e?.message}`);
        }
      }
      for (const m of CLIENT_METHODS) pending.push(client[m](req, opts).catch(() => {}));
    }),
    { numRuns: Number(process.env.CEC_FUZZ_RUNS ?? 300) },
  );
  await Promise.allSettled(pending);
  assertHealthy();
});

test("a wasm trap surfaces as CecError kind 'internal', then the instance restarts for every entry", () => {
  const cjs = require("cec-calldata");
  const before = cec.__testing.restarts();
  const old = new cec.CecClient(CONFIG);
  assert.throws(() => cec.__testing.trap(), (e) => {
    assert.ok(e instanceof cec.CecError, `got ${e?.name}`);
    assert.equal(e.kind, "internal");
    assert.ok(e.cause instanceof WebAssembly.RuntimeError);
    return true;
  });
  // The next call restarts the instance: free functions work in both entries.
  assertHealthy();
  assert.equal(cjs.__testing.restarts(), before + 1);
  // A client of the old instance says what to do; a new one works.
  assert.throws(() => old.queryCallResults({ vdnId: 1, campaignId: "3" }), (e) => e instanceof cec.CecError && e.kind === "internal" && /create a new CecClient/.test(e.message));
  old.free(); // freeing an old-instance object must not touch the new instance
  const fresh = new cjs.CecClient(CONFIG);
  assert.ok(fresh instanceof cec.CecClient);
  assert.deepEqual(JSON.parse(JSON.stringify(fresh)).isales.baseUrl, CONFIG.isales.baseUrl);
  assertHealthy();
});

test("signAuthV2 refuses CR, LF and NUL in what goes into the header", () => {
  const base = { accessKey: "ak", secretKey: "sk", method: "GET", path: "/p", host: "h", timestamp: "2024-01-01T00:00:00Z" };
  assert.match(cec.signAuthV2(base), /^auth-v2\/ak\//);
  for (const [field, bad] of [["accessKey", "ak\r\nX-Evil: 1"], ["accessKey", "a\0k"], ["timestamp", "2024-01-01T00:00:00Z\n"]]) {
    assert.throws(() => cec.signAuthV2({ ...base, [field]: bad }), (e) => e instanceof cec.CecError && e.issues.some((i) => i.field === field));
  }
});
