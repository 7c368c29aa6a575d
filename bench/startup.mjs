// Start-up: time from `import` to the first validated callResults request in a fresh Node
// process (N fresh processes each, interleaved), against importing the zod baseline that
// enforces the same rules. Before timing, both must agree on every case of REQUEST_CASES.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, pkgEsmUrl, requirePkg, runChildJson, median } from "./lib/common.mjs";
import { callResultsRequest } from "./baselines/zod-call-results-request.mjs";
import { REQUEST_CASES } from "./baselines/request-cases.mjs";

const ZOD_URL = pathToFileURL(join(benchDir, "baselines/zod-call-results-request.mjs")).href;

export async function run({ processes = 21 } = {}) {
  const lib = requirePkg();
  for (const c of REQUEST_CASES) {
    const a = lib.validateCallResultsRequest(c).length === 0;
    const b = callResultsRequest.safeParse(c).success;
    assert.equal(a, b, `validator and zod baseline disagree on ${JSON.stringify(c)}`);
  }
  const libRuns = [];
  const zodRuns = [];
  // One warm-up each (file system cache), not counted.
  await runChildJson([join(benchDir, "startup/child-lib.mjs"), pkgEsmUrl]);
  await runChildJson([join(benchDir, "startup/child-zod.mjs"), ZOD_URL]);
  for (let i = 0; i < processes; i++) {
    // Alternate which goes first so slow periods on a shared machine hit both alike.
    const pair = [
      async () => libRuns.push(await runChildJson([join(benchDir, "startup/child-lib.mjs"), pkgEsmUrl])),
      async () => zodRuns.push(await runChildJson([join(benchDir, "startup/child-zod.mjs"), ZOD_URL])),
    ];
    if (i % 2) pair.reverse();
    for (const f of pair) await f();
  }
  const lib_ = libRuns.map((r) => r.ms);
  const zod_ = zodRuns.map((r) => r.ms);
  return {
    processes,
    cases: REQUEST_CASES.length,
    lib: { perRun: lib_, median: median(lib_) },
    zod: { perRun: zod_, median: median(zod_) },
    bootMs: median(libRuns.concat(zodRuns).map((r) => r.bootMs)),
    ratio: median(lib_.map((x, i) => x / zod_[i])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(JSON.parse(process.argv[2] ?? "{}"))));
}
