// One export in a fresh process: `iterateCallResults` over a date range of cec-sim, counting
// records. argv[2] is a JSON job:
//   { pkgUrl, simUrl, ak, sk, vdnId, campaignId, beginTime, endTime, showDetail, limits }
// Prints { records, ms, totalCount, rssStartKb, maxRssKb, heapPeakMb, externalPeakMb, ... }.
// maxRSS comes from process.resourceUsage() (kernel high-water mark of the whole process).
const job = JSON.parse(process.argv[2]);
const lib = await import(job.pkgUrl);

// When each request is handed to fetch, on the client's clock: the client-side view of the
// batches, to hold against the simulator's arrival times (/__sim/stats).
const sends = [];
const client = new lib.CecClient({
  isales: { baseUrl: job.simUrl, accessKey: job.ak, secretKey: job.sk },
  ...job.limits,
  onRequest: () => sends.push(performance.now()),
});

/** Batches as cec-sim forms them (a send within 250 ms of the previous joins its batch). */
function clientBatches(times) {
  const starts = [];
  let last = -Infinity;
  for (const t of times) {
    if (t - last > 250) starts.push(t);
    last = t;
  }
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  return { batches: starts.length, minGapMs: gaps.length ? Math.min(...gaps) : null };
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
const progress = it.progress();
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
    maxRssKb: process.resourceUsage().maxRSS,
    retained,
    clientSide: clientBatches(sends),
  }),
);
