// The stores' shared model: which columns a call result gets, how a sync is keyed, and the
// errors the stores and sync() throw. Plain data; no driver here.

/** Columns of the call-results table, in order, from a CallResult (polled) or a pushed one. */
export const RESULT_COLUMNS = [
  "call_id",
  "vdn_id",
  "campaign_id",
  "session_id",
  "called",
  "call_time",
  "call_status",
  "fail_code",
  "result_code",
  "custom_field",
  "record_path",
  "source",
  "raw",
];

const str = (v) => (v === undefined || v === null ? null : String(v));
const int = (v) => (v === undefined || v === null || v === "" || !Number.isFinite(Number(v)) ? null : Math.trunc(Number(v)));

/** One row (array in RESULT_COLUMNS order). `source` is "poll" or "push". */
export function resultRow(r, source, fallback = {}) {
  return [
    String(r.callId),
    int(r.vdnId ?? fallback.vdnId),
    str(r.campaignId ?? fallback.campaignId),
    str(r.sessionId),
    str(r.called),
    str(r.callTimeStr),
    int(r.callStatus),
    str(r.failCode),
    str(r.resultCode),
    str(r.customField),
    str(r.recordPath),
    source,
    JSON.stringify(r),
  ];
}

/** The sync-state key: one row per (gateway, vdn, campaign). */
export function stateKey({ vdnId, campaignId }) {
  return { gateway: "isales", vdnId: Number(vdnId), campaignId: String(campaignId) };
}

export const lockName = (key) => `cec-calldata sync ${key.gateway}/${key.vdnId}/${key.campaignId}`;

/** A store failure (driver missing, database unreachable, a write refused). Never carries a password. */
export class StoreError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "StoreError";
  }
}

/** Another worker holds the sync of the same tenant and campaign (PostgreSQL advisory lock). */
export class SyncLockedError extends Error {
  constructor(key) {
    super(`another worker is syncing ${key.gateway} vdn ${key.vdnId} campaign ${key.campaignId}; try later or pass lockWait`);
    this.name = "SyncLockedError";
  }
}

/** Removes a password from a connection string before it goes into a message. */
export function redactUrl(text) {
  return String(text).replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@");
}

/**
 * Columns of the transfer-records table (OIFDE queryTransferRecordHistory, doc 05 table 3), in
 * order. Key: (tenant_id, id): the doc names `id` the "unique ID of a transfer record"; a call can
 * be transferred more than once, so callId is an indexed column, not the key. Times are the doc's
 * epoch milliseconds, kept as integers.
 */
export const TRANSFER_COLUMNS = [
  "tenant_id",
  "id",
  "call_id",
  "cti_call_id",
  "flow_inst_id",
  "calling_number",
  "called_number",
  "transf_number",
  "start_time",
  "end_time",
  "record_file_path",
  "location_id",
  "op_result",
  "record_result",
  "raw",
];
export const TRANSFER_KEY = ["tenant_id", "id"];

/** One row (array in TRANSFER_COLUMNS order); the tenant falls back to the sync's. */
export function transferRow(r, tenantId) {
  return [
    String(r.tenantId ?? tenantId),
    String(r.id),
    str(r.callId),
    str(r.ctiCallId),
    str(r.flowInstId),
    str(r.callingNumber),
    str(r.calledNumber),
    str(r.transfNumber),
    int(r.startTime),
    int(r.endTime),
    str(r.recordFilePath),
    str(r.locationId),
    str(r.opResult),
    str(r.recordResult),
    JSON.stringify(r),
  ];
}

/** The selectors the vendor requires one of (doc 05: "one of userMobile, callId, ctiCallId"). */
export const TRANSFER_SELECTORS = ["userMobile", "callId", "ctiCallId"];

/**
 * The sync-state key of a transfer-record sync: gateway "oifde", the tenant and the selector, in
 * the same cec_sync_state table (vdn_id 0, campaign_id "<tenant>/<selector>=<value>"), so the
 * stores keep one state table and one lock per sync.
 */
export function transferStateKey({ tenantId, selector, value }) {
  return { gateway: "oifde", vdnId: 0, campaignId: `${tenantId}/${selector}=${value}`, tenantId: String(tenantId) };
}
