// Signing: auth-v2 Authorization headers per second through the package's `signAuthV2`, against
// the same two HMAC-SHA256s + normalisation in plain JS with node:crypto
// (bench/baselines/sign-node.mjs), on a real callResults request.
import assert from "node:assert/strict";
import { requirePkg, pairedRuns } from "./lib/common.mjs";
import { signAuthV2Node } from "./baselines/sign-node.mjs";

// AUTH.md's test vectors of profile B (the baseline implements that compact layout): both signers
// must reproduce them before anything is timed.
const VECTORS = [
  {
    input: { method: "POST", path: "/rest/cmsapp/v1/ping", body: '{"say": "Hello world!"}' },
    expected: "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/8ef232472f999730c41a81a19ddef3e7fe148873b2cc48dc1bb251f5f00f5acf",
  },
  {
    input: { method: "GET", path: "/rest/isales/v1/openapi/campaigns/1/callresultdetail/1589167025-134428" },
    expected: "auth-v2/globalaktest/2024-01-01T00:00:00Z/host/40c59237cf00ad2355e5f6b6e4d0d5f11266388c8b07aa57295212cac5a35576",
  },
];
const VECTOR_COMMON = {
  accessKey: "globalaktest",
  secretKey: "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  timestamp: "2024-01-01T00:00:00Z",
  host: "10.22.26.181:28080",
  signing: "B",
};

export async function run({ runs = 9, targetMs = 150 } = {}) {
  const lib = requirePkg();
  for (const v of VECTORS) {
    assert.equal(lib.signAuthV2({ ...VECTOR_COMMON, ...v.input }), v.expected);
    assert.equal(signAuthV2Node({ ...VECTOR_COMMON, ...v.input }), v.expected);
  }
  // What the client signs for one page of an export (fixed timestamp: both sides do the same work).
  const input = {
    accessKey: "cec-demo-ak",
    secretKey: "cec-demo-sk-7c1f2e9a",
    method: "POST",
    path: "/rest/isales/v1/openapi/campaigns/1/callresult/101",
    host: "127.0.0.1:18790",
    body: JSON.stringify({ pageSize: 500, pageNum: 7, showDetail: 0, beginTime: "2026-06-01", endTime: "2026-07-01" }),
    timestamp: "2026-06-15T08:00:00Z",
    signing: "B",
  };
  assert.equal(lib.signAuthV2(input), signAuthV2Node(input));
  const r = pairedRuns(
    {
      signAuthV2: () => lib.signAuthV2(input),
      "node:crypto HMAC-SHA256": () => signAuthV2Node(input),
    },
    { runs, targetMs, ratios: [["signAuthV2", "node:crypto HMAC-SHA256"]] },
  );
  return { input: { ...input, secretKey: "(demo)" }, ...r };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(JSON.parse(process.argv[2] ?? "{}"))));
}
