// Hono on Cloudflare Workers: GET /check validates a request and makes one signed CC-iSales call.
// The package's "workerd" export condition loads the .wasm as a module (wrangler compiles it).
import { Hono } from "hono";
import { CecClient, validateCallResultsRequest } from "cec-calldata";

const app = new Hono();
app.get("/check", async (c) => {
  const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
  const issues = validateCallResultsRequest(request);
  const client = new CecClient({ isales: { baseUrl: c.env.CEC_ISALES_URL, accessKey: c.env.CEC_AK, secretKey: c.env.CEC_SK } });
  try {
    const page = await client.queryCallResults(request);
    return c.json({ ok: true, issues: issues.length, rows: page.data.length });
  } catch (e) {
    return c.json({ ok: false, error: `${e.kind}: ${e.message}` }, 500);
  }
});
export default app;
