// cec-calldata/sync (Node only): resumable sync into SQLite or PostgreSQL, the push receiver.
// Kept out of the main entry so browser bundles never load it; drivers load on first use.
import { SqliteStore } from "./sqlite.js";
import { StoreError, redactUrl } from "./schema.js";

export { sync, syncTransferRecords, SyncOptionError } from "./sync.js";
export { createCallbackHandler, ACK } from "./receiver.js";
export { StoreError, SyncLockedError, RESULT_COLUMNS, TRANSFER_COLUMNS } from "./schema.js";
export { SqliteStore };

/**
 * Opens a store from a URL: `sqlite:./calls.db` (or a plain file path) or
 * `postgres://user@host:5432/db` (password from PGPASSWORD or ~/.pgpass, never the URL in logs).
 */
export async function openStore(url) {
  if (typeof url !== "string" || url === "") throw new StoreError("store URL must be a non-empty string (sqlite:./calls.db or postgres://…)");
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PgStore } = await import("./pg.js");
    return PgStore.open(url);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith("sqlite:")) throw new StoreError(`unsupported store URL scheme: ${redactUrl(url)}`);
  return new SqliteStore(url.replace(/^sqlite:(\/\/)?/, ""));
}
