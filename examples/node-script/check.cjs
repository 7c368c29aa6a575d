// The same check as check.mjs, as CommonJS (require).
const { CecClient, CecError, validateCallResultsRequest } = require("cec-calldata");

const { CEC_ISALES_URL, CEC_AK, CEC_SK } = process.env;
if (!CEC_ISALES_URL || !CEC_AK || !CEC_SK) {
  console.error("set CEC_ISALES_URL, CEC_AK and CEC_SK");
  process.exit(2);
}
const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
const issues = validateCallResultsRequest(request);
const client = new CecClient({ isales: { baseUrl: CEC_ISALES_URL, accessKey: CEC_AK, secretKey: CEC_SK } });
client.queryCallResults(request).then(
  (page) => console.log(JSON.stringify({ ok: true, issues: issues.length, rows: page.data.length, total: page.totalCount })),
  (e) => {
    console.log(JSON.stringify({ ok: false, error: e instanceof CecError ? e.toJSON() : String(e) }));
    process.exitCode = 1;
  },
);
