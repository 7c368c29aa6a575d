// Resets bench/size-budget.json to the browser entry's current gzipped size + 10%, recording the
// measured figure next to it. Run after `bash scripts/build-pkg.sh`, and commit the change with
// the reason the package grew (or shrank).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { measureBrowserEntry } from "./lib/size.mjs";
import { root, pkgDir, benchDir } from "./lib/common.mjs";

const m = measureBrowserEntry(pkgDir);
let commit = "unknown";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
} catch {
  /* no git */
}
const budget = {
  $comment:
    "Gzip -9 size budget of the browser entry (index.web.js, web.js, runtime.js, cec_calldata_web.js, cec_calldata_bg.wasm, each compressed on its own). bench/size-budget.test.mjs fails above budgetGzipBytes. Set to the measured size + 10% by `node bench/set-size-budget.mjs`.",
  budgetGzipBytes: Math.round(m.total.gzip * 1.1),
  measuredGzipBytes: m.total.gzip,
  measuredBrotliBytes: m.total.brotli,
  measuredRawBytes: m.total.raw,
  measuredFiles: Object.fromEntries(m.files.map((f) => [f.file, { raw: f.raw, gzip: f.gzip, brotli: f.brotli }])),
  measuredOn: `${new Date().toISOString().slice(0, 10)} (based on commit ${commit} + working tree)`,
};
writeFileSync(join(benchDir, "size-budget.json"), `${JSON.stringify(budget, null, 2)}\n`);
console.log(`bench/size-budget.json: measured ${m.total.gzip} B gzipped, budget ${budget.budgetGzipBytes} B`);
