// Shared helpers of the benchmarks: paths, statistics, repeated paired runs, child processes and
// signed requests to cec-sim. Timings are only ever reported, never asserted.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const pkgDir = join(root, "pkg");
export const benchDir = join(root, "bench");
/** The Node ES-module entry of the built package, as a user's `import "cec-calldata"` gets it. */
export const pkgEsmUrl = pathToFileURL(join(pkgDir, "index.node.mjs")).href;
export const requirePkg = () => createRequire(import.meta.url)(join(pkgDir, "index.cjs"));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times `fn` in a loop of `iters` calls; returns nanoseconds per call. The result of every call
 * goes into a sink so the work cannot be optimised away.
 */
export function timeLoop(fn, iters) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) {
    const r = fn();
    sink = (sink + (r === undefined || r === null ? 1 : typeof r === "number" ? r : 1)) | 0;
  }
  const ns = Number(process.hrtime.bigint() - t0) / iters;
  globalThis.__benchSink = sink;
  return ns;
}

/** How many iterations of `fn` take about `targetMs` (after a warm-up of the same size). */
export function calibrate(fn, targetMs = 150) {
  let iters = 1;
  for (;;) {
    const ns = timeLoop(fn, iters) * iters;
    if (ns >= targetMs * 1e6 / 8 || iters >= 1 << 24) {
      return Math.max(1, Math.round((iters * targetMs * 1e6) / Math.max(ns, 1)));
    }
    iters *= 2;
  }
}

/**
 * Paired micro-benchmark: `contenders` is { name: fn }. Each run times every contender once
 * (the order rotates from run to run, so drift on a shared machine hits all of them alike).
 * Returns { name: { perRun: ns[], median: ns } } plus, for each pair asked for in `ratios`
 * ([a, b] → a/b), the median of the per-run ratios.
 */
export function pairedRuns(contenders, { runs = 9, targetMs = 150, ratios = [] } = {}) {
  const names = Object.keys(contenders);
  const iters = {};
  for (const n of names) {
    contenders[n](); // first call: JIT, lazy init
    iters[n] = calibrate(contenders[n], targetMs);
    timeLoop(contenders[n], iters[n]); // warm-up at full size
  }
  const perRun = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < runs; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const n of order) perRun[n].push(timeLoop(contenders[n], iters[n]));
  }
  const out = { iters, runs, results: {}, ratios: {} };
  for (const n of names) out.results[n] = { perRun: perRun[n], median: median(perRun[n]) };
  for (const [a, b] of ratios) {
    out.ratios[`${a}/${b}`] = median(perRun[a].map((x, i) => x / perRun[b][i]));
  }
  return out;
}

/** Runs `node args...` and resolves with { code, stdout, stderr }. */
export function runNode(args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: cwd ?? root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a child script that prints one JSON line last; returns that object or throws. */
export async function runChildJson(args, opts) {
  const r = await runNode(args, opts);
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.code !== 0) throw new Error(`node ${args.join(" ")} exited ${r.code}\n${r.stderr}\n${r.stdout}`);
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`node ${args.join(" ")} printed no JSON result:\n${r.stdout}\n${r.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// cec-sim access

export const simUrl = () => {
  const u = process.env.CEC_SIM_URL;
  if (!u) throw new Error("CEC_SIM_URL is not set (scripts/bench.sh starts cec-sim and sets it)");
  return u.replace(/\/$/, "");
};

export async function simJson(path) {
  const r = await fetch(`${simUrl()}${path}`);
  if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`);
  return r.json();
}

/**
 * One signed callResults request to cec-sim, through `signAuthV2` of the package: returns the
 * response body text exactly as received.
 */
export async function fetchCallResultsBody(lib, creds, { vdnId, campaignId, body }) {
  const base = new URL(simUrl());
  const path = `/rest/isales/v1/openapi/campaigns/${vdnId}/callresult/${campaignId}`;
  const text = JSON.stringify(body);
  const authorization = lib.signAuthV2({
    accessKey: creds.ak,
    secretKey: creds.sk,
    method: "POST",
    path,
    host: base.host,
    body: text,
  });
  const r = await fetch(`${base.origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=UTF-8", Authorization: authorization },
    body: text,
  });
  const out = await r.text();
  if (!r.ok) throw new Error(`callResults: HTTP ${r.status}: ${out}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// formatting

export const fmtBytes = (n) => (n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);
export const fmtMs = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
export const fmtUs = (ns) => {
  const us = ns / 1e3;
  return us >= 1000 ? fmtMs(us / 1e3) : us >= 10 ? `${us.toFixed(0)} µs` : `${us.toFixed(2)} µs`;
};
export const fmtInt = (n) => Math.round(n).toLocaleString("en-US");
