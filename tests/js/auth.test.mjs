// auth-v2 profiles, auto-detection, checkConnection, transport options and OIFDE token codes,
// through the installed package against two simulators: CEC_SIM_URL (profile A, the default)
// and CEC_SIM_URL_PROFILE_B (`--auth-profile B`). The simulators verify auth-v2 with their own
// reading of AUTH.md, so a passing call here is a cross-check of the client's signer.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { CecClient, CecError, signAuthV2 } from "cec-calldata";

const SIM_A = process.env.CEC_SIM_URL;
const SIM_B = process.env.CEC_SIM_URL_PROFILE_B;
const SK = "cec-demo-sk-7c1f2e9a";
const isales = (baseUrl, extra = {}) => ({ baseUrl, accessKey: "cec-demo-ak", secretKey: SK, ...extra });
const DETAIL = { vdnId: 1, callId: "1780301060-1000001" };
// A vendor answer (the call may not exist in a small dataset: 0200007) proves auth passed.
const answered = (p) => p.then(() => true, (e) => { if (e instanceof CecError && e.kind === "api") return true; throw e; });

async function sim(base, path, init) {
  const r = await fetch(`${base}${path}`, init);
  return r.json();
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function quietReset(base) {
  for (let i = 0; i < 100 && (await sim(base, "/__sim/stats")).inFlight !== 0; i++) await sleep(100);
  await sim(base, "/__sim/reset", { method: "POST" });
}
const stats = async (base) => {
  const s = await sim(base, "/__sim/stats");
  return { detail: s.requests.callResultDetail ?? 0, rejected: s.responses["4xx"] };
};

before(() => {
  assert.ok(SIM_A && SIM_B, "CEC_SIM_URL and CEC_SIM_URL_PROFILE_B must point at running cec-sims (profiles A and B)");
});

test("signAuthV2 reproduces all four AUTH.md vectors and signs query parameters", () => {
  const base = { accessKey: "globalaktest", secretKey: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", host: "10.22.26.181:28080" };
  const ping = { ...base, method: "POST", path: "/rest/cmsapp/v1/ping", body: '{"say": "Hello world!"}' };
  const get = { ...base, method: "GET", path: "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428" };
  const A = "2024-01-01T00:00:00.000Z";
  const B = "2024-01-01T00:00:00Z";
  assert.equal(signAuthV2({ ...ping, timestamp: A }), `auth-v2/globalaktest/${A}/content-length;content-type;host/7e5c8f3e3f8fd40367b1e2c9046219d45ac0727c3b98fbd66a7231c96176295a`);
  assert.equal(signAuthV2({ ...get, timestamp: A, signing: "A" }), `auth-v2/globalaktest/${A}/content-type;host/aad6f047acf6d2319b00d256567063d80a06e77d399b9822faaf900db8b774ff`);
  assert.equal(signAuthV2({ ...ping, timestamp: B, signing: "B" }), `auth-v2/globalaktest/${B}/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf`);
  assert.equal(signAuthV2({ ...get, timestamp: B, signing: { profile: "B" } }), `auth-v2/globalaktest/${B}/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576`);
  // Without a Content-Type on the wire, profile A signs host alone on a GET.
  assert.match(signAuthV2({ ...get, contentType: null }), /\/host\/[0-9a-f]{64}$/);
  const q1 = signAuthV2({ ...get, timestamp: A, query: { pageSize: 10, pageNum: 1 } });
  assert.equal(q1, signAuthV2({ ...get, timestamp: A, query: [["pageNum", "1"], ["pageSize", "10"]] }), "query order does not matter");
  assert.notEqual(q1, signAuthV2({ ...get, timestamp: A }));
  assert.throws(() => signAuthV2({ ...get, signing: "auto", path: "/x?y=1" }), (e) => {
    assert.ok(e instanceof CecError && e.kind === "validation");
    assert.deepEqual(e.issues.map((i) => i.field).sort(), ["path", "signing"]);
    return true;
  });
});

for (const [name, base, other] of [["B", () => SIM_B, "A"], ["A", () => SIM_A, null]]) {
  test(`auto-detection against a profile ${name} gateway: one detection for concurrent first calls, then pinned`, async () => {
    await quietReset(base());
    const events = [];
    const client = new CecClient({ isales: isales(base()), logger: (e) => events.push(e) });
    const results = await Promise.all(Array.from({ length: 5 }, () => answered(client.getCallResultDetail(DETAIL))));
    assert.deepEqual(results, [true, true, true, true, true]);
    const wrong = other ? 1 : 0;
    // One request per call, plus exactly one extra attempt per wrong profile (the probe's).
    assert.deepEqual(await stats(base()), { detail: 5 + wrong, rejected: wrong });
    const signing = events.filter((e) => e.type === "signing");
    assert.equal(signing.length, 1, JSON.stringify(signing));
    assert.equal(signing[0].signingProfile, name);
    assert.deepEqual(signing[0].tried, other ? [other, name] : [name]);
    assert.ok(!JSON.stringify(events).includes(SK));
    // Later calls sign right the first time.
    await client.queryCallResults({ vdnId: 1, campaignId: 101, pageSize: 2 });
    await answered(client.getCallResultDetail(DETAIL));
    const after = await stats(base());
    assert.equal(after.rejected, wrong);
    assert.equal(after.detail, 6 + wrong);
    const report = await client.checkConnection();
    assert.deepEqual(Object.keys(report), ["isales"]);
    assert.equal(report.isales.ok, true);
    assert.equal(report.isales.signingProfile, name);
    assert.equal(typeof report.isales.latencyMs, "number");
  });
}

test("a proxy's 503 during detection proves nothing: the probe goes on after the retry", async () => {
  await quietReset(SIM_B);
  const faults = (body) => sim(SIM_B, "/__sim/faults", { method: body ? "POST" : "DELETE", headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
  await faults(["callResultDetail:status=503,count=1"]);
  try {
    const events = [];
    const client = new CecClient({ isales: isales(SIM_B), logger: (e) => events.push(e) });
    assert.ok(await answered(client.getCallResultDetail(DETAIL)));
    // 503 (profile A, unproven) → retry with A → 401 → B passes.
    assert.deepEqual(await stats(SIM_B), { detail: 3, rejected: 1 });
    const signing = events.filter((e) => e.type === "signing");
    assert.deepEqual(signing.map((e) => [e.signingProfile, e.tried]), [["B", ["A", "B"]]]);
  } finally {
    await faults(null);
  }
});

test("an explicit profile never probes; wrong keys under auto name the profiles tried", async () => {
  await quietReset(SIM_A);
  const fixed = new CecClient({ isales: isales(SIM_A, { signing: "B" }) });
  await assert.rejects(fixed.getCallResultDetail(DETAIL), (e) => {
    assert.ok(e instanceof CecError);
    assert.equal(e.kind, "auth");
    assert.equal(e.httpStatus, 401);
    assert.equal(e.attempts, 1);
    return true;
  });
  assert.deepEqual(await stats(SIM_A), { detail: 1, rejected: 1 });
  const wrongKey = new CecClient({ isales: { ...isales(SIM_A), secretKey: "not-the-secret" } });
  await assert.rejects(wrongKey.getCallResultDetail(DETAIL), (e) => {
    assert.equal(e.kind, "auth");
    assert.equal(e.attempts, 2);
    assert.match(e.message, /\(A, B\)/);
    assert.match(e.message, /clock/);
    assert.ok(!e.message.includes("not-the-secret"));
    return true;
  });
  const report = await wrongKey.checkConnection();
  assert.equal(report.isales.ok, false);
  assert.ok(report.isales.error instanceof CecError && report.isales.error.kind === "auth");
  assert.equal(report.isales.signingProfile, undefined);
});

test("checkConnection over the three gateways, and what a wrong OIFDE password says", async () => {
  const client = new CecClient({
    isales: isales(SIM_B),
    apiFabric: { baseUrl: SIM_B, appKey: "cec-demo-app", appSecret: "cec-demo-app-secret" },
    oifde: { baseUrl: SIM_B, tenantId: "202604010001", appSecret: "cec-demo-oifde-secret" },
  });
  const report = await client.checkConnection();
  for (const g of ["isales", "apiFabric", "oifde"]) assert.equal(report[g].ok, true, `${g}: ${JSON.stringify(report[g])}`);
  assert.equal(report.isales.signingProfile, "B");
  const bad = new CecClient({ oifde: { baseUrl: SIM_B, tenantId: "202604010001", appSecret: "wrong" }, locale: "zh_CN" });
  const r = await bad.checkConnection();
  assert.equal(r.oifde.ok, false);
  assert.equal(r.oifde.error.kind, "auth");
  assert.equal(r.oifde.error.code, "200800002");
  assert.match(r.oifde.error.message, /密钥错误/);
  await sim(SIM_B, "/__sim/reset", { method: "POST" });
});

test("OIFDE 900001 after a server-side expiry: renew once, resend, nothing lost", async () => {
  const events = [];
  const client = new CecClient({ oifde: { baseUrl: SIM_A, tenantId: "202604010001", appSecret: "cec-demo-oifde-secret" }, logger: (e) => events.push(e) });
  const ds = await sim(SIM_A, "/__sim/dataset");
  const ids = ds.sampleTransferCallIds;
  const before = [];
  for (const callId of ids) for await (const r of client.iterateTransferRecords({ callId, pageSize: 5 })) before.push(r.id);
  const tokens = () => events.filter((e) => e.type === "request" && e.endpoint === "oifdeToken").length;
  assert.equal(tokens(), 1);
  const after = [];
  for (const [i, callId] of ids.entries()) {
    if (i === 2) assert.ok((await sim(SIM_A, "/__sim/expire-tokens", { method: "POST" })).oifde >= 1);
    for await (const r of client.iterateTransferRecords({ callId, pageSize: 5 })) after.push(r.id);
  }
  assert.deepEqual(after, before);
  assert.equal(tokens(), 2, "exactly one renewal");
  assert.ok(events.some((e) => e.type === "retry" && e.endpoint === "transferRecords" && e.errorKind === "auth"));
});

test("per-call options are validated: unknown keys, maxRetries, reserved headers", async () => {
  const client = new CecClient({ isales: isales(SIM_A) });
  await assert.rejects(client.getCallResultDetail(DETAIL, { bogus: 1, maxRetries: 11, headers: { Authorization: "x" } }), (e) => {
    assert.equal(e.kind, "validation");
    assert.deepEqual(e.issues.map((i) => i.field).sort(), ["options.bogus", "options.headers.Authorization", "options.maxRetries"]);
    assert.equal(e.attempts, 0);
    return true;
  });
  assert.throws(() => new CecClient({ isales: isales(SIM_A, { signing: "C", headers: { "Content-Length": "1" } }) }), (e) => {
    assert.deepEqual(e.issues.map((i) => i.field).sort(), ["isales.headers.Content-Length", "isales.signing"]);
    return true;
  });
  await sim(SIM_A, "/__sim/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(["callResultDetail:status=503"]) });
  try {
    await assert.rejects(client.getCallResultDetail(DETAIL, { maxRetries: 0 }), (e) => {
      assert.equal(e.kind, "http");
      assert.equal(e.attempts, 1);
      // The gateway's request id of the last answer, for its support.
      assert.match(e.requestId, /^sim-callResultDetail-[0-9a-f]{8}$/);
      return true;
    });
    await assert.rejects(client.getCallResultDetail(DETAIL, { maxRetries: 1 }), (e) => e.kind === "http" && e.attempts === 2);
  } finally {
    await sim(SIM_A, "/__sim/faults", { method: "DELETE" });
  }
});

test("transport: a custom fetch sees gateway and per-call headers; network errors keep cause and code", async () => {
  const seen = [];
  const myFetch = (url, init) => {
    seen.push({ url: String(url), headers: { ...init.headers } });
    return fetch(url, init);
  };
  const client = new CecClient({ isales: isales(SIM_A, { headers: { "X-TenantSpaceID": "space-1", "X-Trace": "g" } }), fetch: myFetch });
  assert.ok(await answered(client.getCallResultDetail(DETAIL, { headers: { "X-Trace": "call" } })));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].headers["X-TenantSpaceID"], "space-1");
  assert.equal(seen[0].headers["X-Trace"], "call");
  assert.match(seen[0].headers.Authorization, /^auth-v2\/cec-demo-ak\//);

  // A port nothing listens on (CEC_CLOSED_PORT; fetch refuses "bad" ports such as 1 outright).
  const down = new CecClient({ isales: isales(`http://127.0.0.1:${process.env.CEC_CLOSED_PORT ?? 18799}`), maxRetries: 1 });
  await assert.rejects(down.getCallResultDetail(DETAIL), (e) => {
    assert.ok(e instanceof CecError);
    assert.equal(e.kind, "network");
    assert.match(e.message, /ECONNREFUSED/);
    assert.ok(e.cause, "cause kept");
    assert.equal(e.attempts, 2);
    assert.equal(e.retryable, true);
    return true;
  });
  // A certificate failure (simulated by a fetch that rejects like undici does) is not retried.
  const tls = new CecClient({
    isales: isales(SIM_A),
    fetch: async () => {
      const cause = Object.assign(new Error("unable to verify the first certificate"), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
      throw new TypeError("fetch failed", { cause });
    },
  });
  await assert.rejects(tls.getCallResultDetail(DETAIL), (e) => {
    assert.equal(e.kind, "network");
    assert.equal(e.attempts, 1);
    assert.equal(e.retryable, false);
    assert.match(e.message, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(e.message, /NODE_EXTRA_CA_CERTS/);
    assert.equal(e.cause.cause.code, "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    return true;
  });
  // An abort keeps the signal's reason.
  const controller = new AbortController();
  const reason = new Error("user left the page");
  controller.abort(reason);
  await assert.rejects(client.getCallResultDetail(DETAIL, { signal: controller.signal }), (e) => e.kind === "aborted" && e.cause === reason);
});

test("isales.sign with createSigningHandler: the client holds no SK, the handler signs only documented requests", async (t) => {
  const { createServer } = await import("node:http");
  const { createSigningHandler } = await import("cec-calldata");
  const handler = createSigningHandler({ accessKey: "cec-demo-ak", secretKey: SK, allow: [SIM_A, SIM_B] });
  const server = createServer((req, res) => handler.node(req, res));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => new Promise((r) => server.close(r)));
  const signerUrl = `http://127.0.0.1:${server.address().port}/sign`;
  const seen = [];
  const sign = async (request) => {
    seen.push(request);
    const r = await fetch(signerUrl, { method: "POST", body: JSON.stringify(request) });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error.message);
    return j.authorization;
  };
  for (const [base, profile] of [[SIM_A, "A"], [SIM_B, "B"]]) {
    const config = { isales: { baseUrl: base, sign } };
    const client = new CecClient(config);
    assert.ok(!JSON.stringify(config).includes(SK));
    const page = await client.queryCallResults({ vdnId: 1, campaignId: 101, pageSize: 2 });
    assert.equal(page.data.length, 2);
    assert.ok(await answered(client.getCallResultDetail(DETAIL)));
    assert.equal((await client.checkConnection()).isales.signingProfile, profile);
  }
  const get = seen.find((r) => r.method === "GET");
  assert.deepEqual(Object.keys(get.headers).sort(), ["content-type", "host"], "a GET signs no content-length");
  assert.match(get.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);

  // What the handler refuses: another host, another endpoint, a stale timestamp, garbage.
  const post = async (body) => {
    const r = await handler(new Request("http://x/sign", { method: "POST", body: JSON.stringify(body) }));
    return [r.status, await r.json()];
  };
  const good = seen.find((r) => r.method === "POST" && r.headers.host === new URL(SIM_A).host);
  assert.equal((await post(good))[0], 200);
  const [s1, b1] = await post({ ...good, headers: { ...good.headers, host: "evil.example:443" } });
  assert.equal(s1, 403);
  assert.match(b1.error.message, /not an allowed/);
  assert.equal((await post({ ...good, path: "/rest/isales/v1/openapi/campaigns/1/deleteAll" }))[0], 403);
  assert.equal((await post({ ...good, timestamp: "2020-01-01T00:00:00.000Z" }))[0], 403);
  const [s4, b4] = await post({ method: "POST" });
  assert.equal(s4, 400);
  assert.equal(b4.error.kind, "validation");
  assert.ok(!JSON.stringify([b1, b4]).includes(SK));
  assert.equal((await handler(new Request("http://x/sign"))).status, 405);
  assert.throws(() => createSigningHandler({ accessKey: "a", secretKey: "s", allow: "ftp://x" }), (e) => e instanceof CecError && e.issues[0].field === "allow[0]");

  // A signer that fails makes an auth error, not a retry storm.
  const broken = new CecClient({ isales: { baseUrl: SIM_A, sign: async () => { throw new Error("backend down"); } } });
  await assert.rejects(broken.getCallResultDetail(DETAIL), (e) => e.kind === "auth" && /backend down/.test(e.message) && e.attempts === 0);
});
