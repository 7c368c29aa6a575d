// cec-calldata/sync (Node only).
import type { CecClient, CallbackCallResult, IteratorCheckpoint, IteratorProgress } from "cec-calldata";

/**
 * A sync-state key. Call results: ("isales", vdn, campaign). Transfer records: ("oifde", 0,
 * "<tenant>/<selector>=<value>"), e.g. "202604010001/userMobile=13800000000".
 */
export interface SyncKey {
  gateway: "isales" | "oifde";
  vdnId: number;
  campaignId: string;
}
export interface SyncState {
  /** Results are synced up to this day (excluded), YYYY-MM-DD. */
  syncedUntil: string | null;
  /** An interrupted run: its request and the checkpoint after the last committed page. */
  running: { request: Record<string, unknown>; checkpoint: IteratorCheckpoint | null } | null;
  records: number;
  updatedAt: string;
}
/** The store interface: SQLite (default) and PostgreSQL implement it. */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  getState(key: SyncKey): Promise<SyncState | null>;
  /** Upserts polled rows on callId and saves the state, in one transaction. */
  writePage(key: SyncKey, rows: unknown[][], state: Omit<SyncState, "updatedAt"> | null): Promise<void>;
  putState(key: SyncKey, state: Omit<SyncState, "updatedAt">): Promise<void>;
  /** Upserts pushed rows (a polled row keeps its polled fields). */
  writePushed(rows: unknown[][]): Promise<void>;
  /** PostgreSQL: the campaign's advisory lock (SyncLockedError when held and not `wait`). */
  lock(key: SyncKey, options?: { wait?: boolean }): Promise<() => Promise<void>>;
  rows(filter: { vdnId: number | string; campaignId: number | string; from?: string; until?: string }): AsyncIterable<Record<string, unknown>>;
  /** Rows of cec_transfer_records of one tenant by start time (epoch ms; `from` included, `until` excluded). */
  transferRows(filter: { tenantId: string; from?: number; until?: number }): AsyncIterable<Record<string, unknown>>;
  count(): Promise<number>;
  close(): Promise<void>;
}
/** `sqlite:./calls.db` (or a file path) or `postgres://user@host/db` (password from PGPASSWORD). */
export function openStore(url: string): Promise<Store>;

export interface SyncProgress extends IteratorProgress {
  /** Records written in this run. */
  written: number;
  /** Records per second in this run. */
  rate: number;
  etaSeconds: number | null;
  request: Record<string, unknown>;
}
export interface SyncOptions {
  client: CecClient;
  store: Store;
  vdnId: number;
  campaignId: number | string;
  /** First day (YYYY-MM-DD); required on the first run of a campaign. */
  from?: string;
  /** Day after the last (YYYY-MM-DD, excluded); default tomorrow (UTC). */
  to?: string;
  /** Later runs restart this many days before the synced end (late results). Default 2. */
  overlapDays?: number;
  /** Wait for another worker's lock instead of failing with SyncLockedError. */
  lockWait?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
}
export interface SyncResult {
  request: Record<string, unknown>;
  written: number;
  resumed: boolean;
  syncedUntil: string;
  records: number;
  seconds: number;
}
export function sync(options: SyncOptions): Promise<SyncResult>;

/** The vendor needs exactly one of these per transfer-record query (doc 05), so a sync is per selector. */
export type TransferSelector = { userMobile: string; callId?: never; ctiCallId?: never } | { callId: string; userMobile?: never; ctiCallId?: never } | { ctiCallId: string; userMobile?: never; callId?: never };
export type TransferSyncOptions = TransferSelector & {
  client: CecClient;
  store: Store;
  /** The OIFDE tenant (the client's oifde.tenantId): part of the state key and of the table's key. */
  tenantId: string;
  /** First day by start time (YYYY-MM-DD, UTC); required on the first run of a selector. */
  from?: string;
  /** Day after the last (YYYY-MM-DD, excluded); default tomorrow (UTC). */
  to?: string;
  /** Later runs restart this many days before the synced end. Default 2. */
  overlapDays?: number;
  /** 5, 10, 20, 50 or 100 (default 100). */
  pageSize?: 5 | 10 | 20 | 50 | 100;
  lockWait?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
};
/** Syncs OIFDE transfer records into cec_transfer_records (key: tenant_id, id), resumable like sync(). */
export function syncTransferRecords(options: TransferSyncOptions): Promise<SyncResult>;

export interface CallbackHandlerOptions {
  store?: Store;
  onResults?: (results: CallbackCallResult[]) => void | Promise<void>;
  /** Shared secret: the request path's last segment must equal it (else 404). At least 16 characters. */
  token?: string;
  /** Default 8 MiB; larger bodies get 413. */
  maxBodyBytes?: number;
  /** Called with a store/onResults failure (the push is answered 500 and pushed again). */
  onError?: (e: unknown) => void;
}
export interface CallbackHandler {
  (request: Request): Promise<Response>;
  /** node:http / Express / Fastify (raw) adapter. */
  node(req: NodeRequestLike, res: NodeResponseLike): void;
}
/** What the adapter uses of node:http's IncomingMessage / ServerResponse (no @types/node needed). */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  on(event: "data" | "end" | "error", listener: (...args: any[]) => void): unknown;
}
export interface NodeResponseLike {
  writeHead(status: number, headers?: Record<string, string>): { end(body?: string): unknown };
  destroy(): unknown;
}
export function createCallbackHandler(options?: CallbackHandlerOptions): CallbackHandler;
export const ACK: '{"retCode":"0","retMsg":"success"}';

export class StoreError extends Error {}
export class SyncLockedError extends Error {}
export class SyncOptionError extends Error {
  field: string;
}
export class SqliteStore implements Store {
  constructor(path: string);
  readonly kind: "sqlite";
  /** The binding in use: better-sqlite3 when installed, else Node's built-in node:sqlite. */
  readonly driver: "better-sqlite3" | "node:sqlite";
  getState(key: SyncKey): Promise<SyncState | null>;
  writePage(key: SyncKey, rows: unknown[][], state: Omit<SyncState, "updatedAt"> | null): Promise<void>;
  putState(key: SyncKey, state: Omit<SyncState, "updatedAt">): Promise<void>;
  writePushed(rows: unknown[][]): Promise<void>;
  lock(key: SyncKey, options?: { wait?: boolean }): Promise<() => Promise<void>>;
  rows(filter: { vdnId: number | string; campaignId: number | string; from?: string; until?: string }): AsyncIterable<Record<string, unknown>>;
  transferRows(filter: { tenantId: string; from?: number; until?: number }): AsyncIterable<Record<string, unknown>>;
  count(): Promise<number>;
  close(): Promise<void>;
}
export const RESULT_COLUMNS: readonly string[];
export const TRANSFER_COLUMNS: readonly string[];
