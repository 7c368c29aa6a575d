// One measured sync (bench/sync.mjs runs it in a fresh process): argv = store URL, from, to, and
// optionally the tenant as AK:SK:vdnId:campaignId (default cec-demo-ak on vdn 1 campaign 101).
// "none" as the URL iterates the same pages without a store (the baseline). Prints
// { records, seconds, peakRssMb } as JSON, or { locked: message, seconds } when another worker
// holds the campaign's lock.
import { CecClient } from "../pkg/index.node.mjs";
import { openStore, sync, SyncLockedError } from "../pkg/sync/index.js";

const [url, from, to, tenant = "cec-demo-ak:cec-demo-sk-7c1f2e9a:1:101"] = process.argv.slice(2);
const [accessKey, secretKey, vdn, campaign] = tenant.split(":");
const [vdnId, campaignId] = [Number(vdn), Number(campaign)];
const client = new CecClient({
  isales: { baseUrl: process.env.CEC_SIM_URL, accessKey, secretKey },
  maxConcurrency: 10,
  batchIntervalMs: 1000,
});
const t0 = performance.now();
const seconds = () => (performance.now() - t0) / 1000;
let records = 0;
if (url === "none") {
  // The baseline of the same run: the same pages iterated, nothing written.
  const it = client.iterateCallResults({ vdnId, campaignId, beginTime: from, endTime: to, showDetail: 0 });
  for await (const page of it.pages()) records += page.items.length;
} else {
  const store = await openStore(url);
  try {
    records = (await sync({ client, store, vdnId, campaignId, from, to, showDetail: 0 })).written;
  } catch (e) {
    if (!(e instanceof SyncLockedError)) throw e;
    records = { locked: e.message };
  } finally {
    await store.close();
  }
}
console.log(
  JSON.stringify(
    typeof records === "number"
      ? { records, seconds: seconds(), peakRssMb: process.resourceUsage().maxRSS / 1024 }
      : { ...records, seconds: seconds() },
  ),
);
