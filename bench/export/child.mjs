// One export in a fresh process: `iterateCallResults` over a date range of cec-sim, counting
// records. argv[2] is a JSON job:
//   { pkgUrl, simUrl, ak, sk, vdnId, campaignId, beginTime, endTime, showDetail, limits, warm }
// Prints { records, ms, totalCount, rssStartKb, maxRssKb, heapPeakMb, externalPeakMb, ..., warm }.
// maxRSS comes from process.resourceUsage() (kernel high-water mark of the whole process), taken
// after the first (cold) export. With `warm`, the same client then exports the same range again
// (JIT warm, connections open) and `warm` holds that run's { records, ms, sim }; `sim` (here and
// in `warm`) is /__sim/stats after the run, cumulative over the process.
const job = JSON.parse(process.argv[2]);
const lib = await import(job.pkgUrl);

// When each request is handed to fetch, on the client's clock: the client-side view of the
// batches, to hold against the simulator's arrival times (/__sim/stats).
const sends = [];
const answers = [];
const client = new lib.CecClient({
  isales: { baseUrl: job.simUrl, accessKey: job.ak, secretKey: job.sk },
  ...job.limits,
  onRequest: () => sends.push(performance.now()),
  onResponse: () => answers.push(performance.now()),
});

const quantiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10 : null);
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9), max: s.length ? Math.round(s[s.length - 1] * 10) / 10 : null };
};

/**
 * Batches as cec-sim forms them (a send within 250 ms of the previous joins its batch), and where
 * the time between batch starts goes: the first answer after each batch's first send (the gate's
 * anchor is that answer, read a little later: after the body), and the batches' sizes.
 */
function clientBatches(times, answerTimes) {
  const starts = [];
  const sizes = [];
  let last = -Infinity;
  for (const t of times) {
    if (t - last > 250) {
      starts.push(t);
      sizes.push(0);
    }
    sizes[sizes.length - 1]++;
    last = t;
  }
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  const firstAnswer = starts.map((t) => answerTimes.find((a) => a >= t) ?? NaN);
  const answerDelay = starts.map((t, i) => firstAnswer[i] - t).filter(Number.isFinite);
  const bySize = {};
  for (const n of sizes) bySize[n] = (bySize[n] ?? 0) + 1;
  return {
    batches: starts.length,
    minGapMs: gaps.length ? Math.min(...gaps) : null,
    gapMs: quantiles(gaps),
    firstAnswerMs: quantiles(answerDelay),
    sizes: bySize,
    // Where the batches that were not full fell (batch index: size).
    partial: sizes.map((n, i) => [i, n]).filter(([, n]) => n < job.limits.maxConcurrency).map(([i, n]) => `${i}:${n}`).join(" "),
  };
}
const request = {
  vdnId: job.vdnId,
  campaignId: job.campaignId,
  showDetail: job.showDetail,
  beginTime: job.beginTime,
  endTime: job.endTime,
};

// Peaks of process.memoryUsage() fields, sampled every 100 ms: RSS, the JS heap, and `external`
// (off-heap memory V8 knows about, which includes the wasm instance's linear memory).
const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
const sample = () => {
  const m = process.memoryUsage();
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
};
const rssStartKb = Math.round(process.memoryUsage().rss / 1024);
const timer = setInterval(sample, 100);

const retained = [];
let records = 0;
let lastId = "";
let ordered = true;
let lastKey = "";
const simStats = async () => (await fetch(`${job.simUrl}/__sim/stats`)).json();
const it = client.iterateCallResults(request);
const t0 = performance.now();
let firstMs = null;
for await (const r of it) {
  if (records === 0) firstMs = performance.now() - t0;
  records++;
  // Touch what a consumer would use; check the order the server promises (time, then callId).
  const key = `${r.callTimeStr} ${r.callId}`;
  if (key < lastKey) ordered = false;
  lastKey = key;
  lastId = r.callId;
  // Run with --expose-gc: what survives a full GC every 100k records must not grow if the
  // iterator streams (RSS alone also moves with how lazily V8 collects).
  if (records % 100_000 === 0 && typeof globalThis.gc === "function") {
    globalThis.gc();
    const m = process.memoryUsage();
    retained.push({ records, heapUsedMb: m.heapUsed / 1048576, externalMb: m.external / 1048576 });
  }
}
const ms = performance.now() - t0;
clearInterval(timer);
sample();
const maxRssKb = process.resourceUsage().maxRSS;
const sim = await simStats();
const clientSide = clientBatches(sends, answers);
const progress = it.progress();

let warm = null;
if (job.warm) {
  // A job that runs later in a long-lived process: the gate is open again by then.
  await new Promise((r) => setTimeout(r, job.limits.batchIntervalMs + 100));
  const sendsBefore = sends.length;
  const answersBefore = answers.length;
  const w0 = performance.now();
  let n = 0;
  for await (const _ of client.iterateCallResults(request)) n++;
  warm = { records: n, ms: performance.now() - w0, sim: await simStats(), clientSide: clientBatches(sends.slice(sendsBefore), answers.slice(answersBefore)) };
}
console.log(
  JSON.stringify({
    records,
    ms,
    firstRecordMs: firstMs,
    totalCount: progress.totalCount,
    totalKnown: progress.totalKnown,
    ordered,
    lastId,
    rssStartKb,
    rssPeakSampledKb: Math.round(peak.rss / 1024),
    heapPeakMb: peak.heapUsed / 1048576,
    heapTotalPeakMb: peak.heapTotal / 1048576,
    externalPeakMb: peak.external / 1048576,
    maxRssKb,
    retained,
    clientSide,
    sim,
    warm,
  }),
);
