// The request log: the client's onRequest / onResponse / logger hooks feed a table of attempts
// (newest first), which shows retries. Only display fields are kept from each event.
import { t } from "./i18n/index.js";
import { $, h } from "./dom.js";

const LOG_MAX = 200;
const logRows = [];

export function wireLog() {
  $("log-clear").addEventListener("click", () => {
    logRows.length = 0;
    renderLog();
  });
  renderLog();
}

/** Pulls the few display fields out of a hook event (a CecEvent); nothing else is kept. */
function pick(info) {
  const o = info && typeof info === "object" ? info : {};
  let path = "";
  try {
    path = new URL(o.url).pathname;
  } catch {
    path = "";
  }
  return {
    endpoint: String(o.endpoint ?? ""),
    method: String(o.method ?? ""),
    path,
    attempt: Number(o.attempt ?? 0),
    status: typeof o.status === "number" ? o.status : null,
    ms: typeof o.durationMs === "number" ? o.durationMs : null,
    errorKind: o.errorKind ?? null,
    delayMs: typeof o.delayMs === "number" ? o.delayMs : null,
  };
}

function pushLog(row) {
  logRows.unshift(row);
  if (logRows.length > LOG_MAX) logRows.length = LOG_MAX;
  scheduleLog();
}

export function onHookRequest(info) {
  pushLog({ at: new Date(), ...pick(info), phase: "request" });
}

export function onHookResponse(info) {
  const p = pick(info);
  // Fill in the oldest pending attempt of the same request (rows are newest first).
  for (let i = logRows.length - 1; i >= 0; i--) {
    const r = logRows[i];
    if (r.phase === "request" && r.endpoint === p.endpoint && r.attempt === p.attempt && r.path === p.path) {
      Object.assign(r, { phase: "response", status: p.status, ms: p.ms, errorKind: p.errorKind });
      scheduleLog();
      return;
    }
  }
  pushLog({ at: new Date(), ...p, phase: "response" });
}

/** The logger hook: only its "retry" events are new (requests and responses come above). */
export function onHookEvent(info) {
  if (info?.type === "retry") pushLog({ at: new Date(), ...pick(info), phase: "retry" });
}

let logFrame = 0;
function scheduleLog() {
  if (logFrame) return;
  logFrame = requestAnimationFrame(() => {
    logFrame = 0;
    renderLog();
  });
}

export function renderLog() {
  const body = $("request-log-body");
  if (!logRows.length) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: "6", class: "empty" }, t("log.empty"))));
    return;
  }
  const p2 = (n) => String(n).padStart(2, "0");
  body.replaceChildren(
    ...logRows.slice(0, 80).map((r) => {
      const ok = r.phase === "response" && r.status !== null && r.status >= 200 && r.status < 300 && !r.errorKind;
      let outcome;
      if (r.phase === "request") outcome = t("log.sent");
      else if (r.phase === "retry") outcome = t("log.retryIn", { ms: r.delayMs ?? "?", why: r.errorKind ?? "" });
      else outcome = [r.status ?? "", r.errorKind ?? ""].filter((x) => x !== "").join(" ");
      const cls = r.phase === "request" ? "pending" : r.phase === "retry" ? "retrying" : ok ? "ok" : "bad";
      return h(
        "tr",
        { class: cls, "data-phase": r.phase, "data-endpoint": r.endpoint, "data-attempt": String(r.attempt), "data-status": r.status ?? "" },
        h("td", {}, `${p2(r.at.getHours())}:${p2(r.at.getMinutes())}:${p2(r.at.getSeconds())}`),
        h("td", {}, r.endpoint),
        h("td", { class: "num" }, r.attempt > 1 ? h("strong", { class: "retry" }, `${r.attempt} (${t("log.retry")})`) : String(r.attempt || "")),
        h("td", {}, h("code", {}, `${r.method} ${r.path}`.trim())),
        h("td", {}, outcome),
        h("td", { class: "num" }, r.ms == null ? "" : String(Math.round(r.ms))),
      );
    }),
  );
}
