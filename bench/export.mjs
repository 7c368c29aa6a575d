// Export: `iterateCallResults` over ≥100,000 and ≥400,000 call results of one campaign of cec-sim
// (zero added latency), with the vendor's limits on (10 concurrent, 1 s between batches), each
// run in a fresh child process (cold), then again in the same process with the same client
// (warm). Reports records/s against the policy's ceiling (pageSize × maxConcurrency per
// batchInterval) and the peak RSS of the process, which must stay flat from 100k to 400k records
// because the iterator streams. Every run also checks the vendor's rule as the simulator measured
// it: `violations` lists each run in which two batches started batchInterval or less apart
// (bench/run.mjs then fails the whole bench).
import { join } from "node:path";
import { benchDir, pkgEsmUrl, requirePkg, runChildJson, median, simJson, simUrl, fetchCallResultsBody } from "./lib/common.mjs";

const PAGE_SIZE = 500; // showDetail 0: the largest page the docs allow, the iterator's default
const SHOW_DETAIL = 0;

const addDays = (ymd, n) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const dayDiff = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** RELATED.md's windows of [begin, end): [d, d+30), [d+30, d+60), ..., the last cut at end. */
function windows(begin, end) {
  const out = [];
  for (let d = begin; d < end; d = addDays(d, 30)) {
    const e = addDays(d, 30) < end ? addDays(d, 30) : end;
    out.push([d, e]);
  }
  return out;
}

/**
 * The shortest range [first day, end) of campaign `c` whose results number at least `target`,
 * with the exact count the iterator must yield (each window's totalCount, asked with pageSize 1).
 */
async function rangeFor(lib, creds, c, target) {
  const cache = new Map();
  const windowTotal = async (b, e) => {
    const key = `${b}/${e}`;
    if (!cache.has(key)) {
      const body = await fetchCallResultsBody(lib, creds, {
        vdnId: c.vdnId,
        campaignId: c.campaignId,
        body: { pageSize: 1, pageNum: 1, showDetail: SHOW_DETAIL, beginTime: b, endTime: e },
      });
      cache.set(key, lib.decodeResponse("callResults", body).totalCount ?? 0);
    }
    return cache.get(key);
  };
  const total = async (b, e) => {
    let n = 0;
    for (const [x, y] of windows(b, e)) n += await windowTotal(x, y);
    return n;
  };
  const begin = c.firstCallDate;
  let lo = 1;
  let hi = dayDiff(begin, addDays(c.lastCallDate, 1));
  if ((await total(begin, addDays(begin, hi))) < target) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((await total(begin, addDays(begin, mid))) >= target) hi = mid;
    else lo = mid + 1;
  }
  const endTime = addDays(begin, lo);
  const perWindow = [];
  for (const [x, y] of windows(begin, endTime)) perWindow.push(await windowTotal(x, y));
  const pages = perWindow.reduce((a, n) => a + Math.max(1, Math.ceil(n / PAGE_SIZE)), 0);
  return {
    beginTime: begin,
    endTime,
    days: lo,
    windows: perWindow.length,
    expected: perWindow.reduce((a, n) => a + n, 0),
    pages,
  };
}

async function simPost(path) {
  const r = await fetch(`${simUrl()}${path}`, { method: "POST" });
  if (!r.ok) throw new Error(`POST ${path}: HTTP ${r.status}`);
}

export async function run({ targets = [100_000, 400_000], runs = 3 } = {}) {
  const lib = requirePkg();
  const ds = await simJson("/__sim/dataset");
  const creds = ds.credentials.isales;
  const limits = { maxConcurrency: 10, batchIntervalMs: 1000 };
  const ceiling = (PAGE_SIZE * limits.maxConcurrency * 1000) / limits.batchIntervalMs;
  // The campaign with the most sessions holds the most final results (showDetail 0).
  const c = [...ds.campaigns].sort((a, b) => b.sessions - a.sessions)[0];
  const violations = [];
  const out = { campaign: { vdnId: c.vdnId, campaignId: c.campaignId }, simCalls: ds.calls, pageSize: PAGE_SIZE, limits, ceiling, targets: [], violations };

  for (const target of targets) {
    const range = await rangeFor(lib, creds, c, target);
    if (!range) throw new Error(`campaign ${c.campaignId} holds fewer than ${target} results: start cec-sim with more --calls`);
    const job = {
      pkgUrl: pkgEsmUrl,
      simUrl: simUrl(),
      ak: creds.ak,
      sk: creds.sk,
      vdnId: c.vdnId,
      campaignId: c.campaignId,
      beginTime: range.beginTime,
      endTime: range.endTime,
      showDetail: SHOW_DETAIL,
      limits,
      warm: true,
    };
    const perRun = [];
    for (let i = 0; i < runs; i++) {
      await simPost("/__sim/reset");
      const r = await runChildJson(["--expose-gc", join(benchDir, "export/child.mjs"), JSON.stringify(job)]);
      const stats = await simJson("/__sim/stats");
      if (r.records !== range.expected) {
        throw new Error(`export of ${range.beginTime}..${range.endTime} yielded ${r.records} records, the server holds ${range.expected}`);
      }
      if (!r.ordered) throw new Error("export yielded records out of (callTimeStr, callId) order");
      if (r.warm.records !== range.expected) throw new Error(`the warm export yielded ${r.warm.records} records, the server holds ${range.expected}`);
      // The cold run's own figures come from the stats the child read right after it; the whole
      // process's (cold, the pause, warm) from the stats read now.
      const cold = r.sim;
      const gap = stats.minBatchGapMs ?? Infinity;
      if (gap <= limits.batchIntervalMs) {
        violations.push(`${range.expected} records, run ${i + 1}: two batches started ${gap} ms apart (cold run alone: ${cold.minBatchGapMs} ms)`);
      }
      perRun.push({
        ...r,
        recordsPerSec: r.records / (r.ms / 1000),
        requests: cold.requests.callResults,
        batches: cold.batches,
        maxBatchSize: stats.maxBatchSize,
        maxInFlight: stats.maxInFlight,
        minBatchGapMs: cold.minBatchGapMs,
        processMinBatchGapMs: stats.minBatchGapMs,
        warmRecordsPerSec: r.warm.records / (r.warm.ms / 1000),
        warmRequests: stats.requests.callResults - cold.requests.callResults,
        warmBatches: stats.batches - cold.batches,
      });
    }
    const med = (k) => median(perRun.map((r) => r[k]));
    out.targets.push({
      target,
      range,
      runs,
      perRun,
      records: range.expected,
      ms: med("ms"),
      recordsPerSec: med("recordsPerSec"),
      ratioToCeiling: median(perRun.map((r) => r.recordsPerSec / ceiling)),
      warmRatioToCeiling: median(perRun.map((r) => r.warmRecordsPerSec / ceiling)),
      ratiosCold: perRun.map((r) => r.recordsPerSec / ceiling),
      ratiosWarm: perRun.map((r) => r.warmRecordsPerSec / ceiling),
      maxRssKb: med("maxRssKb"),
      rssStartKb: med("rssStartKb"),
      heapPeakMb: med("heapPeakMb"),
      requests: med("requests"),
      batches: med("batches"),
      maxBatchSize: Math.max(...perRun.map((r) => r.maxBatchSize)),
      maxInFlight: Math.max(...perRun.map((r) => r.maxInFlight)),
      minBatchGapMs: Math.min(...perRun.map((r) => r.processMinBatchGapMs ?? Infinity)),
      // The same gap on the client's clock (when each request was handed to fetch).
      clientMinBatchGapMs: Math.min(...perRun.map((r) => r.clientSide?.minGapMs ?? Infinity)),
      heapTotalPeakMb: med("heapTotalPeakMb"),
      externalPeakMb: med("externalPeakMb"),
      // Heap and external memory surviving a full GC at every 100k records (first run).
      retained: perRun[0].retained,
      // The fewest batches the policy allows for these pages, for comparison with `batches`.
      minBatches: Math.ceil(range.pages / limits.maxConcurrency),
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(JSON.parse(process.argv[2] ?? "{}"))));
}
