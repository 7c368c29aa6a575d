// The CommonJS entry: require() works with no init call.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const cec = require("cec-calldata");

test("require() gives a ready module", () => {
  assert.deepEqual(cec.validateCallRecordsRequest({ vdnId: 1, callId: "1688028889-836" }), []);
  const issues = cec.validateCallRecordsRequest({ vdnId: 10000 });
  assert.deepEqual(issues.map((i) => [i.field, i.rule, i.code]).sort(), [["callId", "required", "02000001"], ["vdnId", "range", "02000007"]]);
});

test("errors thrown from wasm are CecError instances under require() too", () => {
  assert.throws(() => cec.decodeResponse("callRecords", "not json"), (e) => e instanceof cec.CecError && e.kind === "decode");
});
