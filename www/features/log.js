// The request log: the client's onRequest / onResponse / logger hooks feed the store's `log` of
// attempts (newest first), which shows retries. Only display fields are kept from each event.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";

const LOG_MAX = 200;

export function mountLog() {
  $("log-clear").addEventListener("click", () => store.set({ log: [] }));
  // Hooks fire once per request, so the table is redrawn at most once a frame.
  store.subscribe(["log"], scheduleRender);
  store.subscribe(["locale"], renderLog);
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
  store.set({ log: [row, ...store.get().log].slice(0, LOG_MAX) });
}

export function onHookRequest(info) {
  pushLog({ at: new Date(), ...pick(info), phase: "request" });
}

export function onHookResponse(info) {
  const p = pick(info);
  const log = store.get().log;
  // Fill in the oldest pending attempt of the same request (rows are newest first).
  for (let i = log.length - 1; i >= 0; i--) {
    const r = log[i];
    if (r.phase === "request" && r.endpoint === p.endpoint && r.attempt === p.attempt && r.path === p.path) {
      const next = [...log];
      next[i] = { ...r, phase: "response", status: p.status, ms: p.ms, errorKind: p.errorKind };
      store.set({ log: next });
      return;
    }
  }
  pushLog({ at: new Date(), ...p, phase: "response" });
}

/** The logger hook: only its "retry" events are new (requests and responses come above). */
export function onHookEvent(info) {
  if (info?.type === "retry") pushLog({ at: new Date(), ...pick(info), phase: "retry" });
}

let frame = 0;
function scheduleRender() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderLog();
  });
}

function renderLog() {
  const body = $("request-log-body");
  const log = store.get().log;
  if (!log.length) {
    body.replaceChildren(h("tr", {}, h("td", { colspan: "6", class: "empty" }, t("log.empty"))));
    return;
  }
  const p2 = (n) => String(n).padStart(2, "0");
  body.replaceChildren(
    ...log.slice(0, 80).map((r) => {
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
