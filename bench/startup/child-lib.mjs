// One fresh process: import the package (Node ES-module entry, argv[2]) and validate one
// callResults request. Prints { ms } from just before the import to the validated result.
const t0 = performance.now();
const lib = await import(process.argv[2]);
const issues = lib.validateCallResultsRequest({
  vdnId: 1,
  campaignId: 101,
  pageSize: 500,
  pageNum: 1,
  showDetail: 0,
  beginTime: "2026-06-01",
  endTime: "2026-07-01",
});
const t1 = performance.now();
if (!Array.isArray(issues) || issues.length !== 0) throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);
console.log(JSON.stringify({ ms: t1 - t0, bootMs: t0 }));
