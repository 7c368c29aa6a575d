// Runs every benchmark section in its own Node process (fresh heap, no JIT state shared between
// sections), prints one table, writes target/bench/results.{json,md} and, with
// --update-readme, the README section between <!-- bench:start --> and <!-- bench:end -->.
//
// Every timing is a ratio against a baseline measured in the same run and a median over repeated
// runs; no timing is asserted (the size budget is, in bench/size-budget.test.mjs). What is: the
// vendor's rule. If cec-sim saw two batches start batchInterval or less apart in an export, this
// exits 1 after printing the figures (and does not touch the README). Needs pkg/ built and
// CEC_SIM_URL pointing at a cec-sim holding ≥ 400k results in one campaign: scripts/bench.sh does both.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { root, benchDir, runChildJson, fmtBytes, fmtMs, fmtUs, fmtInt, median } from "./lib/common.mjs";

const args = new Set(process.argv.slice(2));
const quick = process.env.BENCH_QUICK === "1" || args.has("--quick");
const updateReadme = process.env.BENCH_UPDATE_README === "1" || args.has("--update-readme");

const opts = quick
  ? { micro: { runs: 5, targetMs: 80 }, startup: { processes: 7 }, export: { runs: 1, targets: [100_000, 400_000] } }
  : { micro: { runs: 11, targetMs: 150 }, startup: { processes: 21 }, export: { runs: 3, targets: [100_000, 400_000] } };

// For working on the benches only: BENCH_EXPORT_TARGETS=20000,40000 shortens the export runs.
if (process.env.BENCH_EXPORT_TARGETS) opts.export.targets = process.env.BENCH_EXPORT_TARGETS.split(",").map(Number);

function machine() {
  let model = "unknown";
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? model;
  } catch {
    /* not Linux */
  }
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "js", "scripts", "Cargo.toml", "Cargo.lock"], { cwd: root }).toString().trim();
    if (dirty) commit += " + uncommitted changes";
  } catch {
    /* no git */
  }
  let rustc = "";
  try {
    rustc = execFileSync("rustc", ["--version"]).toString().trim();
  } catch {
    /* fine */
  }
  return { cores: cpus().length, cpu: model, node: process.version, rustc, commit, date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC" };
}

const section = async (name, o) => {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name} ...`);
  const r = await runChildJson([join(benchDir, `${name}.mjs`), JSON.stringify(o ?? {})]);
  process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return r;
};

// --rerender: format the last results again (after editing this file or README-section.md)
// without measuring anything.
const resultsPath = join(root, "target/bench/results.json");
let m, size, startup, decode, sign, exp, totalSec, quickRun, buildSecRun;
if (args.has("--rerender")) {
  ({ machine: m, size, startup, decode, sign, export: exp, totalSec, quick: quickRun, buildSec: buildSecRun } = JSON.parse(
    readFileSync(resultsPath, "utf8"),
  ));
} else {
  const t0 = Date.now();
  m = machine();
  size = await section("size");
  startup = await section("startup", opts.startup);
  decode = await section("decode", opts.micro);
  sign = await section("sign", opts.micro);
  exp = await section("export", opts.export);
  totalSec = (Date.now() - t0) / 1000;
  quickRun = quick;
  // Set by scripts/bench.sh: how long its builds and the simulator's start took.
  buildSecRun = process.env.BENCH_BUILD_SEC === undefined ? null : Number(process.env.BENCH_BUILD_SEC);
}

// ---- formatting ------------------------------------------------------------------------------

/** a ÷ b with the direction spelled out, so nobody has to remember which way is good. */
const ratioCell = (x, { lowerIsBetter = true, words = ["faster", "slower"] } = {}) => {
  if (!Number.isFinite(x)) return "n/a";
  const s = `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
  if (Math.abs(x - 1) < 0.005) return `${s} (same)`;
  const better = lowerIsBetter ? x < 1 : x > 1;
  return `${s} (${better ? words[0] : words[1]})`;
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const perSec = (ns) => `${fmtInt(1e9 / ns)}/s`;

const rows = [];
const row = (bench, lib, baseline, baseValue, ratio) => rows.push([bench, lib, baseline, baseValue, ratio]);

const e = size.entry;
const z = size.zodBaseline;
const sizeWords = { words: ["smaller", "bigger"] };
row("size: browser entry, gzip -9 (wasm + JS glue)", kib(e.total.gzip), "zod + the bench's 2 schemas, esbuild --minify", kib(z.gzip), ratioCell(e.total.gzip / z.gzip, sizeWords));
row("size: browser entry, brotli", kib(e.total.brotli), "same", kib(z.brotli), ratioCell(e.total.brotli / z.brotli, sizeWords));
row("size: browser entry, raw", kib(e.total.raw), "same", kib(z.raw), ratioCell(e.total.raw / z.raw, sizeWords));
row(
  `start-up: import → first validated request (median of ${startup.processes} fresh processes)`,
  fmtMs(startup.lib.median),
  "import zod + callResults request schema, safeParse",
  fmtMs(startup.zod.median),
  ratioCell(startup.ratio),
);
for (const p of decode.pages) {
  const lib = p.results.decodeResponse.median;
  row(`decode: ${p.label}, ${kib(p.bodyBytes)} body`, fmtUs(lib), "(a) JSON.parse alone (floor)", fmtUs(p.results["JSON.parse"].median), ratioCell(p.ratios["decodeResponse/JSON.parse"]));
  row("", "", "(b) JSON.parse + zod (same normalisation)", fmtUs(p.results["JSON.parse + zod"].median), ratioCell(p.ratios["decodeResponse/JSON.parse + zod"]));
}
for (const t of exp.targets) {
  const ofCeiling = (x) => ratioCell(x, { lowerIsBetter: false, words: ["faster", "of the ceiling"] }).replace(/ \(of the ceiling\)| \(faster\)/, " of the ceiling");
  row(
    `export: iterateCallResults, ${fmtInt(t.records)} records, 10 concurrent / 1 s, cold process (median of ${t.runs})`,
    `${fmtInt(t.recordsPerSec)} records/s`,
    `policy ceiling: ${exp.pageSize} × ${exp.limits.maxConcurrency} per ${exp.limits.batchIntervalMs} ms`,
    `${fmtInt(exp.ceiling)} records/s`,
    ofCeiling(t.ratioToCeiling),
  );
  if (Number.isFinite(t.warmRatioToCeiling)) {
    row(
      `export: the same, warm (the same client again, 1.1 s later)`,
      `${fmtInt(t.warmRatioToCeiling * exp.ceiling)} records/s`,
      "same",
      `${fmtInt(exp.ceiling)} records/s`,
      ofCeiling(t.warmRatioToCeiling),
    );
  }
}
const [e100] = exp.targets;
for (const t of exp.targets) {
  row(
    `export: peak RSS of the Node process, ${fmtInt(t.records)} records`,
    mib(t.maxRssKb),
    t === e100 ? "same process before iterating (after import + client)" : `the ${fmtInt(e100.records)}-record export`,
    t === e100 ? mib(t.rssStartKb) : mib(e100.maxRssKb),
    t === e100 ? `+${mib(t.maxRssKb - t.rssStartKb)}` : ratioCell(t.maxRssKb / e100.maxRssKb, { words: ["smaller", "bigger"] }),
  );
}
const sl = sign.results.signAuthV2.median;
const sn = sign.results["node:crypto HMAC-SHA256"].median;
row("signing: auth-v2 signatures per second (signAuthV2)", perSec(sl), "node:crypto, same 2 HMAC-SHA256 + normalisation", perSec(sn), ratioCell(sn / sl, { lowerIsBetter: false, words: ["faster", "the rate, slower"] }).replace("× (the rate, slower)", "× the rate (slower)").replace("× (faster)", "× the rate (faster)"));

const md = [];
md.push(`Measured ${m.date} on ${m.cores} cores, ${m.cpu}, Node ${m.node.replace(/^v/, "")} (${m.rustc}; commit ${m.commit})${quickRun ? ", QUICK mode (fewer runs)" : ""}.`);
const buildSec = buildSecRun ?? NaN;
md.push(
  "`npm run bench` took " +
    `${Math.round(totalSec)} s measuring` +
    (Number.isFinite(buildSec) ? ` + ${Math.round(buildSec)} s of (incremental) builds and start-up = ${Math.round(totalSec + buildSec)} s.` : " (builds excluded)."),
);
md.push("Ratios are cec-calldata ÷ baseline, both measured in the same run; times are medians over repeated runs.");
md.push("");
md.push("| benchmark | cec-calldata | baseline | baseline figure | ratio |");
md.push("|---|---:|---|---:|---|");
for (const r of rows) md.push(`| ${r.join(" | ")} |`);

md.push("");
md.push(`Size budget (bench/size-budget.json, checked by \`bench/size-budget.test.mjs\`): ${e.total.gzip} B gzipped now, budget ${size.budget.budgetGzipBytes} B (set at ${size.budget.measuredGzipBytes} B + 10%).`);
md.push("");
md.push("| browser entry file | raw | gzip -9 | brotli |");
md.push("|---|---:|---:|---:|");
for (const f of e.files) md.push(`| ${f.file} | ${fmtBytes(f.raw)} | ${fmtBytes(f.gzip)} | ${fmtBytes(f.brotli)} |`);
md.push(`| **total** | ${fmtBytes(e.total.raw)} | ${fmtBytes(e.total.gzip)} | ${fmtBytes(e.total.brotli)} |`);

const tw = size.twiggy;
if (tw.available) {
  md.push("");
  md.push(
    `Biggest contributors (\`twiggy top\` on ${tw.file}, ${fmtBytes(tw.fileBytes)}, un-optimised so names survive; ` +
      `the ${fmtBytes(tw.strippedBytes)} name section that wasm-opt strips is left out, % are of the remaining ${fmtBytes(tw.shippedItemsBytes)}):`,
  );
  md.push("");
  md.push("| # | bytes | % | item |");
  md.push("|---:|---:|---:|---|");
  tw.top.forEach((t, i) => md.push(`| ${i + 1} | ${t.bytes} | ${t.pct.toFixed(1)} | \`${t.name.replace(/\|/g, "\\|").replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "")}\` |`));
  md.push("");
  md.push("By crate: " + tw.crates.map((c) => `${c.crate} ${kib(c.bytes)} (${c.pct.toFixed(0)}%)`).join(", ") + ".");
  if (tw.monos.length) {
    md.push("");
    md.push(
      "Monomorphisation bloat (`twiggy monos`): " +
        tw.monos
          .slice(0, 5)
          .map((x) => `\`${x.generic.replace(/<impl [^>]*>|\[[0-9a-f]{16}\]/g, "…").slice(0, 90)}\` ${x.copies} copies, ${kib(x.bloatBytes)} bloat`)
          .join("; ") +
        ".",
    );
  }
}

md.push("");
md.push(
  "Decode, where the time goes (medians). decodeResponse takes the transcoder route (cec-transcode: body → normalised JSON text in one pass → JSON.parse); " +
    "the probe rows (bench/decode-probe) price the typed decoder exported without the JS boundary, the route the package falls back to for unusual bodies (errors, non-success envelopes, floats, wide integers, duplicate keys):",
);
md.push("");
const probeKeys = [
  ["JSON.parse", "JSON.parse alone"],
  ["JSON.parse + zod", "JSON.parse + zod"],
  ["probe: parse only (wasm)", "for comparison: copy body in + parse to a serde_json::Value only"],
  ["probe: decode (wasm, no JS objects)", "typed fallback: its Rust work (copy in, one path-tracked pass to the typed model)"],
  ["decodeResponse", "decodeResponse (copy in, transcode to normalised JSON text, JSON.parse builds the objects)"],
  ["JSON path: wasm decode → JSON text → JSON.parse", "typed fallback, whole route (decode → JSON text → JSON.parse)"],
  ["JSON.parse(normalised text)", "JSON.parse of the normalised JSON text alone"],
  ["probe-o3: decode (wasm, no JS objects)", "typed fallback's Rust work built with opt-level 3 instead of \"z\""],
  ["probe-o3: direct typed decode (wasm)", "opt-level 3, typed model straight from text (no Value, no path tracking)"],
];
const present = probeKeys.filter(([k]) => decode.pages.every((p) => p.results[k]));
md.push(`| step | ${decode.pages.map((p) => `${p.records} records`).join(" | ")} |`);
md.push(`|---|${decode.pages.map(() => "---:").join("|")}|`);
for (const [k, label] of present) md.push(`| ${label} | ${decode.pages.map((p) => fmtUs(p.results[k].median)).join(" | ")} |`);
{
  // The same split in words, from this run's figures (first page: the 500-record one).
  const p = decode.pages[0];
  const g = (k) => p.results[k]?.median;
  const lib = g("decodeResponse");
  const zod = g("JSON.parse + zod");
  const parse = g("probe: parse only (wasm)");
  const rust = g("probe: decode (wasm, no JS objects)");
  const jsonPath = g("JSON path: wasm decode → JSON text → JSON.parse");
  const textParse = g("JSON.parse(normalised text)");
  if (lib && textParse) {
    const pct = (x) => `${Math.round((100 * x) / lib)}%`;
    const s = [
      `For the ${p.records}-record page, decodeResponse takes ${fmtUs(lib)} (${(lib / zod).toFixed(2)}× JSON.parse + zod): ` +
        `the engine's JSON.parse of the normalised text is ${fmtUs(textParse)} (${pct(textParse)}), a floor for any route that hands JS plain objects; ` +
        `the other ${fmtUs(lib - textParse)} (${pct(lib - textParse)}) is the copy into wasm (one TextEncoder.encodeInto) and cec-transcode's single pass ` +
        `(built at opt-level 3), plus the boundary.`,
    ];
    if (rust && jsonPath) {
      s.push(
        `The typed fallback would take ${fmtUs(jsonPath)} for the same page (${(jsonPath / zod).toFixed(1)}× zod), ${fmtUs(rust)} of it Rust work at opt-level "z"` +
          (parse ? ` (parsing into a serde_json::Value alone: ${fmtUs(parse)})` : "") +
          "; the fuzz stage (tests/fuzz_decode.rs) checks on generated and mutated bodies that both routes give the same text and the same errors.",
      );
    }
    const o3 = g("probe-o3: decode (wasm, no JS objects)");
    const direct = g("probe-o3: direct typed decode (wasm)");
    if (rust && o3 && direct) {
      s.push(
        `At opt-level 3 the typed fallback's Rust work takes ${fmtUs(o3)} instead of ${fmtUs(rust)}, ` +
          `and a single pass straight from text to the typed model (no Value, no path tracking) ${fmtUs(direct)}.`,
      );
    }
    md.push("");
    md.push(s.join(" "));
  }
}

md.push("");
md.push("Export runs (cec-sim, zero added latency; the sim's own view of the traffic):");
md.push("");
md.push("| records | date range (windows) | requests | batches (fewest possible) | max batch | min gap between batch starts: sim (client) | ratio to the ceiling, each run: cold / warm | time | RSS before → peak | JS heap peak used / total | external peak | heap used after a full GC at each 100k |");
md.push("|---:|---|---:|---:|---:|---:|---|---:|---|---:|---:|---|");
for (const t of exp.targets) {
  const ret = (t.retained ?? []).map((x) => `${x.heapUsedMb.toFixed(1)}`).join(", ");
  md.push(
    `| ${fmtInt(t.records)} | ${t.range.beginTime}..${t.range.endTime} (${t.range.windows}) | ${t.requests} | ${t.batches} (${t.minBatches}) | ${t.maxBatchSize} | ${Math.round(t.minBatchGapMs)} ms (${Number.isFinite(t.clientMinBatchGapMs) ? `${Math.round(t.clientMinBatchGapMs)} ms` : "n/a"}) | ${(t.ratiosCold ?? []).map((c, i) => `${c.toFixed(3)} / ${(t.ratiosWarm?.[i] ?? NaN).toFixed(3)}`).join(", ")} | ${(t.ms / 1000).toFixed(1)} s | ${mib(t.rssStartKb)} → ${mib(t.maxRssKb)} | ${t.heapPeakMb.toFixed(0)} / ${t.heapTotalPeakMb.toFixed(0)} MiB | ${t.externalPeakMb.toFixed(0)} MiB | ${ret ? `${ret} MiB` : "n/a"} |`,
  );
}
md.push("");
{
  const s = [];
  const ret = exp.targets.flatMap((t) => t.retained ?? []).map((x) => x.heapUsedMb);
  const first = exp.targets[0];
  const last = exp.targets[exp.targets.length - 1];
  if (ret.length) {
    s.push(
      `Memory: peak RSS goes from ${mib(first.maxRssKb)} (${fmtInt(first.records)} records) to ${mib(last.maxRssKb)} (${fmtInt(last.records)}) ` +
        `because V8 collects lazily (JS heap total ${first.heapTotalPeakMb.toFixed(0)} → ${last.heapTotalPeakMb.toFixed(0)} MiB), ` +
        `but what survives a full GC stays between ${Math.min(...ret).toFixed(1)} and ${Math.max(...ret).toFixed(1)} MiB at every 100k records: the iterator streams; nothing accumulates.`,
    );
  }
  const gap = Math.min(...exp.targets.map((t) => t.minBatchGapMs));
  const clientGap = Math.min(...exp.targets.map((t) => t.clientMinBatchGapMs ?? Infinity));
  s.push(
    `"min gap" is the simulator's measure over every run (cold, the pause, warm): first arrival of a batch to the first arrival of the next (arrivals within 250 ms form one batch); ` +
      `in brackets the same on the client's clock, from when each request was handed to fetch (the \`onRequest\` hook), cold runs. The vendor asks for more than ${exp.limits.batchIntervalMs} ms` +
      (gap <= exp.limits.batchIntervalMs
        ? `. In this run the simulator saw two batches start ${Math.round(gap)} ms apart` +
          (Number.isFinite(clientGap) ? ` while the client handed them to fetch at least ${Math.round(clientGap)} ms apart` : "") +
          `: the bench FAILED. The gate starts a batch only after the previous batch's first answer, which the server cannot send before it saw that batch, so such a gap means requests of one batch reached the server more than 250 ms apart (the simulator then counts two batches).`
        : "; every gap in this run was above it (the bench fails the run otherwise)."),
  );
  md.push(s.join(" "));
  // Where the export's time goes, from the client-side timings of the cold runs.
  const runs = exp.targets.flatMap((t) => t.perRun ?? []).filter((r) => r.clientSide?.gapMs);
  if (runs.length) {
    const answer = median(runs.map((r) => r.clientSide.firstAnswerMs.p50));
    const gapP50 = median(runs.map((r) => r.clientSide.gapMs.p50));
    const lone = runs.filter((r) => /^0:1\b/.test(r.clientSide.partial ?? "")).length;
    md.push("");
    md.push(
      `Where the export's time goes: the gate starts a batch ${exp.limits.batchIntervalMs} ms + 25 ms after the previous batch's first answer ` +
        `(the server has seen that batch by then, whatever the delays on the way), and that answer came a median ${answer.toFixed(0)} ms after its batch was sent ` +
        `(cec-sim selecting a page out of ${fmtInt(exp.simCalls)} calls on this machine), so batches started a median ${gapP50.toFixed(0)} ms apart: ` +
        `about ${exp.limits.batchIntervalMs} ÷ ${gapP50.toFixed(0)} = ${(exp.limits.batchIntervalMs / gapP50).toFixed(2)} of the ceiling for full batches. ` +
        `In ${lone} of ${runs.length} cold runs the first batch carried a single request: a new client's first call probes the auth-v2 profile (\`signing: "auto"\`) ` +
        `alone, and when its answer comes after the gate's 100 ms join window the other pages go one batch (about a second) later. ` +
        `Warm runs, and clients with \`isales.signing\` set, do not pay it.`,
    );
  }
}

const text = md.join("\n");
const outDir = join(root, "target/bench");
mkdirSync(outDir, { recursive: true });
if (!args.has("--rerender")) {
  writeFileSync(resultsPath, JSON.stringify({ machine: m, quick: quickRun, totalSec, buildSec: buildSecRun, size, startup, decode, sign, export: exp }, null, 2));
}
writeFileSync(join(outDir, "results.md"), `${text}\n`);
console.log(`\n${text}\n`);
console.log(`(written to target/bench/results.md and results.json)`);

// The vendor's rule is not a figure to report: a run that broke it fails the bench.
const violations = exp.violations ?? [];
if (violations.length) {
  console.error(`\nFAILED: the simulator saw batches start ${exp.limits.batchIntervalMs} ms apart or less:\n  ${violations.join("\n  ")}`);
  process.exitCode = 1;
}

if (updateReadme && violations.length) {
  console.error("README.md not updated: the run broke the vendor's rule");
} else if (updateReadme) {
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error("README.md has no <!-- bench:start --> ... <!-- bench:end --> section");
  const intro = readFileSync(join(benchDir, "README-section.md"), "utf8").trim();
  writeFileSync(readmePath, `${readme.slice(0, i + start.length)}\n${intro}\n\n${text}\n${readme.slice(j)}`);
  console.log("README.md performance section updated");
}
