// One fresh process: import the zod baseline (argv[2]) and validate the same callResults request.
// Prints { ms } from just before the import to the validated result.
const t0 = performance.now();
const { callResultsRequest } = await import(process.argv[2]);
const r = callResultsRequest.safeParse({
  vdnId: 1,
  campaignId: 101,
  pageSize: 500,
  pageNum: 1,
  showDetail: 0,
  beginTime: "2026-06-01",
  endTime: "2026-07-01",
});
const t1 = performance.now();
if (!r.success) throw new Error(`unexpected issues: ${JSON.stringify(r.error.issues)}`);
console.log(JSON.stringify({ ms: t1 - t0, bootMs: t0 }));
