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
