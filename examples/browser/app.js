// The browser example's logic, shared by every bundler's build: validate a request, make one
// signed CC-iSales call to the gateway named in `?isales=` (the simulator in the tests), and show
// the outcome. The access key pair comes from `?ak=&sk=`: fine for a demo against the simulator; a
// real console must not hold the SK (see the README, "Browser").
export async function run(cec) {
  const out = document.getElementById("out");
  const q = new URLSearchParams(location.search);
  try {
    const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
    const issues = cec.validateCallResultsRequest(request);
    const bad = cec.validateCallResultsRequest({ vdnId: 0 });
    const client = new cec.CecClient({
      isales: { baseUrl: q.get("isales"), accessKey: q.get("ak"), secretKey: q.get("sk") },
      // Demo only: a page holding a secret key must say so (see the README, "Browser": a real console signs through `isales.sign`).
      dangerouslyAllowSecretsInBrowser: true,
    });
    const page = await client.queryCallResults(request);
    window.result = { ok: true, issues: issues.length, badIssues: bad.length, rows: page.data.length };
  } catch (e) {
    window.result = { ok: false, error: e && e.kind ? `${e.kind}: ${e.message}` : String(e && e.stack || e) };
  }
  out.textContent = JSON.stringify(window.result);
}
