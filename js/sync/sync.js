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
  const { client, store, vdnId, campaignId, signal, onProgress, lockWait = false } = options ?? {};
  const overlapDays = options?.overlapDays ?? 2;
  if (!client || typeof client.iterateCallResults !== "function") throw new SyncOptionError("client", "must be a CecClient");
  if (!store || typeof store.writePage !== "function") throw new SyncOptionError("store", "must be a store (openStore)");
  if (!Number.isInteger(Number(vdnId)) || Number(vdnId) < 1) throw new SyncOptionError("vdnId", "must be a positive integer");
  if (!/^\d+$/.test(String(campaignId ?? ""))) throw new SyncOptionError("campaignId", "must be an integer");
  if (!Number.isInteger(overlapDays) || overlapDays < 0 || overlapDays > 30) throw new SyncOptionError("overlapDays", "must be an integer from 0 to 30");
  if (![undefined, 0, 1].includes(options.showDetail)) throw new SyncOptionError("showDetail", "must be 0 or 1");
  for (const f of ["from", "to"]) if (options[f] !== undefined && parseYmd(options[f]) === null) throw new SyncOptionError(f, "must be a date YYYY-MM-DD");
  const key = stateKey({ vdnId, campaignId });
  const release = await store.lock(key, { wait: lockWait });
  try {
    return await run(options, key, overlapDays, signal, onProgress);
  } finally {
    await release();
  }
}

async function run(options, key, overlapDays, signal, onProgress) {
  const { client, store } = options;
  const state = await store.getState(key);
  let request;
  let resume = null;
  const running = state?.running;
  const fits = (r) => (options.from === undefined || r.beginTime === options.from) && (options.to === undefined || r.endTime === options.to);
  if (running && fits(running.request)) {
    // An interrupted run: the same request from its checkpoint.
    request = running.request;
    resume = running.checkpoint;
  } else {
    let begin = options.from;
    if (begin === undefined) {
      if (!state?.syncedUntil) throw new SyncOptionError("from", "is required on the first sync of a campaign");
      begin = ymd(parseYmd(state.syncedUntil) - overlapDays * DAY);
    }
    const end = options.to ?? ymd(Date.now() + DAY);
    if (parseYmd(begin) >= parseYmd(end)) throw new SyncOptionError("to", "must be after from");
    request = { vdnId: key.vdnId, campaignId: Number(key.campaignId), beginTime: begin, endTime: end };
    // Every attempt by default: each has its own callId (showDetail 0 keeps only the latest per window).
    if (options.showDetail !== 0) request.showDetail = 1;
  }
  const it = client.iterateCallResults(request, { signal, resume });
  const toRow = (r) => resultRow(r, "poll", { vdnId: key.vdnId, campaignId: key.campaignId });
  const { written, records, started } = await pump({ it, store, key, state, request, toRow, signal, onProgress });
  const syncedUntil = maxDate(state?.syncedUntil, request.endTime);
  await store.putState(key, { syncedUntil, running: null, records });
  return { request, written, resumed: resume !== null, syncedUntil, records, seconds: (Date.now() - started) / 1000 };
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

/**
 * Syncs the OIFDE transfer records of one selector (the vendor requires one of `userMobile`,
 * `callId`, `ctiCallId`) into the store's cec_transfer_records, by start time: `from` (YYYY-MM-DD,
 * first day) on the first run, `to` (excluded) defaults to tomorrow (UTC); later runs continue
 * from the stored state minus `overlapDays`. The state key is (gateway "oifde", tenant, selector).
 */
export async function syncTransferRecords(options) {
  const { client, store, tenantId, signal, onProgress, lockWait = false } = options ?? {};
  const overlapDays = options?.overlapDays ?? 2;
  if (!client || typeof client.iterateTransferRecords !== "function") throw new SyncOptionError("client", "must be a CecClient");
  if (!store || typeof store.writePage !== "function") throw new SyncOptionError("store", "must be a store (openStore)");
  if (typeof tenantId !== "string" || tenantId === "") throw new SyncOptionError("tenantId", "must be the OIFDE tenant id (the client's oifde.tenantId)");
  const given = TRANSFER_SELECTORS.filter((f) => options[f] !== undefined && options[f] !== "");
  if (given.length !== 1) throw new SyncOptionError("userMobile", "exactly one of userMobile, callId, ctiCallId is required");
  const selector = given[0];
  const value = String(options[selector]);
  if (!Number.isInteger(overlapDays) || overlapDays < 0 || overlapDays > 30) throw new SyncOptionError("overlapDays", "must be an integer from 0 to 30");
  for (const f of ["from", "to"]) if (options[f] !== undefined && parseYmd(options[f]) === null) throw new SyncOptionError(f, "must be a date YYYY-MM-DD");
  const key = transferStateKey({ tenantId, selector, value });
  const release = await store.lock(key, { wait: lockWait });
  try {
    const state = await store.getState(key);
    const at = (d) => `${d} 00:00:00`;
    let request;
    let resume = null;
    const running = state?.running;
    const fits = (r) => (options.from === undefined || r.beginTime === at(options.from)) && (options.to === undefined || r.endTime === at(options.to));
    if (running && fits(running.request)) {
      request = running.request;
      resume = running.checkpoint;
    } else {
      let begin = options.from;
      if (begin === undefined) {
        if (!state?.syncedUntil) throw new SyncOptionError("from", "is required on the first sync of a selector");
        begin = ymd(parseYmd(state.syncedUntil) - overlapDays * DAY);
      }
      const end = options.to ?? ymd(Date.now() + DAY);
      if (parseYmd(begin) >= parseYmd(end)) throw new SyncOptionError("to", "must be after from");
      request = { [selector]: value, beginTime: at(begin), endTime: at(end), pageSize: options.pageSize ?? 100 };
    }
    const it = client.iterateTransferRecords(request, { signal, resume });
    const { written, records, started } = await pump({ it, store, key, state, request, toRow: (r) => transferRow(r, tenantId), signal, onProgress });
    const syncedUntil = maxDate(state?.syncedUntil, request.endTime.slice(0, 10));
    await store.putState(key, { syncedUntil, running: null, records });
    return { request, written, resumed: resume !== null, syncedUntil, records, seconds: (Date.now() - started) / 1000 };
  } finally {
    await release();
  }
}

const maxDate = (a, b) => (a && a > b ? a : b);
