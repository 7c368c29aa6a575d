// The package as a user installs it (npm pack → npm install into a fresh folder), imported as
// an ES module in Node. Covers the exported names, issue shapes, CecError and both locales.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as cec from "cec-calldata";

const require = createRequire(import.meta.url);

const RULES = new Set([
  "required", "type", "range", "max-length", "allowed-values", "both-or-neither",
  "one-of-required", "date-format", "date-order", "window-too-long", "unknown-field",
]);
const VALIDATORS = [
  "validateCallResultDetailRequest", "validateCallResultsRequest", "validateCallRecordsRequest",
  "validateCallManualDetailRequest", "validateTransferRecordRequest", "validateObsResultCodesRequest",
];

function assertIssueShape(issue) {
  assert.equal(typeof issue.field, "string");
  assert.ok(RULES.has(issue.rule), `unknown rule ${issue.rule}`);
  assert.equal(typeof issue.message, "string");
  assert.ok(issue.message.length > 5);
  if ("code" in issue) assert.match(issue.code, /^0\d{6,7}$/);
}

test("exports every documented name", () => {
  for (const name of [...VALIDATORS, "decodeResponse", "describeErrorCode", "parseCallResultCallback", "signAuthV2", "CecError", "CecClient"]) {
    assert.equal(typeof cec[name], "function", name);
  }
  assert.ok(!("__registerErrorClass" in cec), "internals stay private");
});

test("require() and import share one instance", () => {
  const cjs = require("cec-calldata");
  assert.equal(cjs.CecError, cec.CecError);
  assert.equal(cjs.validateCallResultsRequest, cec.validateCallResultsRequest);
});

test("validators never throw, whatever they get", () => {
  const odd = [null, undefined, 0, 42, "x", [], [1], true, () => 1, Symbol("s"), 10n, { vdnId: () => 1 }, { vdnId: {} }, new Date(0), NaN];
  for (const name of VALIDATORS) {
    for (const value of odd) {
      const issues = cec[name](value);
      assert.ok(Array.isArray(issues), `${name}(${String(value)})`);
      assert.ok(issues.length > 0, `${name}(${String(value)}) must report something`);
      issues.forEach(assertIssueShape);
    }
    // Odd options are ignored, not thrown on.
    assert.ok(Array.isArray(cec[name]({}, 5)));
    assert.ok(Array.isArray(cec[name]({}, { locale: 12 })));
  }
});

test("a valid request has no issues", () => {
  assert.deepEqual(cec.validateCallResultDetailRequest({ vdnId: 1, callId: "1644464743-1388" }), []);
  assert.deepEqual(
    cec.validateCallResultsRequest({ vdnId: 1, campaignId: 101, pageSize: 500, pageNum: 1, beginTime: "2026-07-01", endTime: "2026-07-31" }),
    [],
  );
  assert.deepEqual(cec.validateCallRecordsRequest({ vdnId: 9999, callId: "1688028889-836" }), []);
  assert.deepEqual(cec.validateCallManualDetailRequest({ subCcNo: "1", vdn: 1, beginDate: "1658102400000", callType: "1", mediaType: 5 }), []);
  assert.deepEqual(cec.validateTransferRecordRequest({ callId: "1648805538-165717321823298", pageSize: "5", pageNum: 1 }), []);
});

test("issues carry field, rule, vendor code and a message in each locale", () => {
  const req = { vdnId: 1, campaignId: "101", beginTime: "2026-07-01", endTime: "2026-08-01" };
  const [en] = cec.validateCallResultsRequest(req);
  assert.deepEqual({ field: en.field, rule: en.rule, code: en.code }, { field: "endTime", rule: "window-too-long", code: "0200011" });
  const [zh] = cec.validateCallResultsRequest(req, { locale: "zh_CN" });
  assert.equal(zh.code, "0200011");
  assert.match(zh.message, /[\u4e00-\u9fff]/, "Chinese message");
  assert.doesNotMatch(en.message, /[\u4e00-\u9fff]/, "English message");

  const byCode = (issues) => issues.map((i) => i.code).sort();
  assert.deepEqual(byCode(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "1", beginTime: "2026-07-01" })), ["0200008"]);
  assert.deepEqual(byCode(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "1", beginTime: "2026-02-30", endTime: "2026-03-02" })), ["0200009"]);
  assert.deepEqual(byCode(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "1", beginTime: "2026-07-02", endTime: "2026-07-02" })), ["0200010"]);
  assert.deepEqual(byCode(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "1", sessionId: "x".repeat(33) })), ["02000003"]);
  assert.deepEqual(byCode(cec.validateCallResultsRequest({ vdnId: 1 })), ["02000001"]);
  assert.equal(cec.validateCallResultsRequest({ vdnId: 1, campaignId: "1", sessionId: "x".repeat(32) }).length, 0);
});

test("every issue of a bad request is reported, not just the first", () => {
  const issues = cec.validateCallResultsRequest({ vdnId: 0, campaignId: "", pageSize: 501, showDetail: 2, pageNum: 0 });
  const fields = new Set(issues.map((i) => i.field));
  for (const f of ["vdnId", "campaignId", "showDetail", "pageNum"]) assert.ok(fields.has(f), f);
});

test("one-of-required and allowed-values on the CDR and OIFDE endpoints", () => {
  const cdr = cec.validateCallManualDetailRequest({ subCcNo: "1", vdn: "1", callType: 5, mediaType: 3 });
  assert.ok(cdr.some((i) => i.rule === "one-of-required"));
  assert.ok(cdr.some((i) => i.field === "callType" && i.rule === "allowed-values"));
  assert.ok(cdr.some((i) => i.field === "mediaType" && i.rule === "allowed-values"));
  const oifde = cec.validateTransferRecordRequest({ callId: "", userMobile: "", pageSize: 7 });
  assert.ok(oifde.some((i) => i.rule === "one-of-required" && i.field === ""));
  assert.ok(oifde.some((i) => i.field === "pageSize" && i.rule === "allowed-values"));
});

test("decodeResponse normalises the documented quirks", () => {
  const detail = cec.decodeResponse(
    "callResultDetail",
    JSON.stringify({ returnCode: "0200000", resultCode: "0200000", data: { callId: "1-2", callStatus: "6", vdnId: 8, recordPath: "null", extra: 1 } }),
  );
  assert.equal(detail.data.callStatus, 6);
  assert.equal(detail.data.recordPath, null);
  const records = cec.decodeResponse(
    "callRecords",
    JSON.stringify({ returnCode: "0200000", resultCode: "0200000", recordList: [{ interNo: "1", userSaying: "null", systemReply: "hi", responseSource: "0" }, { interNo: "2", userSaying: "none", systemReply: "x" }] }),
  );
  assert.equal(records.recordList[0].userSaying, null);
  assert.equal(records.recordList[1].userSaying, "none", "only \"null\" means null (issue 10 #8)");
  const cdr = cec.decodeResponse("callManualDetail", JSON.stringify({ total: "2", results: [{ callId: "a", vdn: 1, evaluationValue: "5" }] }));
  assert.equal(cdr.total, 2);
  assert.equal(cdr.results[0].vdn, "1");
});

test("decodeResponse throws CecError kind api with the vendor code and the server's text", () => {
  const body = JSON.stringify({ returnCode: "0200011", returnDesc: "interval too long", resultCode: "0200011", resultDesc: "interval too long" });
  let err;
  try { cec.decodeResponse("callResults", body); } catch (e) { err = e; }
  assert.ok(err instanceof cec.CecError, "instanceof CecError");
  assert.ok(err instanceof Error);
  assert.equal(err.name, "CecError");
  assert.equal(err.kind, "api");
  assert.equal(err.code, "0200011");
  assert.equal(err.description, "interval too long");
  assert.equal(err.endpoint, "callResults");
  assert.equal(typeof err.retryable, "boolean");
  assert.ok(err.stack);
  const oifde = (() => { try { cec.decodeResponse("transferRecords", '{"errorCode": 3, "errorMessage": "token expired"}'); } catch (e) { return e; } })();
  assert.equal(oifde.kind, "api");
  assert.equal(oifde.code, "3");
});

test("decodeResponse throws kind decode naming the offending path", () => {
  for (const [endpoint, body, path] of [
    ["callResults", '{"returnCode":"0200000","resultCode":"0200000","totalCount":1,"data":[{"callId":"a","callStatus":{}}]}', "data[0].callStatus"],
    ["callResults", '{"returnCode":"0200000", "data": [', null],
  ]) {
    let err;
    try { cec.decodeResponse(endpoint, body); } catch (e) { err = e; }
    assert.ok(err instanceof cec.CecError);
    assert.equal(err.kind, "decode");
    if (path) assert.ok(err.message.includes(path), `${err.message} names ${path}`);
  }
  let bad;
  try { cec.decodeResponse("nope", "{}"); } catch (e) { bad = e; }
  assert.ok(bad instanceof cec.CecError);
  assert.equal(bad.kind, "validation");
  assert.equal(bad.issues[0].field, "endpoint");
});

test("describeErrorCode resolves endpoint-dependent codes, in both languages", () => {
  const campaign = cec.describeErrorCode("0200007", { endpoint: "callResults" });
  const record = cec.describeErrorCode("0200007", { endpoint: "callResultDetail" });
  assert.match(campaign.message, /campaign/i);
  assert.match(record.message, /record/i);
  assert.equal(cec.describeErrorCode("0200007", { endpoint: "callResultDetail", locale: "zh_CN" }).message, "通话记录ID不存在。");
  assert.deepEqual(Object.keys(cec.describeErrorCode("02000001")).sort(), ["code", "message", "retryable"]);
  assert.equal(cec.describeErrorCode("9999999"), undefined);
  for (const code of ["0200001", "0200008", "0200009", "0200010", "0200011", ...Array.from({ length: 11 }, (_, i) => `020000${String(i + 1).padStart(2, "0")}`)]) {
    for (const locale of ["en_US", "zh_CN"]) {
      const info = cec.describeErrorCode(code, { locale });
      assert.ok(info, `${code} ${locale}`);
      assert.equal(info.code, code);
    }
  }
});

test("signAuthV2 reproduces AUTH.md's profile B vectors (auth.test.mjs has all four)", () => {
  const base = { accessKey: "globalaktest", secretKey: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", host: "10.22.26.181:28080", timestamp: "2024-01-01T00:00:00Z", signing: "B" };
  assert.equal(
    cec.signAuthV2({ ...base, method: "POST", path: "/rest/cmsapp/v1/ping", body: '{"say": "Hello world!"}' }),
    "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf",
  );
  assert.equal(
    cec.signAuthV2({ ...base, method: "GET", path: "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428" }),
    "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576",
  );
  assert.match(cec.signAuthV2({ ...base, timestamp: undefined, method: "GET", path: "/x" }), /^auth-v2\/globalaktest\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\/host\/[0-9a-f]{64}$/);
  // The default profile A: millisecond timestamps, content-type;host on a GET.
  assert.match(cec.signAuthV2({ ...base, signing: undefined, timestamp: undefined, method: "GET", path: "/x" }), /^auth-v2\/globalaktest\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\/content-type;host\/[0-9a-f]{64}$/);
});

test("signAuthV2 rejects bad input with a typed error that never echoes the secret", () => {
  const secret = "s3cr3t-value-never-shown";
  let err;
  try { cec.signAuthV2({ accessKey: "ak", secretKey: secret, method: "GET", path: "/x", signing: { signedHeaders: ["x-evil"] }, signedHeaders: [] }); } catch (e) { err = e; }
  assert.ok(err instanceof cec.CecError);
  assert.equal(err.kind, "validation");
  assert.deepEqual(err.issues.map((i) => i.field).sort(), ["host", "signedHeaders", "signing.signedHeaders[0]"]);
  assert.ok(!JSON.stringify(err).includes(secret));
  assert.ok(!err.message.includes(secret));
});

test("parseCallResultCallback normalises the callback push", () => {
  const items = cec.parseCallResultCallback(
    JSON.stringify([{ campaignId: "3", sessionId: "s1", called: "60584", callTimeStr: "2020-08-30 20:00:00", callStatus: "5", failCode: "00145", vdnId: "11", callId: "0023-1", customField: "null", recordPath: "" }]),
  );
  assert.equal(items.length, 1);
  assert.equal(items[0].callStatus, 5);
  assert.equal(items[0].vdnId, 11);
  assert.equal(items[0].customField, null);
  assert.throws(() => cec.parseCallResultCallback("[{"), (e) => e instanceof cec.CecError && e.kind === "decode");
});
