// One measured sync (bench/sync.mjs runs it in a fresh process): argv = store URL, from, to.
// Prints { records, seconds, peakRssMb } as JSON.
import { CecClient } from "../pkg/index.node.mjs";
import { openStore, sync } from "../pkg/sync/index.js";

const [url, from, to] = process.argv.slice(2);
const client = new CecClient({
  isales: { baseUrl: process.env.CEC_SIM_URL, accessKey: "cec-demo-ak", secretKey: "cec-demo-sk-7c1f2e9a" },
  maxConcurrency: 10,
  batchIntervalMs: 1000,
});
const store = await openStore(url);
const t0 = performance.now();
const r = await sync({ client, store, vdnId: 1, campaignId: 101, from, to, showDetail: 0 });
const seconds = (performance.now() - t0) / 1000;
await store.close();
console.log(JSON.stringify({ records: r.written, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
