"use client";
// A client component: validation and the signed call run in the browser. Keys come from the query
// string, which is fine against the simulator only (a real console must not hold the SK).
import { useEffect, useState } from "react";

export default function Page() {
  const [result, setResult] = useState(null);
  useEffect(() => {
    (async () => {
      const cec = await import("cec-calldata");
      const q = new URLSearchParams(location.search);
      const request = { vdnId: 1, campaignId: 101, pageSize: 5 };
      const issues = cec.validateCallResultsRequest(request);
      const client = new cec.CecClient({
        isales: { baseUrl: q.get("isales"), accessKey: q.get("ak"), secretKey: q.get("sk") },
        // Demo only: a page holding a secret key must say so (see the README, "Browser": a real console signs through `isales.sign`).
        dangerouslyAllowSecretsInBrowser: true,
      });
      try {
        const page = await client.queryCallResults(request);
        window.result = { ok: true, issues: issues.length, rows: page.data.length };
      } catch (e) {
        window.result = { ok: false, error: `${e.kind}: ${e.message}` };
      }
      setResult(window.result);
    })();
  }, []);
  return <pre id="out">{result ? JSON.stringify(result) : "running…"}</pre>;
}
