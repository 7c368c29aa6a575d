// ---- hand-written declarations for the JS layer (js/runtime.js) ----

/** What went wrong, coarsely. */
export type CecErrorKind = "validation" | "api" | "http" | "network" | "timeout" | "aborted" | "auth" | "decode" | "internal";

/** Every failure of this package. `instanceof CecError` holds for errors thrown from wasm. */
export declare class CecError extends Error {
  constructor(message: string, fields?: Partial<CecErrorFields>, options?: { cause?: unknown });
  readonly name: "CecError";
  /** What went wrong, coarsely. */
  kind: CecErrorKind;
  /** Vendor error code (`"0200011"`, or an OIFDE errorCode as a string), when there is one. */
  code: string | null;
  /** HTTP status of the last attempt, when one was received. */
  httpStatus: number | null;
  /** Which endpoint the failing operation was about. */
  endpoint: Endpoint | null;
  /** Every validation issue (kind `"validation"`). */
  issues: Issue[];
  /** The server's own description (resultDesc, errorMessage, ...), verbatim. */
  description: string | null;
  /** Whether sending the same request again may succeed. */
  retryable: boolean;
  /** How many HTTP attempts were made (0 when nothing was sent). */
  attempts: number;
  /** The gateway's request id of the last response (`X-Request-Id`, ...), when it sent one. */
  requestId: string | null;
  /** Network errors: what fetch rejected with (its `code` is also in the message). Aborts: the
   * signal's `reason`. */
  cause?: unknown;
  toJSON(): CecErrorFields & { name: "CecError"; message: string };
}

export interface CecErrorFields {
  kind: CecErrorKind;
  code: string | null;
  httpStatus: number | null;
  endpoint: Endpoint | null;
  issues: Issue[];
  description: string | null;
  retryable: boolean;
  attempts: number;
  requestId: string | null;
}

/** One gateway in `client.checkConnection()`'s report. */
export interface GatewayCheck {
  /** The gateway answered an authenticated request (a vendor code counts: auth passed). */
  ok: boolean;
  /** CC-iSales: the auth-v2 profile in use (pinned by `signing: "auto"`, or the fixed one). */
  signingProfile?: "A" | "B" | "custom";
  latencyMs: number;
  /** Why it is not ok: what to change is in its `kind` and `message`. */
  error?: CecError;
}

/** `client.checkConnection()`: one entry per configured gateway. */
export interface ConnectionReport {
  isales?: GatewayCheck;
  apiFabric?: GatewayCheck;
  oifde?: GatewayCheck;
}

/** Parses one response body into the typed, normalised model; throws CecError ("api", "decode"). */
export function decodeResponse(endpoint: "callResultDetail", bodyText: string, options?: ValidateOptions): CallResultDetailResponse;
export function decodeResponse(endpoint: "callResults", bodyText: string, options?: ValidateOptions): CallResultsResponse;
export function decodeResponse(endpoint: "callRecords", bodyText: string, options?: ValidateOptions): CallRecordsResponse;
export function decodeResponse(endpoint: "callManualDetail", bodyText: string, options?: ValidateOptions): CallManualDetailResponse;
export function decodeResponse(endpoint: "transferRecords", bodyText: string, options?: ValidateOptions): TransferRecordsResponse;
export function decodeResponse(endpoint: "obsResultCodes", bodyText: string, options?: ValidateOptions): ObsResultCodesResponse;

/** What `isales.sign` receives: exactly what the client will send. `headers` holds the signed
 * headers only (lower-case names, values as sent). */
export interface SignRequest {
  method: "GET" | "POST";
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  timestamp: string;
  /** Without query parameters, whether the canonical request keeps an empty query line. */
  queryLine: "keep" | "omit";
}

/** A Web-standard handler that signs CC-iSales requests for `isales.sign`; `.node(req, res)`
 * adapts it to node:http. */
export interface SigningHandler {
  (request: Request): Promise<Response>;
  /** node:http adapter: `createServer((req, res) => handler.node(req, res))`. Typed structurally
   * so the declarations need no @types/node. */
  node(
    req: AsyncIterable<string | Uint8Array> & { method?: string },
    res: { writeHead(status: number, headers: Record<string, string>): unknown; end(body?: string): unknown },
  ): Promise<void>;
}

/** The server half of `isales.sign`: signs only requests to the documented CC-iSales endpoints
 * under `allow` (base URLs), with a timestamp within 5 minutes. Answers `{ authorization }`, or
 * `{ error }` with 400 (malformed) / 403 (refused). */
export function createSigningHandler(options: { accessKey: string; secretKey: string; allow: string | string[] }): SigningHandler;

/** `iterator.checkpoint()`: plain JSON data (no secrets) to store and pass back as `{ resume }`. */
export interface IteratorCheckpoint {
  v: 1;
  endpoint: "callResults" | "transferRecords";
  /** Fingerprint of the request: a checkpoint only resumes the same request. */
  request: string;
  window: number;
  page: number;
  offset: number;
  /** Items consumed so far, over every run. */
  yielded: number;
  /** The iteration had finished. */
  done: boolean;
}

/** One page of `iterator.pages()`: its items and the checkpoint after them. */
export interface IteratorPage<T> {
  items: T[];
  checkpoint: IteratorCheckpoint;
}

export interface CallResultsIterator {
  /** Page by page (each with the checkpoint after it), for batched writes. */
  pages(): AsyncIterableIterator<IteratorPage<CallResult>>;
}
export interface TransferRecordsIterator {
  /** Page by page (each with the checkpoint after it), for batched writes. */
  pages(): AsyncIterableIterator<IteratorPage<TransferRecord>>;
}
export interface ObsCodesIterator {
  /** Page by page, for batched writes (its checkpoints are not resumable). */
  pages(): AsyncIterableIterator<IteratorPage<ObsCode>>;
}
