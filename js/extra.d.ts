// ---- hand-written declarations for the JS layer (js/runtime.js) ----

/** What went wrong, coarsely. */
export type CecErrorKind = "validation" | "api" | "http" | "network" | "timeout" | "aborted" | "auth" | "decode";

/** Every failure of this package. `instanceof CecError` holds for errors thrown from wasm. */
export declare class CecError extends Error {
  constructor(message: string, fields?: Partial<CecErrorFields>);
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
}

/** Parses one response body into the typed, normalised model; throws CecError ("api", "decode"). */
export function decodeResponse(endpoint: "callResultDetail", bodyText: string, options?: ValidateOptions): CallResultDetailResponse;
export function decodeResponse(endpoint: "callResults", bodyText: string, options?: ValidateOptions): CallResultsResponse;
export function decodeResponse(endpoint: "callRecords", bodyText: string, options?: ValidateOptions): CallRecordsResponse;
export function decodeResponse(endpoint: "callManualDetail", bodyText: string, options?: ValidateOptions): CallManualDetailResponse;
export function decodeResponse(endpoint: "transferRecords", bodyText: string, options?: ValidateOptions): TransferRecordsResponse;

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
