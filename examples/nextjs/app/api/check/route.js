// A server route (Node runtime): the package's Node entry, keys from the server's environment.
import { CecClient, validateCallResultsRequest } from "cec-calldata";

export const dynamic = "force-dynamic";

export async function GET() {
  const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
  const issues = validateCallResultsRequest(request);
  const client = new CecClient({
    isales: { baseUrl: process.env.CEC_ISALES_URL ?? "", accessKey: process.env.CEC_AK ?? "", secretKey: process.env.CEC_SK ?? "" },
  });
  try {
    const page = await client.queryCallResults(request);
    return Response.json({ ok: true, issues: issues.length, rows: page.data.length });
  } catch (e) {
    return Response.json({ ok: false, error: `${e.kind}: ${e.message}` }, { status: 500 });
  }
}
