// CSV export of call results (RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so spreadsheet
// programs read Chinese text correctly) and the Blob download link.
export const CALL_RESULT_COLUMNS = [
  "campaignId",
  "sessionId",
  "called",
  "callTimeStr",
  "callStatus",
  "failCode",
  "resultCode",
  "vdnId",
  "callId",
  "recordPath",
];

/** Identifier columns: a spreadsheet would drop a fail code's leading zeros and show a phone
 * number as 1.5E+10, so digit-only values there are written as text formulas (`="00601"`). */
const TEXT_COLUMNS = new Set(["campaignId", "sessionId", "called", "failCode", "resultCode", "callId"]);

function cell(v, column) {
  if (v === undefined || v === null) return "";
  const s = String(v);
  if (TEXT_COLUMNS.has(column) && /^\d+$/.test(s)) return '"=""' + s + '"""';
  // Quote when needed; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows, columns = CALL_RESULT_COLUMNS) {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c], c)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A download link for the CSV; the previous object URL of the same link is revoked. */
export function csvLink(link, rows, filename) {
  if (link.href && link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  const blob = new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" });
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  return link;
}
