// `cec-calldata export`: the stored rows of one campaign as CSV or NDJSON, streamed.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { TRANSFER_COLUMNS } from "./schema.js";
import { parseYmd } from "./sync.js";

const CSV_COLUMNS = ["call_id", "vdn_id", "campaign_id", "session_id", "called", "call_time", "call_status", "fail_code", "result_code", "custom_field", "record_path", "source"];
// Columns a spreadsheet must keep as text: leading zeros (failCode 00531), long digit strings (phone numbers, ids).
const TEXT_COLUMNS = new Set(["call_id", "campaign_id", "session_id", "called", "fail_code", "result_code", "custom_field", "record_path"]);

// Transfer records: every string column is text; times stay epoch milliseconds (the doc's unit).
const TRANSFER_CSV_COLUMNS = TRANSFER_COLUMNS.filter((c) => c !== "raw");
const TRANSFER_TEXT_COLUMNS = new Set(TRANSFER_CSV_COLUMNS.filter((c) => c !== "start_time" && c !== "end_time"));

/** One CSV cell, safe for spreadsheets: formulas neutralised, codes and numbers kept as text. */
export function csvCell(value, column, text = TEXT_COLUMNS) {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (text.has(column) && /^[0-9+][0-9 ]*$/.test(s)) {
    // ="00531" is read as the text 00531 by Excel, LibreOffice and Sheets (a constant, not a formula that computes).
    return `"=""${s}"""`;
  }
  let quote = false;
  if (/^[=+\-@\t\r]/.test(s)) {
    s = `'${s}`;
    quote = true;
  }
  return quote || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportRows(store, a, io) {
  const out = a.out === undefined || a.out === "-" ? io.stdout : createWriteStream(a.out);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  let n = 0;
  const isTransfers = a.what === "transfer-records";
  const columns = isTransfers ? TRANSFER_CSV_COLUMNS : CSV_COLUMNS;
  const text = isTransfers ? TRANSFER_TEXT_COLUMNS : TEXT_COLUMNS;
  const ms = (d) => (d === undefined ? undefined : parseYmd(d));
  const rows = isTransfers
    ? store.transferRows({ tenantId: a.tenant, from: ms(a.from), until: ms(a.until) })
    : store.rows({ vdnId: a.vdn, campaignId: a.campaign, from: a.from, until: a.until });
  if (a.format === "csv") await write(`${columns.join(",")}\r\n`);
  for await (const r of rows) {
    if (a.format === "csv") await write(`${columns.map((c) => csvCell(r[c], c, text)).join(",")}\r\n`);
    else await write(`${typeof r.raw === "string" ? r.raw : JSON.stringify(r.raw)}\n`);
    n++;
  }
  if (out !== io.stdout) {
    out.end();
    await once(out, "finish");
  }
  return n;
}
