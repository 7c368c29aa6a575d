// The pure-JS alternative a user would otherwise write for response decoding: a zod schema of the
// callResults response doing the same normalisation as `decodeResponse("callResults", ...)`
// (src/normalize.rs, src/endpoints/call_results.rs): string-or-number coercion, "null"/"none"
// strings → null, a required callId, data null/absent → [], the CC-iSales envelope check.
// Written the way zod is idiomatically used: unions + transforms + refinements.
import { z } from "zod";

/** "null" / "none" (any case, trimmed) mean null on the wire (RELATED.md). */
const isNullString = (s) => {
  const t = s.trim().toLowerCase();
  return t === "null" || t === "none";
};

/** An optional string that may arrive as a number or as "null"/"none"/null/absent → string | null. */
const lenientString = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null ? null : typeof v === "number" ? String(v) : isNullString(v) ? null : v));

/** A required id (callId): a string or a number; null, "null", "none" or absent are errors. */
const requiredString = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (typeof v === "number") return String(v);
  if (isNullString(v)) {
    ctx.addIssue({ code: "custom", message: "expected a string, found null" });
    return z.NEVER;
  }
  return v;
});

/** An optional integer that may arrive as a number, a numeric string, "", "null" or null. */
const lenientInt = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null) return null;
    if (typeof v === "number") {
      if (Number.isInteger(v)) return v;
      ctx.addIssue({ code: "custom", message: "expected an integer" });
      return z.NEVER;
    }
    const t = v.trim();
    if (t === "" || isNullString(t)) return null;
    if (/^[+-]?\d+$/.test(t)) return Number(t);
    ctx.addIssue({ code: "custom", message: "expected an integer" });
    return z.NEVER;
  });

const lenientCount = lenientInt.refine((v) => v === null || v >= 0, { message: "expected a non-negative integer" });

export const callResult = z.object({
  campaignId: lenientString,
  sessionId: lenientString,
  called: lenientString,
  callTimeStr: lenientString,
  callStatus: lenientInt,
  failCode: lenientString,
  resultCode: lenientString,
  vdnId: lenientInt,
  callId: requiredString,
  recordPath: lenientString,
});

const ISALES_SUCCESS = "0200000";
const codeText = (v) =>
  typeof v === "number" ? (v === 0 ? "0" : String(v)) : typeof v === "string" && v.trim() !== "" && !isNullString(v) ? v.trim() : null;

export const callResultsResponse = z
  .object({
    resultCode: lenientString,
    resultDesc: lenientString,
    returnCode: lenientString,
    returnDesc: lenientString,
    totalCount: lenientCount,
    data: z
      .array(callResult)
      .nullable()
      .optional()
      .transform((d) => d ?? []),
  })
  .superRefine((r, ctx) => {
    // The CC-iSales envelope: a code other than 0200000 is an API error; no code at all is not
    // an iSales answer.
    const codes = [codeText(r.returnCode), codeText(r.resultCode)].filter((c) => c !== null);
    if (codes.length === 0) ctx.addIssue({ code: "custom", message: "not a CC-iSales response" });
    else if (codes.some((c) => c !== ISALES_SUCCESS)) ctx.addIssue({ code: "custom", message: `API error ${codes}` });
  });

/** The baseline decoder: JSON.parse + the schema (throws on an invalid body, as decodeResponse). */
export const decodeCallResultsZod = (text) => callResultsResponse.parse(JSON.parse(text));
