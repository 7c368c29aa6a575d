// The PostgreSQL store (driver `pg`, an optional peer dependency loaded on first use). Pages are
// upserted with one multi-row INSERT per page inside the transaction that saves the checkpoint.
// Several workers: a session advisory lock per (gateway, vdn, campaign) keeps two syncs of the
// same campaign apart; other campaigns and tenants run side by side.
import { createRequire } from "node:module";
import { RESULT_COLUMNS, TRANSFER_COLUMNS, TRANSFER_KEY, StoreError, SyncLockedError, lockName, redactUrl } from "./schema.js";

const require = createRequire(import.meta.url);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cec_call_results (
  call_id      TEXT PRIMARY KEY,
  vdn_id       INTEGER,
  campaign_id  TEXT,
  session_id   TEXT,
  called       TEXT,
  call_time    TIMESTAMP,
  call_status  SMALLINT,
  fail_code    TEXT,
  result_code  TEXT,
  custom_field TEXT,
  record_path  TEXT,
  source       TEXT NOT NULL,
  raw          JSONB NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
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
  start_time       BIGINT,
  end_time         BIGINT,
  record_file_path TEXT,
  location_id      TEXT,
  op_result        TEXT,
  record_result    TEXT,
  raw              JSONB NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX IF NOT EXISTS cec_transfer_records_call ON cec_transfer_records (call_id);
CREATE INDEX IF NOT EXISTS cec_transfer_records_time ON cec_transfer_records (tenant_id, start_time);
CREATE INDEX IF NOT EXISTS cec_transfer_records_calling ON cec_transfer_records (calling_number, start_time);
CREATE TABLE IF NOT EXISTS cec_sync_state (
  gateway        TEXT NOT NULL,
  vdn_id         INTEGER NOT NULL,
  campaign_id    TEXT NOT NULL,
  synced_until   DATE,
  run_request    JSONB,
  run_checkpoint JSONB,
  records        BIGINT NOT NULL DEFAULT 0,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (gateway, vdn_id, campaign_id)
);
`;

const cols = RESULT_COLUMNS.join(", ");
const updates = RESULT_COLUMNS.filter((c) => c !== "call_id").map((c) => `${c} = excluded.${c}`).join(", ");

// The statement text per (rows, source), built once: a 500-row page has 6,500 placeholders.
const upsertTexts = new Map();

/** The upsert of `n` rows; full pages of the default sizes run as prepared statements (planned once per connection). */
function upsertQuery(n, source, values) {
  const key = `${source}_${n}`;
  let text = upsertTexts.get(key);
  if (text === undefined) {
    text = upsertSql(n, source);
    if (upsertTexts.size < 64) upsertTexts.set(key, text);
  }
  return n === 100 || n === 500 ? { name: `cec_upsert_${key}`, text, values } : { text, values };
}

/** `($1, …, $k), ($k+1, …)`: the VALUES of `n` rows of `k` columns. */
function placeholders(n, k) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(`(${Array.from({ length: k }, (_, j) => `$${i * k + j + 1}`).join(", ")})`);
  return rows.join(", ");
}

function upsertSql(n, source) {
  // A poll always wins (it has resultCode); a push only refreshes a row that came from a push.
  const guard = source === "push" ? " WHERE cec_call_results.source = 'push'" : "";
  return `INSERT INTO cec_call_results (${cols}) VALUES ${placeholders(n, RESULT_COLUMNS.length)}
    ON CONFLICT (call_id) DO UPDATE SET ${updates}, updated_at = now()${guard}`;
}

function upsertTransferSql(n) {
  const set = TRANSFER_COLUMNS.filter((c) => !TRANSFER_KEY.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");
  return `INSERT INTO cec_transfer_records (${TRANSFER_COLUMNS.join(", ")}) VALUES ${placeholders(n, TRANSFER_COLUMNS.length)}
    ON CONFLICT (${TRANSFER_KEY.join(", ")}) DO UPDATE SET ${set}, updated_at = now()`;
}

// 13 or 15 parameters a row: 1000 rows stay far below PostgreSQL's 65535-parameter limit.
async function upsertChunks(client, unique, query) {
  for (let i = 0; i < unique.length; i += 1000) await client.query(query(unique.slice(i, i + 1000)));
}

// A page may hold a callId twice only if the server repeats it; ON CONFLICT cannot touch a row
// twice in one statement, so keep the last.
function dedupe(rows, width = 1) {
  const m = new Map();
  for (const r of rows) m.set(width === 1 ? r[0] : JSON.stringify(r.slice(0, width)), r);
  return [...m.values()];
}

export class PgStore {
  static async open(connection) {
    let pg;
    try {
      pg = require("pg");
    } catch {
      throw new StoreError("the PostgreSQL store needs the pg package (npm install pg)");
    }
    const config = typeof connection === "string" ? { connectionString: connection } : { ...connection };
    const pool = new pg.Pool({ max: 4, connectionTimeoutMillis: 10000, ...config });
    pool.on("error", () => {}); // an idle client's broken connection surfaces on its next query
    const store = new PgStore(pool);
    try {
      await pool.query(SCHEMA);
    } catch (e) {
      await pool.end().catch(() => {});
      throw new StoreError(`cannot use the PostgreSQL database: ${redactUrl(e.message)}`, { cause: e });
    }
    return store;
  }

  constructor(pool) {
    this.kind = "postgres";
    this.pool = pool;
  }

  async #tx(fn) {
    let client;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new StoreError(`PostgreSQL unreachable: ${redactUrl(e.message)}`, { cause: e });
    }
    try {
      await client.query("BEGIN");
      await fn(client);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e instanceof StoreError ? e : new StoreError(`PostgreSQL write failed: ${redactUrl(e.message)}`, { cause: e });
    } finally {
      client.release();
    }
  }

  async getState(key) {
    const { rows } = await this.pool
      .query(
        "SELECT to_char(synced_until, 'YYYY-MM-DD') AS synced_until, run_request, run_checkpoint, records, updated_at FROM cec_sync_state WHERE gateway = $1 AND vdn_id = $2 AND campaign_id = $3",
        [key.gateway, key.vdnId, key.campaignId],
      )
      .catch((e) => {
        throw new StoreError(`PostgreSQL read failed: ${redactUrl(e.message)}`, { cause: e });
      });
    const r = rows[0];
    if (!r) return null;
    return {
      syncedUntil: r.synced_until ?? null,
      running: r.run_request ? { request: r.run_request, checkpoint: r.run_checkpoint ?? null } : null,
      records: Number(r.records),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  async #putState(client, key, state) {
    await client.query(
      `INSERT INTO cec_sync_state (gateway, vdn_id, campaign_id, synced_until, run_request, run_checkpoint, records, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (gateway, vdn_id, campaign_id) DO UPDATE SET
       synced_until = excluded.synced_until, run_request = excluded.run_request, run_checkpoint = excluded.run_checkpoint,
       records = excluded.records, updated_at = now()`,
      [
        key.gateway,
        key.vdnId,
        key.campaignId,
        state.syncedUntil ?? null,
        state.running ? JSON.stringify(state.running.request) : null,
        state.running?.checkpoint ? JSON.stringify(state.running.checkpoint) : null,
        state.records ?? 0,
      ],
    );
  }

  async #upsert(client, rows, source) {
    await upsertChunks(client, dedupe(rows), (chunk) => upsertQuery(chunk.length, source, chunk.flat()));
  }

  async #upsertTransfers(client, rows) {
    await upsertChunks(client, dedupe(rows, TRANSFER_KEY.length), (chunk) => ({ text: upsertTransferSql(chunk.length), values: chunk.flat() }));
  }

  /** The key's gateway names the table: "isales" call results, "oifde" transfer records. */
  async writePage(key, rows, state) {
    await this.#tx(async (c) => {
      if (key.gateway === "oifde") await this.#upsertTransfers(c, rows);
      else await this.#upsert(c, rows, "poll");
      if (state) await this.#putState(c, key, state);
    });
  }

  async putState(key, state) {
    await this.#tx((c) => this.#putState(c, key, state));
  }

  async writePushed(rows) {
    await this.#tx((c) => this.#upsert(c, rows, "push"));
  }

  /**
   * Takes the campaign's advisory lock on a dedicated session (released when it ends, also if the
   * worker dies). Without `wait`, a held lock throws SyncLockedError at once.
   */
  async lock(key, { wait = false } = {}) {
    let client;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new StoreError(`PostgreSQL unreachable: ${redactUrl(e.message)}`, { cause: e });
    }
    const name = lockName(key);
    try {
      if (wait) {
        await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [name]);
      } else {
        const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [name]);
        if (!rows[0].ok) throw new SyncLockedError(key);
      }
    } catch (e) {
      client.release();
      throw e;
    }
    return async () => {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name]).catch(() => {});
      client.release();
    };
  }

  async *rows({ vdnId, campaignId, from, until }) {
    const where = ["vdn_id = $1", "campaign_id = $2"];
    const args = [Number(vdnId), String(campaignId)];
    if (from) where.push(`call_time >= $${args.push(from)}`);
    if (until) where.push(`call_time < $${args.push(until)}`);
    yield* this.#keyset(
      (n) => `SELECT call_id, vdn_id, campaign_id, session_id, called, to_char(call_time, 'YYYY-MM-DD HH24:MI:SS') AS call_time,
           call_status, fail_code, result_code, custom_field, record_path, source, raw::text AS raw
         FROM cec_call_results WHERE ${where.join(" AND ")}
           AND (coalesce(to_char(call_time, 'YYYY-MM-DD HH24:MI:SS'), ''), call_id) > ($${n + 1}, $${n + 2})
         ORDER BY coalesce(to_char(call_time, 'YYYY-MM-DD HH24:MI:SS'), ''), call_id LIMIT 5000`,
      args,
      ["", ""],
      (last) => [last.call_time ?? "", last.call_id],
    );
  }

  /**
   * Keyset pages of 5000 rows instead of a cursor: no long transaction, flat memory. `select(n)` is
   * the query with the cursor as parameters n+1 and n+2; `cursorOf(last row)` the next cursor.
   */
  async *#keyset(select, args, after, cursorOf) {
    for (;;) {
      const { rows } = await this.pool.query(select(args.length), [...args, ...after]);
      yield* rows;
      if (rows.length < 5000) return;
      after = cursorOf(rows[rows.length - 1]);
    }
  }

  /** Transfer records of one tenant by start time (epoch ms; `from` included, `until` excluded). */
  async *transferRows({ tenantId, from, until }) {
    const where = ["tenant_id = $1"];
    const args = [String(tenantId)];
    if (from !== undefined) where.push(`start_time >= $${args.push(from)}`);
    if (until !== undefined) where.push(`start_time < $${args.push(until)}`);
    const pages = this.#keyset(
      (n) => `SELECT ${TRANSFER_COLUMNS.filter((c) => c !== "raw").join(", ")}, raw::text AS raw FROM cec_transfer_records
         WHERE ${where.join(" AND ")} AND (coalesce(start_time, -1), id) > ($${n + 1}::bigint, $${n + 2})
         ORDER BY coalesce(start_time, -1), id LIMIT 5000`,
      args,
      [-1, ""],
      (last) => [last.start_time ?? -1, last.id],
    );
    // BIGINT comes back as a string from pg; the doc's times are numbers.
    const num = (v) => (v === null ? null : Number(v));
    for await (const r of pages) yield { ...r, start_time: num(r.start_time), end_time: num(r.end_time) };
  }

  async count() {
    const { rows } = await this.pool.query("SELECT count(*)::int AS n FROM cec_call_results");
    return rows[0].n;
  }

  async close() {
    await this.pool.end();
  }
}
