// A small call-results viewer with Vite + React (plain createElement, so no plugin is needed):
// live validation of the form, then one signed call. Gateway and keys come from the query string
// (`?isales=&ak=&sk=`), which is fine against the simulator only: a real console must not hold the SK.
import { createElement as h, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { CecClient, validateCallResultsRequest } from "cec-calldata";

const q = new URLSearchParams(location.search);
const client = new CecClient({
  isales: { baseUrl: q.get("isales"), accessKey: q.get("ak"), secretKey: q.get("sk") },
  // Demo only: a page holding a secret key must say so (see the README, "Browser": a real console signs through `isales.sign`).
  dangerouslyAllowSecretsInBrowser: true,
});

function App() {
  const [campaignId, setCampaignId] = useState("101");
  const [rows, setRows] = useState([]);
  const [error, setError] = useState(null);
  const request = { vdnId: 1, campaignId: Number(campaignId) || campaignId, pageSize: 5 };
  const issues = useMemo(() => validateCallResultsRequest(request), [campaignId]);
  async function query() {
    try {
      const page = await client.queryCallResults(request);
      setRows(page.data);
      window.result = { ok: true, issues: issues.length, rows: page.data.length };
    } catch (e) {
      setError(e.message);
      window.result = { ok: false, error: `${e.kind}: ${e.message}` };
    }
  }
  return h("main", null,
    h("label", null, "campaignId ", h("input", { value: campaignId, onChange: (e) => setCampaignId(e.target.value) })),
    h("ul", { id: "issues" }, issues.map((i) => h("li", { key: i.field + i.rule }, i.message))),
    h("button", { id: "query", disabled: issues.length > 0, onClick: query }, "Query"),
    error && h("p", { role: "alert" }, error),
    h("table", null, h("tbody", null, rows.map((r) => h("tr", { key: r.callId }, h("td", null, r.callId), h("td", null, String(r.callStatus)), h("td", null, r.failCode ?? ""))))),
  );
}

createRoot(document.getElementById("root")).render(h(App));
