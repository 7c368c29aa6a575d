// Types of checkpoint()/resume/pages() and cec-calldata/sync, compiled with tsc --strict.
import { CecClient, type IteratorCheckpoint, type CallResult } from "cec-calldata";
import { openStore, sync, syncTransferRecords, createCallbackHandler, type Store, type SyncResult } from "cec-calldata/sync";

export async function nightly(client: CecClient): Promise<SyncResult> {
  const it = client.iterateCallResults({ vdnId: 1, campaignId: 101, beginTime: "2026-06-01", endTime: "2026-09-01" });
  const cp: IteratorCheckpoint = it.checkpoint();
  const again = client.iterateCallResults({ vdnId: 1, campaignId: 101, beginTime: "2026-06-01", endTime: "2026-09-01" }, { resume: cp });
  for await (const page of again.pages()) {
    const first: CallResult | undefined = page.items[0];
    const next: IteratorCheckpoint = page.checkpoint;
    void first, next;
  }
  const store: Store = await openStore("sqlite:./calls.db");
  const handler = createCallbackHandler({ store, token: "a-long-shared-secret", onResults: (rs) => void rs[0]?.callId });
  const res: Response = await handler(new Request("http://x/", { method: "POST", body: "[]" }));
  void res;
  // @ts-expect-error campaignId is required
  await sync({ client, store, vdnId: 1 });
  return sync({ client, store, vdnId: 1, campaignId: 101, from: "2026-06-01", onProgress: (p) => p.etaSeconds ?? p.rate });
}

export async function transfers(client: CecClient, store: Store): Promise<SyncResult> {
  // @ts-expect-error: one selector is required
  await syncTransferRecords({ client, store, tenantId: "t", from: "2026-06-01" });
  // @ts-expect-error: only one selector
  await syncTransferRecords({ client, store, tenantId: "t", userMobile: "1", callId: "2" });
  for await (const r of store.transferRows({ tenantId: "t", from: 0 })) void r.record_file_path;
  return syncTransferRecords({ client, store, tenantId: "t", userMobile: "13800000000", from: "2026-06-01", pageSize: 50, onProgress: (p) => p.written });
}
