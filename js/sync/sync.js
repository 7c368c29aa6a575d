// Incremental sync of one campaign's call results into a store: the first run exports the range,
// later runs continue from the stored state minus an overlap (late results) and upsert, so the
// table converges to the server's truth. Every page is written with the iterator's checkpoint in
// one transaction, so a crash or Ctrl-C resumes after the last committed page.
import { resultRow, stateKey, transferRow, transferStateKey, TRANSFER_SELECTORS } from "./schema.js";

const DAY = 86400000;
/**
 * Pages fetched but not committed yet, at most (one rate-limit batch). The writes run behind the
 * iterator so that a slow one (a PostgreSQL checkpoint, a busy disk) does not hold the iterator's
 * prefetch and leave the next batch half empty; bounded so memory stays flat.
 */
const MAX_BEHIND = 10;
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);
/** Epoch ms of a real calendar day YYYY-MM-DD (UTC), else null (V8 alone would take 2026-02-30). */
export const parseYmd = (s) => {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s ? null : ms;
};

/** A bad sync() argument, naming the option and the rule. */
export class SyncOptionError extends Error {
  constructor(field, rule) {
    super(`${field} ${rule}`);
    this.name = "SyncOptionError";
    this.field = field;
  }
}

/**
 * Syncs `vdnId`/`campaignId` into `store`. `from` (YYYY-MM-DD, first day) is needed on the first
 * run; `to` (YYYY-MM-DD, excluded) defaults to tomorrow (UTC). Returns a summary.
 */
export async function sync(options) {
  const { vdnId, campaignId } = options ?? {};
  checkTarget(options, "iterateCallResults");
  if (!Number.isInteger(Number(vdnId)) || Number(vdnId) < 1) throw new SyncOptionError("vdnId", "must be a positive integer");
  if (!/^\d+$/.test(String(campaignId ?? ""))) throw new SyncOptionError("campaignId", "must be an integer");
  checkOverlap(options);
  if (![undefined, 0, 1].includes(options.showDetail)) throw new SyncOptionError("showDetail", "must be 0 or 1");
  checkDays(options);
  const key = stateKey({ vdnId, campaignId });
  return runSync(options, {
    key,
    what: "campaign",
    day: (d) => d,
    build: (beginTime, endTime) => {
      const request = { vdnId: key.vdnId, campaignId: Number(key.campaignId), beginTime, endTime };
      // Every attempt by default: each has its own callId (showDetail 0 keeps only the latest per window).
      if (options.showDetail !== 0) request.showDetail = 1;
      return request;
    },
    iterate: (request, o) => options.client.iterateCallResults(request, o),
    toRow: (r) => resultRow(r, "poll", { vdnId: key.vdnId, campaignId: key.campaignId }),
  });
}

/**
 * Syncs the OIFDE transfer records of one selector (the vendor requires one of `userMobile`,
 * `callId`, `ctiCallId`) into the store's cec_transfer_records, by start time: `from` (YYYY-MM-DD,
 * first day) on the first run, `to` (excluded) defaults to tomorrow (UTC); later runs continue
 * from the stored state minus `overlapDays`. The state key is (gateway "oifde", tenant, selector).
 */
export async function syncTransferRecords(options) {
  const { tenantId } = options ?? {};
  checkTarget(options, "iterateTransferRecords");
  if (typeof tenantId !== "string" || tenantId === "") throw new SyncOptionError("tenantId", "must be the OIFDE tenant id (the client's oifde.tenantId)");
  const given = TRANSFER_SELECTORS.filter((f) => options[f] !== undefined && options[f] !== "");
  if (given.length !== 1) throw new SyncOptionError("userMobile", "exactly one of userMobile, callId, ctiCallId is required");
  const selector = given[0];
  const value = String(options[selector]);
  checkOverlap(options);
  checkDays(options);
  return runSync(options, {
    key: transferStateKey({ tenantId, selector, value }),
    what: "selector",
    // The transfer-record query takes times, not days.
    day: (d) => `${d} 00:00:00`,
    build: (beginTime, endTime) => ({ [selector]: value, beginTime, endTime, pageSize: options.pageSize ?? 100 }),
    iterate: (request, o) => options.client.iterateTransferRecords(request, o),
    toRow: (r) => transferRow(r, tenantId),
  });
}

// The checks both syncs share; each caller keeps its own order of reporting.
function checkTarget(options, iterateName) {
  const { client, store } = options ?? {};
  if (!client || typeof client[iterateName] !== "function") throw new SyncOptionError("client", "must be a CecClient");
  if (!store || typeof store.writePage !== "function") throw new SyncOptionError("store", "must be a store (openStore)");
}

function checkOverlap(options) {
  const overlapDays = options.overlapDays ?? 2;
  if (!Number.isInteger(overlapDays) || overlapDays < 0 || overlapDays > 30) throw new SyncOptionError("overlapDays", "must be an integer from 0 to 30");
}

function checkDays(options) {
  for (const f of ["from", "to"]) if (options[f] !== undefined && parseYmd(options[f]) === null) throw new SyncOptionError(f, "must be a date YYYY-MM-DD");
}

/**
 * One sync run under the key's lock: an interrupted run continues from its checkpoint with the same
 * request; otherwise the range is [from, or synced_until minus the overlap; to, or tomorrow).
 * `day` turns a YYYY-MM-DD into the request's time format, `build` makes the request.
 */
async function runSync(options, { key, what, day, build, iterate, toRow }) {
  const { store, signal, onProgress, lockWait = false } = options;
  const overlapDays = options.overlapDays ?? 2;
  const release = await store.lock(key, { wait: lockWait });
  try {
    const state = await store.getState(key);
    let request;
    let resume = null;
    const running = state?.running;
    const fits = (r) => (options.from === undefined || r.beginTime === day(options.from)) && (options.to === undefined || r.endTime === day(options.to));
    if (running && fits(running.request)) {
      // An interrupted run: the same request from its checkpoint.
      request = running.request;
      resume = running.checkpoint;
    } else {
      let begin = options.from;
      if (begin === undefined) {
        if (!state?.syncedUntil) throw new SyncOptionError("from", `is required on the first sync of a ${what}`);
        begin = ymd(parseYmd(state.syncedUntil) - overlapDays * DAY);
      }
      const end = options.to ?? ymd(Date.now() + DAY);
      if (parseYmd(begin) >= parseYmd(end)) throw new SyncOptionError("to", "must be after from");
      request = build(day(begin), day(end));
    }
    const it = iterate(request, { signal, resume });
    const { written, records, started } = await pump({ it, store, key, state, request, toRow, signal, onProgress });
    const syncedUntil = maxDate(state?.syncedUntil, request.endTime.slice(0, 10));
    await store.putState(key, { syncedUntil, running: null, records });
    return { request, written, resumed: resume !== null, syncedUntil, records, seconds: (Date.now() - started) / 1000 };
  } finally {
    await release();
  }
}

/**
 * Writes an iterator's pages into the store, each with the checkpoint after it, and returns what
 * it wrote; throws when a write failed or the signal aborted (nothing after that is written).
 */
async function pump({ it, store, key, state, request, toRow, signal, onProgress }) {
  let records = state?.records ?? 0;
  const started = Date.now();
  let written = 0;
  const emit = () => {
    if (!onProgress) return;
    const p = it.progress();
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? written / seconds : 0;
    const left = p.totalKnown ? Math.max(0, p.totalCount - p.yielded) : null;
    onProgress({ ...p, written, rate, etaSeconds: left !== null && rate > 0 ? left / rate : null, request });
  };
  // One writer, pages in order, each with the checkpoint after it: what is committed is always a
  // prefix of the export, so a resume continues exactly after it. Nothing is written after a
  // failed write or once aborted (those pages are fetched again on resume).
  let behind = 0;
  let failed = null;
  let wake = null;
  let tail = Promise.resolve();
  const write = (rows, pageState) => async () => {
    if (failed || signal?.aborted) return;
    // Let timers and I/O run between pages (the rate gate's timers, its answers): a synchronous
    // driver (better-sqlite3) would otherwise hold the event loop for a whole batch of pages.
    await new Promise((r) => setImmediate(r));
    if (failed || signal?.aborted) return;
    try {
      await store.writePage(key, rows, pageState);
      written += rows.length;
      emit();
    } catch (e) {
      failed = e;
    }
  };
  try {
    for await (const page of it.pages()) {
      const rows = page.items.map(toRow);
      records += rows.length;
      const pageState = { syncedUntil: state?.syncedUntil ?? null, running: { request, checkpoint: page.checkpoint }, records };
      behind++;
      tail = tail.then(write(rows, pageState)).finally(() => {
        behind--;
        wake?.();
      });
      while (behind >= MAX_BEHIND && !failed) await new Promise((r) => (wake = r));
      if (failed) break;
    }
  } finally {
    await tail;
  }
  if (failed) throw failed;
  // for await ends quietly when the signal cancels the iterator; only a finished one completes.
  signal?.throwIfAborted();
  emit();
  return { written, records, started };
}

const maxDate = (a, b) => (a && a > b ? a : b);
