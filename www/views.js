// Rendering of results: the call-results table, the CDR and transfer tables, the result detail,
// the bot transcript, and the CDR and transfer parts of the call view (features/callview.js).
import { t, getLocale } from "./i18n/index.js";
import { h } from "./dom.js";
import { createTable } from "./table.js";
import { describeFailCode, failCategory, tenantDescription } from "./failcodes.js";

/** "succeeded" / "failed" as a badge. */
export function statusBadge(status) {
  const s = Number(status);
  const key = s === 6 ? "status.6" : s === 5 ? "status.5" : null;
  return h("span", { class: `badge ${s === 6 ? "ok" : s === 5 ? "fail" : ""}`, "data-status": status }, key ? t(key) : t("status.other", { s: status ?? "?" }));
}

export function failCodeNode(code) {
  if (code === undefined || code === null || code === "") return "";
  const locale = getLocale();
  const d = describeFailCode(code, locale);
  const tenant = tenantDescription(code, locale);
  const category = failCategory(code, locale);
  const title = [category, tenant && `${t("fail.tenant")}: ${tenant}`].filter(Boolean).join(" — ");
  const n = h("span", { class: "failcode", title: title || undefined }, h("code", {}, String(code)));
  if (d) n.append(" ", h("span", { class: "muted" }, d));
  else if (tenant) n.append(" ", h("span", { class: "muted" }, tenant));
  return n;
}

/** A tenant resultCode with its description from the tenant's queryOBSResultCode table. */
export function resultCodeNode(code) {
  if (code === undefined || code === null || code === "") return "";
  const d = tenantDescription(code, getLocale());
  const n = h("span", { class: "resultcode" }, h("code", {}, String(code)));
  if (d) n.append(" ", h("span", { class: "muted" }, d));
  return n;
}

/** A path or URL shown as text, never as a link (recordings on OBS need their own credentials). */
function pathNode(p) {
  if (!p) return "—";
  return h("code", { class: "path", title: p }, p);
}

/** Epoch seconds or milliseconds (number or digit string) → `yyyy-MM-dd HH:mm:ss` in UTC (the
 * timezone the simulator and `callTimeStr` use); any other string is shown as it is. */
export function fmtTime(v) {
  if (v === undefined || v === null || v === "") return "";
  const s = String(v);
  if (/^\d{10}$/.test(s) || /^\d{13}$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
  }
  return s;
}

export function callResultsTable(onOpen, onSort) {
  const open = (r) => {
    const b = h("button", { type: "button", class: "link", "aria-label": t("btn.open", { id: r.callId }) }, r.callId);
    b.addEventListener("click", () => onOpen(r));
    return b;
  };
  return createTable({
    id: "table-callResults",
    caption: () => t("res.caption.callResults"),
    empty: () => t("res.none"),
    onOpen,
    onSort,
    columns: [
      { key: "callTimeStr", label: () => t("col.callTimeStr"), value: (r) => r.callTimeStr ?? "" },
      { key: "called", label: () => t("col.called"), value: (r) => r.called ?? "" },
      { key: "callStatus", label: () => t("col.callStatus"), value: (r) => r.callStatus, render: (r) => statusBadge(r.callStatus) },
      { key: "failCode", label: () => t("col.failCode"), value: (r) => r.failCode ?? "", render: (r) => failCodeNode(r.failCode) },
      { key: "resultCode", label: () => t("col.resultCode"), value: (r) => r.resultCode ?? "", render: (r) => resultCodeNode(r.resultCode) },
      { key: "sessionId", label: () => t("col.sessionId"), value: (r) => r.sessionId ?? "" },
      { key: "callId", label: () => t("col.callId"), value: (r) => r.callId ?? "", render: open },
    ],
  });
}

export function manualDetailTable() {
  return createTable({
    id: "table-callManualDetail",
    caption: () => t("res.caption.callManualDetail"),
    empty: () => t("res.none"),
    columns: [
      { key: "callId", label: () => t("col.callId"), value: (r) => r.callId ?? "" },
      { key: "callerNo", label: () => t("col.callerNo"), value: (r) => r.callerNo ?? "" },
      { key: "calleeNo", label: () => t("col.calleeNo"), value: (r) => r.calleeNo ?? "" },
      { key: "callType", label: () => t("col.callType"), value: (r) => r.callType ?? "", render: (r) => optLabel("callType", r.callType) },
      { key: "mediatype", label: () => t("col.mediatype"), value: (r) => r.mediatype ?? r.mediaType ?? "", render: (r) => optLabel("mediaType", r.mediatype ?? r.mediaType) },
      { key: "callBegin", label: () => t("col.callBegin"), value: (r) => String(r.callBegin ?? ""), render: (r) => fmtTime(r.callBegin) },
      { key: "callEnd", label: () => t("col.callEnd"), value: (r) => String(r.callEnd ?? ""), render: (r) => fmtTime(r.callEnd) },
      { key: "evaluationValue", label: () => t("col.evaluationValue"), value: (r) => r.evaluationValue ?? "", numeric: true },
      { key: "leaveReason", label: () => t("col.leaveReason"), value: (r) => r.leaveReason ?? "" },
    ],
  });
}

function optLabel(kind, v) {
  if (v === undefined || v === null || v === "") return "";
  const key = `opt.${kind}${v}`;
  const s = t(key);
  return s === key ? String(v) : s;
}

export function transferTable() {
  return createTable({
    id: "table-transferRecords",
    caption: () => t("res.caption.transferRecords"),
    empty: () => t("res.none"),
    columns: [
      { key: "callId", label: () => t("col.callId"), value: (r) => r.callId ?? "" },
      { key: "callingNumber", label: () => t("col.callingNumber"), value: (r) => r.callingNumber ?? "" },
      { key: "transfNumber", label: () => t("col.transfNumber"), value: (r) => r.transfNumber ?? "" },
      { key: "opResult", label: () => t("col.opResult"), value: (r) => r.opResult ?? "" },
      { key: "startTime", label: () => t("col.startTime"), value: (r) => Number(r.startTime) || 0, render: (r) => fmtTime(r.startTime) },
      { key: "endTime", label: () => t("col.endTime"), value: (r) => Number(r.endTime) || 0, render: (r) => fmtTime(r.endTime) },
      { key: "recordFilePath", label: () => t("col.recordFilePath"), value: (r) => r.recordFilePath ?? "", render: (r) => pathNode(r.recordFilePath) },
    ],
  });
}

/** The detail of one call result as a definition list. */
export function detailList(d) {
  const dl = h("dl", { class: "kv" });
  const row = (key, value) => dl.append(h("dt", {}, t(`detail.${key}`)), h("dd", {}, value === undefined || value === null || value === "" ? "—" : value));
  row("callId", d.callId);
  row("called", d.called);
  row("vdnId", d.vdnId === undefined ? undefined : String(d.vdnId));
  row("callStatus", statusBadge(d.callStatus));
  row("failCode", d.failCode ? failCodeNode(d.failCode) : "");
  row("resultCode", d.resultCode);
  row("ackBeginTime", d.ackBeginTime);
  row("callBeginTime", d.callBeginTime);
  row("callEndTime", d.callEndTime);
  row("recordPath", pathNode(d.recordPath));
  return dl;
}

const NULLISH_SAYING = new Set(["", "null", "none", "undefined"]);

/** The bot conversation as a chat: the system's reply, then what the subscriber said. */
export function transcript(recordList) {
  const turns = Array.isArray(recordList) ? [...recordList] : [];
  if (!turns.length) return h("p", { class: "muted" }, t("cv.noTurns"));
  turns.sort((a, b) => (Number(a.interNo) || 0) - (Number(b.interNo) || 0));
  const ol = h("ol", { class: "chat", "aria-label": t("cv.transcript") });
  for (const turn of turns) {
    const agent = String(turn.responseSource) === "1";
    if (turn.systemReply) {
      ol.append(
        h(
          "li",
          { class: `msg bot${agent ? " agent" : ""}` },
          h("p", { class: "who" }, h("strong", {}, agent ? t("cv.agent") : t("cv.bot")), " ", h("time", {}, turn.systemReplyTime ?? ""), " ", h("span", { class: "muted" }, t("cv.turn", { n: turn.interNo ?? "?" }))),
          h("p", { class: "text" }, turn.systemReply),
        ),
      );
    }
    const saying = turn.userSaying === null || turn.userSaying === undefined ? "" : String(turn.userSaying);
    const silent = NULLISH_SAYING.has(saying.trim().toLowerCase());
    const intention = turn.intention && !NULLISH_SAYING.has(String(turn.intention).toLowerCase()) ? turn.intention : null;
    ol.append(
      h(
        "li",
        { class: `msg user${silent ? " silent" : ""}` },
        h("p", { class: "who" }, h("strong", {}, t("cv.user")), " ", h("time", {}, turn.requestTime ?? "")),
        h("p", { class: "text" }, silent ? t("cv.silence") : saying),
        intention ? h("p", { class: "intent" }, t("cv.intention", { i: intention })) : null,
      ),
    );
  }
  return ol;
}

/** CDRs of one call, with the satisfaction value prominent. */
export function cdrView(results) {
  const list = Array.isArray(results) ? results : [];
  if (!list.length) return h("p", { class: "muted" }, t("cv.noCdr"));
  const wrap = h("div");
  for (const r of list) {
    const ev = r.evaluationValue;
    wrap.append(
      h(
        "div",
        { class: "cdr" },
        // 04 documents neither value list: satisfaction levels are configured per tenant, leave
        // reasons are device codes. Say so rather than show a bare number.
        h(
          "p",
          { class: "satisfaction" },
          h("span", {}, t("cv.evaluation")),
          " ",
          h("strong", { class: "sat-value" }, ev === undefined || ev === null || ev === "" ? t("cv.noEvaluation") : t("cv.evaluationLevel", { v: String(ev) })),
          ev === undefined || ev === null || ev === "" ? "" : h("span", { class: "muted" }, ` ${t("cv.evaluationNote")}`),
        ),
        kv([
          [t("col.callType"), optLabel("callType", r.callType)],
          [t("col.mediatype"), optLabel("mediaType", r.mediatype ?? r.mediaType)],
          [t("col.callerNo"), r.callerNo],
          [t("col.calleeNo"), r.calleeNo],
          [t("col.callBegin"), fmtTime(r.callBegin)],
          [t("col.callEnd"), fmtTime(r.callEnd)],
          [t("col.leaveReason"), r.leaveReason === undefined || r.leaveReason === null || r.leaveReason === "" ? "" : t("cv.leaveReasonCode", { v: String(r.leaveReason) })],
        ]),
      ),
    );
  }
  return wrap;
}

export function transferView(list) {
  const items = Array.isArray(list) ? list : [];
  if (!items.length) return h("p", { class: "muted" }, t("cv.noTransfer"));
  const wrap = h("div");
  for (const r of items) {
    wrap.append(
      h(
        "div",
        { class: "transfer" },
        kv([
          [t("col.transfNumber"), r.transfNumber],
          [t("col.opResult"), r.opResult],
          [t("col.startTime"), fmtTime(r.startTime)],
          [t("col.endTime"), fmtTime(r.endTime)],
          [t("cv.recording"), pathNode(r.recordFilePath)],
        ]),
      ),
    );
  }
  return wrap;
}

function kv(pairs) {
  const dl = h("dl", { class: "kv" });
  for (const [k, v] of pairs) dl.append(h("dt", {}, k), h("dd", {}, v === undefined || v === null || v === "" ? "—" : v));
  return dl;
}
