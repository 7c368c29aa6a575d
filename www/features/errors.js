// The Errors panel: the last error of any operation, as a card with every field of a CecError.
// The call view shows the same cards for its parts.
import { store } from "../state.js";
import { t, getLocale } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { issueNode } from "../forms.js";

export function showError(error, opKey) {
  store.set({ lastError: { error, opKey } });
}

/** Clears the panel once the operation that failed has succeeded. */
export function clearErrorFor(opKey) {
  if (store.get().lastError?.opKey === opKey) store.set({ lastError: null });
}

export function notConnected() {
  return new (store.get().lib.CecError)(t("conn.statusNone"), { kind: "auth" });
}

export function mountErrors() {
  store.subscribe(["lastError", "locale"], renderErrors);
  renderErrors();
}

function renderErrors() {
  const { lastError } = store.get();
  const box = $("error-box");
  if (!lastError) {
    box.replaceChildren(h("p", { class: "muted" }, t("err.none")));
    return;
  }
  box.replaceChildren(errorCard(lastError.error, lastError.opKey));
}

/** A card with every field of a CecError (or any other thrown value, as kind "internal"). */
export function errorCard(e, opKey, dismissable = true) {
  const { lib } = store.get();
  const isCec = lib && e instanceof lib.CecError;
  const kind = isCec ? e.kind : "internal";
  const card = h("div", { class: "error-card", "data-kind": kind, "data-code": isCec ? e.code : undefined });
  const head = h("div", { class: "error-head" }, h("strong", {}, opKey ? t("err.title", { op: t(opKey) }) : t("err.h")), " ", h("span", { class: `badge kind-${kind}` }, kind));
  if (dismissable) {
    const b = h("button", { type: "button", class: "small", id: "error-dismiss" }, t("btn.dismiss"));
    b.addEventListener("click", () => store.set({ lastError: null }));
    head.append(b);
  }
  card.append(head);
  const dl = h("dl", { class: "kv" });
  const row = (key, v, cls) => {
    if (v === undefined || v === null || v === "") return;
    dl.append(h("dt", {}, t(key)), h("dd", { class: cls }, v));
  };
  row("err.kind", t(`kind.${kind}`), "err-kind");
  if (isCec) {
    if (e.code) {
      row("err.code", h("code", {}, e.code), "err-code");
      const info = safeDescribe(lib, e.code, e.endpoint);
      if (info) row("err.meaning", info.message, "err-meaning");
    }
    row("err.message", e.message, "err-message");
    row("err.description", e.description, "err-description");
    row("err.httpStatus", e.httpStatus === null ? null : String(e.httpStatus), "err-http");
    row("err.endpoint", e.endpoint, "err-endpoint");
    row("err.retryable", e.retryable ? t("yes") : t("no"), "err-retryable");
    row("err.attempts", String(e.attempts ?? 0), "err-attempts");
  } else {
    row("err.message", String(e?.message ?? e), "err-message");
  }
  card.append(dl);
  if (isCec && e.issues?.length) {
    card.append(h("p", {}, t("err.issues")), h("ul", { class: "issues" }, ...e.issues.map((i) => issueNode(i, "li"))));
  }
  return card;
}

function safeDescribe(lib, code, endpoint) {
  try {
    return lib.describeErrorCode(String(code), { endpoint: endpoint ?? undefined, locale: getLocale() });
  } catch {
    return undefined;
  }
}
