// Size budget of the browser entry (node:test; scripts/test.sh runs it after building pkg/).
// Fails when the gzipped total of what `import "cec-calldata"` downloads in a browser exceeds the
// budget in bench/size-budget.json. Sizes are deterministic for a given build, unlike timings:
// this is the only benchmark figure that is asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measureBrowserEntry } from "./lib/size.mjs";
import { root, pkgDir, fmtBytes } from "./lib/common.mjs";

const budget = JSON.parse(readFileSync(join(root, "bench/size-budget.json"), "utf8"));

test("browser entry (wasm + JS glue) stays within the gzip size budget", (t) => {
  const m = measureBrowserEntry(pkgDir);
  for (const f of m.files) {
    t.diagnostic(`${f.file.padEnd(22)} raw ${fmtBytes(f.raw).padStart(10)}  gzip ${fmtBytes(f.gzip).padStart(10)}  brotli ${fmtBytes(f.brotli).padStart(10)}`);
  }
  t.diagnostic(
    `total gzip ${m.total.gzip} B (budget ${budget.budgetGzipBytes} B, recorded ${budget.measuredGzipBytes} B on ${budget.measuredOn})`,
  );
  assert.ok(
    Number.isInteger(budget.budgetGzipBytes) && budget.budgetGzipBytes > 0,
    "bench/size-budget.json must hold a positive integer budgetGzipBytes",
  );
  assert.ok(
    m.total.gzip <= budget.budgetGzipBytes,
    `the browser entry is ${m.total.gzip} B gzipped, over the budget of ${budget.budgetGzipBytes} B ` +
      `(bench/size-budget.json; measured ${budget.measuredGzipBytes} B when it was set). ` +
      `Find what grew with \`twiggy top\` (npm run bench prints the biggest contributors), ` +
      `or raise the budget in the same commit with the reason.`,
  );
});
