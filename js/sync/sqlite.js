// The SQLite store, the embedded default. Binding: better-sqlite3 (maintained, synchronous,
// prebuilt for every Node the package supports); node:sqlite (built into Node 22.13+ and 24,
// still marked experimental) when better-sqlite3 is not installed. The store uses only what both
// share (exec, prepare, run/get/iterate), and the ecosystem stage runs the sync tests on Node 22
// and 24 through node:sqlite. Both are loaded only when this store is opened. Each page is
// written with its checkpoint in one transaction (BEGIN IMMEDIATE).
import { createRequire } from "node:module";
import { RESULT_COLUMNS, TRANSFER_COLUMNS, TRANSFER_KEY, StoreError } from "./schema.js";

const require = createRequire(import.meta.url);

/** Opens `path` with the binding there is: `{ db, driver }`, driver "better-sqlite3" or "node:sqlite". */
function openDatabase(path) {
  let Better;
  try {
    Better = require("better-sqlite3");
  } catch (e) {
    if (e?.code !== "MODULE_NOT_FOUND") throw new StoreError(`better-sqlite3 failed to load: ${e.message}`, { cause: e });
  }
  if (Better) return { db: new Better(path, { fileMustExist: false }), driver: "better-sqlite3" };
  let nodeSqlite;
  try {
    nodeSqlite = require("node:sqlite");
  } catch {
    throw new StoreError("the SQLite store needs better-sqlite3 (npm install better-sqlite3) or Node >= 22.13 (node:sqlite)");
  }
  return { db: new nodeSqlite.DatabaseSync(path), driver: "node:sqlite" };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cec_call_results (
  call_id      TEXT PRIMARY KEY,
  vdn_id       INTEGER,
  campaign_id  TEXT,
  session_id   TEXT,
  called       TEXT,
  call_time    TEXT,
  call_status  INTEGER,
  fail_code    TEXT,
  result_code  TEXT,
  custom_field TEXT,
  record_path  TEXT,
  source       TEXT NOT NULL,
  raw          TEXT NOT NULL,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX IF NOT EXISTS cec_call_results_campaign ON cec_call_results (vdn_id, campaign_id, call_time);
CREATE INDEX IF NOT EXISTS cec_call_results_status ON cec_call_results (call_status, fail_code);
CREATE INDEX IF NOT EXISTS cec_call_results_result_code ON cec_call_results (result_code);
CREATE TABLE IF NOT EXISTS cec_transfer_records (
  tenant_id        TEXT NOT NULL,
  id               TEXT NOT NULL,
  call_id          TEXT,
  cti_call_id      TEXT,
  flow_inst_id     TEXT,
  calling_number   TEXT,
  called_number    TEXT,
  transf_number    TEXT,
  start_time       INTEGER,
  end_time         INTEGER,
  record_file_path TEXT,
  location_id      TEXT,
  op_result        TEXT,
  record_result    TEXT,
  raw              TEXT NOT NULL,
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX IF NOT EXISTS cec_transfer_records_call ON cec_transfer_records (call_id);
CREATE INDEX IF NOT EXISTS cec_transfer_records_time ON cec_transfer_records (tenant_id, start_time);
CREATE INDEX IF NOT EXISTS cec_transfer_records_calling ON cec_transfer_records (calling_number, start_time);
CREATE TABLE IF NOT EXISTS cec_sync_state (
  gateway       TEXT NOT NULL,
  vdn_id        INTEGER NOT NULL,
  campaign_id   TEXT NOT NULL,
  synced_until  TEXT,
  run_request   TEXT,
  run_checkpoint TEXT,
  records       INTEGER NOT NULL DEFAULT 0,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (gateway, vdn_id, campaign_id)
);
`;

const cols = RESULT_COLUMNS.join(", ");
const marks = RESULT_COLUMNS.map(() => "?").join(", ");
const updates = RESULT_COLUMNS.filter((c) => c !== "call_id").map((c) => `${c} = excluded.${c}`);
// A poll always wins (it has resultCode); a push only refreshes a row that came from a push.
const UPSERT_POLL = `INSERT INTO cec_call_results (${cols}) VALUES (${marks})
  ON CONFLICT (call_id) DO UPDATE SET ${updates.join(", ")}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const UPSERT_PUSH = `${UPSERT_POLL} WHERE cec_call_results.source = 'push'`;
const UPSERT_TRANSFER = `INSERT INTO cec_transfer_records (${TRANSFER_COLUMNS.join(", ")}) VALUES (${TRANSFER_COLUMNS.map(() => "?").join(", ")})
  ON CONFLICT (${TRANSFER_KEY.join(", ")}) DO UPDATE SET ${TRANSFER_COLUMNS.filter((c) => !TRANSFER_KEY.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

export class SqliteStore {
  constructor(path) {
    this.kind = "sqlite";
    this.path = path;
    try {
      ({ db: this.db, driver: this.driver } = openDatabase(path));
      this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
      this.db.exec(SCHEMA);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot open the SQLite database ${path}: ${e.message}`, { cause: e });
    }
    this.poll = this.db.prepare(UPSERT_POLL);
    this.push = this.db.prepare(UPSERT_PUSH);
    this.transfer = this.db.prepare(UPSERT_TRANSFER);
    this.getStateStmt = this.db.prepare(
      "SELECT synced_until, run_request, run_checkpoint, records, updated_at FROM cec_sync_state WHERE gateway = ? AND vdn_id = ? AND campaign_id = ?",
    );
    this.putStateStmt = this.db.prepare(`INSERT INTO cec_sync_state (gateway, vdn_id, campaign_id, synced_until, run_request, run_checkpoint, records, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (gateway, vdn_id, campaign_id) DO UPDATE SET
      synced_until = excluded.synced_until, run_request = excluded.run_request, run_checkpoint = excluded.run_checkpoint,
      records = excluded.records, updated_at = excluded.updated_at`);
  }

  // One transaction around fn; the synchronous driver makes it atomic for this process, and
  // IMMEDIATE takes the write lock at once so another process waits (busy_timeout) instead of failing late.
  #tx(fn) {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      fn();
      this.db.exec("COMMIT");
    } catch (e) {
      try {
        this.db.exec("ROLLBACK");
      } catch {}
      throw e instanceof StoreError ? e : new StoreError(`SQLite write failed: ${e.message}`, { cause: e });
    }
  }

  async getState(key) {
    const r = this.getStateStmt.get(key.gateway, key.vdnId, key.campaignId);
    if (!r) return null;
    return {
      syncedUntil: r.synced_until ?? null,
      running: r.run_request ? { request: JSON.parse(r.run_request), checkpoint: r.run_checkpoint ? JSON.parse(r.run_checkpoint) : null } : null,
      records: Number(r.records),
      updatedAt: r.updated_at,
    };
  }

  #putState(key, state) {
    this.putStateStmt.run(
      key.gateway,
      key.vdnId,
      key.campaignId,
      state.syncedUntil ?? null,
      state.running ? JSON.stringify(state.running.request) : null,
      state.running?.checkpoint ? JSON.stringify(state.running.checkpoint) : null,
      state.records ?? 0,
      new Date().toISOString(),
    );
  }

  /**
   * Upserts polled rows and saves the sync state, in one transaction. The key's gateway names the
   * table: "isales" call results, "oifde" transfer records.
   */
  async writePage(key, rows, state) {
    const stmt = key.gateway === "oifde" ? this.transfer : this.poll;
    this.#tx(() => {
      for (const row of rows) stmt.run(...row);
      if (state) this.#putState(key, state);
    });
  }

  async putState(key, state) {
    this.#tx(() => this.#putState(key, state));
  }

  /** Upserts pushed rows in one transaction. */
  async writePushed(rows) {
    this.#tx(() => {
      for (const row of rows) this.push.run(...row);
    });
  }

  /** SQLite has one writer at a time anyway; cross-process sync exclusion is PostgreSQL's job. */
  async lock() {
    return async () => {};
  }

  /** Rows of one campaign in call order (for export); an iterator, so memory stays flat. */
  async *rows({ vdnId, campaignId, from, until }) {
    const where = ["vdn_id = ?", "campaign_id = ?"];
    const args = [Number(vdnId), String(campaignId)];
    if (from) where.push("call_time >= ?") && args.push(from);
    if (until) where.push("call_time < ?") && args.push(until);
    const stmt = this.db.prepare(`SELECT ${cols} FROM cec_call_results WHERE ${where.join(" AND ")} ORDER BY call_time, call_id`);
    for (const r of stmt.iterate(...args)) yield r;
  }

  /** Transfer records of one tenant by start time (epoch ms; `from` included, `until` excluded). */
  async *transferRows({ tenantId, from, until }) {
    const where = ["tenant_id = ?"];
    const args = [String(tenantId)];
    if (from !== undefined) where.push("start_time >= ?") && args.push(from);
    if (until !== undefined) where.push("start_time < ?") && args.push(until);
    const stmt = this.db.prepare(`SELECT ${TRANSFER_COLUMNS.join(", ")} FROM cec_transfer_records WHERE ${where.join(" AND ")} ORDER BY start_time, id`);
    for (const r of stmt.iterate(...args)) yield r;
  }

  async count() {
    return Number(this.db.prepare("SELECT count(*) AS n FROM cec_call_results").get().n);
  }

  async close() {
    this.db.close();
  }
}
