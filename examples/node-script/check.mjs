// A Node script (ES module): validate a request, then make one signed CC-iSales call.
//   CEC_ISALES_URL=https://isales.example.com:28080 CEC_AK=... CEC_SK=... node check.mjs
// Against the simulator: CEC_ISALES_URL=http://127.0.0.1:8790 CEC_AK=cec-demo-ak CEC_SK=cec-demo-sk-7c1f2e9a
import { CecClient, CecError, validateCallResultsRequest } from "cec-calldata";

const { CEC_ISALES_URL, CEC_AK, CEC_SK } = process.env;
if (!CEC_ISALES_URL || !CEC_AK || !CEC_SK) {
  console.error("set CEC_ISALES_URL, CEC_AK and CEC_SK");
  process.exit(2);
}
const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
const issues = validateCallResultsRequest(request);
const client = new CecClient({ isales: { baseUrl: CEC_ISALES_URL, accessKey: CEC_AK, secretKey: CEC_SK } });
try {
  const page = await client.queryCallResults(request);
  console.log(JSON.stringify({ ok: true, issues: issues.length, rows: page.data.length, total: page.totalCount }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e instanceof CecError ? e.toJSON() : String(e) }));
  process.exitCode = 1;
}
