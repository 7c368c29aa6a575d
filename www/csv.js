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

function cell(v) {
  if (v === undefined || v === null) return "";
  const s = String(v);
  // Quote when needed; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows, columns = CALL_RESULT_COLUMNS) {
  const lines = [columns.join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(","));
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
