// Compiled with `tsc --strict --noEmit` against the installed package. Valid requests must
// type-check; every `@ts-expect-error` line must really be an error (tsc fails otherwise).
import {
  CecError,
  validateCallResultsRequest,
  decodeResponse,
  describeErrorCode,
  describeFailCode,
  signAuthV2,
  type FailCodeInfo,
  type ObsResultCodesResponse,
  type CallResultsRequest,
  type TransferRecordRequest,
  type CallManualDetailRequest,
  type Issue,
  type CallResultsResponse,
  CecClient,
  type CallResult,
  type CecClientConfig,
  type ConnectionReport,
  type SignRequest,
  createSigningHandler,
} from "cec-calldata";
import { init } from "cec-calldata/web";

const ok: CallResultsRequest = { vdnId: 1, campaignId: "101", pageSize: 100, showDetail: 1, beginTime: "2026-07-01", endTime: "2026-07-31" };
const issues: Issue[] = validateCallResultsRequest(ok, { locale: "zh_CN" });
const rule: "required" | "type" | "range" | "max-length" | "allowed-values" | "both-or-neither" | "one-of-required" | "date-format" | "date-order" | "window-too-long" | "unknown-field" = issues[0].rule;
const code: string | undefined = issues[0].code;

// Numbers documented as String accept a number or a numeric string.
const cdr: CallManualDetailRequest = { subCcNo: "1", vdn: 1, beginDate: 1658102400000, callType: "1", mediaType: 5 };
const oifde: TransferRecordRequest = { callId: "1-2", pageSize: "5", pageNum: 2 };

// @ts-expect-error vdnId is a number, not a string
const badVdn: CallResultsRequest = { vdnId: "1", campaignId: "101" };
// @ts-expect-error pageSize is a number
const badPage: CallResultsRequest = { vdnId: 1, campaignId: "101", pageSize: "100" };
// @ts-expect-error locale is "en_US" | "zh_CN"
validateCallResultsRequest(ok, { locale: "fr_FR" });

const page: CallResultsResponse = decodeResponse("callResults", "{}");
const status: number | null = page.data[0].callStatus;
// @ts-expect-error decodeResponse takes a known endpoint name
decodeResponse("nope", "{}");

const info = describeErrorCode("0200007", { endpoint: "callResults" });
if (info) {
  const retry: boolean = info.retryable;
}
const fail: FailCodeInfo = describeFailCode("00603", { locale: "zh_CN", table: [{ obsCode: "00603", obsCodeDesc: "no answer" }] });
const known: boolean = fail.known;
const cdrDates: CallManualDetailRequest = { subCcNo: "1", vdn: 1, beginDate: new Date(), endDate: "2026-07-01T00:00:00Z" };
async function obs(c: CecClient): Promise<number | null> {
  const page: ObsResultCodesResponse = await c.queryOBSResultCode({ vdnId: 1, pageNum: 1, pageSize: 50 });
  for await (const code of c.iterateOBSResultCodes({ vdnId: 1 })) void code.obsCode;
  return page.totalCount;
}
const header: string = signAuthV2({ accessKey: "a", secretKey: "b", method: "GET", path: "/", host: "h" });

try {
  validateCallResultsRequest(null);
} catch (e) {
  if (e instanceof CecError) {
    const k: "validation" | "api" | "http" | "network" | "timeout" | "aborted" | "auth" | "decode" | "internal" = e.kind;
    const s: number | null = e.httpStatus;
    const list: Issue[] = e.issues;
  }
}
const ready: Promise<void> = init();

const config: CecClientConfig = {
  isales: { baseUrl: "http://127.0.0.1:8790", accessKey: "ak", secretKey: "sk" },
  oifde: { baseUrl: "http://127.0.0.1:8790", tenantId: "t", authToken: "x" },
  maxConcurrency: 5,
  onRequest: (event) => console.log(event.method, event.url, event.attempt),
};
// @ts-expect-error timeoutMs is a number
const badConfig: CecClientConfig = { timeoutMs: "30s" };
const client = new CecClient(config);
async function exportAll(signal: AbortSignal): Promise<number> {
  let n = 0;
  const it = client.iterateCallResults({ vdnId: 1, campaignId: 101, beginTime: "2026-06-01", endTime: "2026-09-01" }, { signal });
  for await (const r of it) {
    const item: CallResult = r;
    const id: string = item.callId;
    n += id.length > 0 ? 1 : 0;
  }
  const p = it.progress();
  const total: number | null | undefined = p.totalCount;
  return n + (total ?? 0);
}
async function single(): Promise<CallResultsResponse> {
  // @ts-expect-error campaignId is required
  await client.queryCallResults({ vdnId: 1 });
  return client.queryCallResults({ vdnId: 1, campaignId: "101" }, { timeoutMs: 5000 });
}
async function signedRemotely(): Promise<boolean> {
  const handler = createSigningHandler({ accessKey: "ak", secretKey: "sk", allow: "https://isales:28080" });
  const remote = new CecClient({
    isales: {
      baseUrl: "https://isales:28080",
      signing: "auto",
      headers: { "X-TenantSpaceID": "t1" },
      sign: async (request: SignRequest) => {
        const r = await handler(new Request("http://x/sign", { method: "POST", body: JSON.stringify(request) }));
        return ((await r.json()) as { authorization: string }).authorization;
      },
    },
    fetch: (input, init) => fetch(input, init),
  });
  const report: ConnectionReport = await remote.checkConnection();
  await remote.getCallResultDetail({ vdnId: 1, callId: "1-1" }, { maxRetries: 0, headers: { "X-Trace": "1" } });
  const profile: "A" | "B" | "custom" | undefined = report.isales?.signingProfile;
  // @ts-expect-error signing profiles are "auto", "A", "B" or an object
  const bad: CecClientConfig = { isales: { baseUrl: "x", sign: () => "", signing: "C" } };
  const custom: CecClientConfig = { isales: { baseUrl: "x", accessKey: "a", secretKey: "s", signing: { profile: "B", timestamp: "millis" } } };
  signAuthV2({ accessKey: "a", secretKey: "s", method: "GET", path: "/p", host: "h", query: { pageSize: 10 }, signing: "B", contentType: null });
  return report.isales?.ok === true && profile !== undefined && bad !== custom;
}
export { badConfig, exportAll, single, signedRemotely };
export { ok, cdr, oifde, badVdn, badPage, rule, code, status, header, ready };
