// The pure-JS alternative a user would otherwise write for request validation: a zod schema of the
// callResults request with the same rules as the package's `validateCallResultsRequest`
// (README "Validation rules enforced"), written the way zod is idiomatically used.
import { z } from "zod";

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Epoch day of a real calendar date `YYYY-MM-DD`, else null. */
function epochDay(s) {
  const m = YMD.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(0);
  back.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it maps years 0..99 to 1900..1999
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return back.getTime() / 86_400_000;
}

// null, a missing key and "" all mean "absent", as in the package's rule engine.
const absent = (v) => v === undefined || v === null || v === "";
const optional = (schema) => z.preprocess((v) => (absent(v) ? undefined : v), schema.optional());

// Integer fields take a number or a string of digits, as the Java server binds them (README
// "Validation rules enforced").
const intish = (v) => (typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v);
const int = (schema) => z.preprocess(intish, schema);

const ymd = z.string().refine((s) => epochDay(s) !== null, { message: "must be a real date YYYY-MM-DD" });

export const callResultsRequest = z
  .object({
    vdnId: int(z.number().int().min(1).max(9999)),
    campaignId: z.preprocess((v) => (absent(v) ? undefined : intish(v)), z.number().int().min(1).max(2147483647)),
    sessionId: optional(z.string().refine((s) => [...s].length <= 32, { message: "at most 32 characters" })),
    customField: optional(z.string()),
    pageSize: optional(int(z.number().int())),
    pageNum: optional(int(z.number().int().min(1))),
    showDetail: optional(int(z.union([z.literal(0), z.literal(1)]))),
    beginTime: optional(ymd),
    endTime: optional(ymd),
  })
  .superRefine((r, ctx) => {
    const max = r.showDetail === 1 ? 100 : 500;
    if (r.pageSize !== undefined && (r.pageSize < 1 || r.pageSize > max)) {
      ctx.addIssue({ code: "custom", path: ["pageSize"], message: `pageSize must be 1..${max}` });
    }
    const b = r.beginTime;
    const e = r.endTime;
    if ((b === undefined) !== (e === undefined)) {
      ctx.addIssue({ code: "custom", path: [b === undefined ? "beginTime" : "endTime"], message: "both or neither" });
      return;
    }
    if (b !== undefined && e !== undefined) {
      const db = epochDay(b);
      const de = epochDay(e);
      if (db === null || de === null) return; // already reported by the field schema
      if (db >= de) ctx.addIssue({ code: "custom", path: ["beginTime"], message: "beginTime must be before endTime" });
      else if (de - db > 30) ctx.addIssue({ code: "custom", path: ["endTime"], message: "at most 30 days" });
    }
  });

