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
export function decodeResponse(endpoint: "obsResultCodes", bodyText: string, options?: ValidateOptions): ObsResultCodesResponse;
