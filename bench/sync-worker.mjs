// One measured sync (bench/sync.mjs runs it in a fresh process): argv = store URL, from, to.
// "none" as the URL iterates the same pages without a store (the baseline). Prints
// { records, seconds, peakRssMb } as JSON.
import { CecClient } from "../pkg/index.node.mjs";
import { openStore, sync } from "../pkg/sync/index.js";

const [url, from, to] = process.argv.slice(2);
const client = new CecClient({
  isales: { baseUrl: process.env.CEC_SIM_URL, accessKey: "cec-demo-ak", secretKey: "cec-demo-sk-7c1f2e9a" },
  maxConcurrency: 10,
  batchIntervalMs: 1000,
});
const t0 = performance.now();
let records = 0;
if (url === "none") {
  // The baseline of the same run: the same pages iterated, nothing written.
  const it = client.iterateCallResults({ vdnId: 1, campaignId: 101, beginTime: from, endTime: to, showDetail: 0 });
  for await (const page of it.pages()) records += page.items.length;
} else {
  const store = await openStore(url);
  records = (await sync({ client, store, vdnId: 1, campaignId: 101, from, to, showDetail: 0 })).written;
  await store.close();
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ records, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
