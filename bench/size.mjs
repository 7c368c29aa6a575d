// Size of the browser entry (raw, gzip -9, brotli) against the size budget, against a pure-JS
// baseline (the bench's zod schemas bundled and minified with esbuild), and the map of where the
// bytes go (twiggy on the un-optimised wasm-bindgen output, which keeps function names).
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { measureBrowserEntry, compressedSizes } from "./lib/size.mjs";
import { root, pkgDir, benchDir } from "./lib/common.mjs";

const UNOPT_WASM = join(root, "target/pkg-build/web/cec_calldata_bg.wasm");

/** What the pure-JS route ships: zod + the callResults request and response schemas, minified. */
async function zodBaseline() {
  const { build } = await import("esbuild");
  const entry = `
    export { callResultsRequest } from ${JSON.stringify(join(benchDir, "baselines/zod-call-results-request.mjs"))};
    export { callResultsResponse } from ${JSON.stringify(join(benchDir, "baselines/zod-call-results-response.mjs"))};
  `;
  const r = await build({
    stdin: { contents: entry, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return compressedSizes(Buffer.from(r.outputFiles[0].contents));
}

function twiggyBin() {
  for (const p of [process.env.TWIGGY, join(process.env.HOME ?? "", ".cargo/bin/twiggy"), "twiggy"]) {
    if (!p) continue;
    try {
      execFileSync(p, ["--version"], { stdio: "ignore" });
      return p;
    } catch {
      /* try the next */
    }
  }
  return null;
}

// Custom sections that wasm-opt --strip-debug removes: not shipped, so not part of the map.
const isStrippedSection = (name) => /"(function|local|global|type|data|elem) names" subsection|custom section "(name|producers|target_features)"/.test(name) || /subsection$/.test(name);

/** `core[c593..]::num::..` → core; `<dlmalloc[..]::Dlmalloc<..>>::malloc` → dlmalloc. */
function crateOf(name) {
  if (name.startsWith("data segment")) return "(data segments)";
  if (/^(import|export|table|memory|global|elem|type|code section headers|wasm magic bytes|custom section)/.test(name)) return "(wasm structure)";
  const m = /^[<&\s]*(?:dyn |impl |mut )?([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (!m) return "(other)";
  const crate = m[1];
  return /^[a-z_][a-z0-9_]*$/.test(crate) ? crate : "(other)";
}

export function twiggyMap(n = 15) {
  const bin = twiggyBin();
  if (!bin || !existsSync(UNOPT_WASM)) return { available: false, reason: bin ? `${UNOPT_WASM} missing` : "twiggy not installed" };
  const items = JSON.parse(execFileSync(bin, ["top", "-f", "json", UNOPT_WASM], { maxBuffer: 64 << 20 }).toString());
  const shipped = items.filter((i) => !isStrippedSection(i.name));
  const stripped = items.filter((i) => isStrippedSection(i.name));
  const total = shipped.reduce((a, i) => a + i.shallow_size, 0);
  const top = shipped.slice(0, n).map((i) => ({ name: i.name, bytes: i.shallow_size, pct: (100 * i.shallow_size) / total }));
  const byCrate = new Map();
  for (const i of shipped) byCrate.set(crateOf(i.name), (byCrate.get(crateOf(i.name)) ?? 0) + i.shallow_size);
  const crates = [...byCrate.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([crate, bytes]) => ({ crate, bytes, pct: (100 * bytes) / total }));
  let monos = [];
  try {
    const m = JSON.parse(execFileSync(bin, ["monos", "-f", "json", "-n", "5", UNOPT_WASM], { maxBuffer: 64 << 20 }).toString());
    monos = m
      .filter((x) => x.generic && !/^\.\.\.|^Σ/.test(x.generic))
      .map((x) => ({ generic: x.generic, copies: x.monomorphizations?.length ?? null, bloatBytes: x.approximate_monomorphization_bloat_bytes, totalBytes: x.total_size }));
  } catch {
    /* monos is a bonus */
  }
  return {
    available: true,
    file: "target/pkg-build/web/cec_calldata_bg.wasm",
    fileBytes: readFileSync(UNOPT_WASM).length,
    strippedBytes: stripped.reduce((a, i) => a + i.shallow_size, 0),
    shippedItemsBytes: total,
    top,
    crates,
    monos,
  };
}

export async function run() {
  const m = measureBrowserEntry(pkgDir);
  const budget = JSON.parse(readFileSync(join(benchDir, "size-budget.json"), "utf8"));
  const zod = await zodBaseline();
  return { entry: m, budget, zodBaseline: zod, twiggy: twiggyMap(15) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run()));
}
