// UI text in English and Chinese. Validation messages come from the package itself (the
// validators take the same locale), so switching the language changes both together. The
// language is the store's `locale`: setLocale is one state change that every view follows.
import { store } from "../state.js";
import { LOCALES, saveLocale } from "./locale.js";
import en_US from "./en.js";
import zh_CN from "./zh.js";

const CATALOGUE = { en_US, zh_CN };

export const getLocale = () => store.get().locale;

function fill(s, params) {
  return params ? s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m)) : s;
}

export function has(key) {
  return key in CATALOGUE[getLocale()] || key in en_US;
}

export function t(key, params) {
  return fill(CATALOGUE[getLocale()][key] ?? en_US[key] ?? key, params);
}

/** The first key that exists. */
export function tOr(first, second, params) {
  return has(first) ? t(first, params) : t(second, params);
}

/** Fills [data-i18n] text and [data-i18n-<attr>] attributes under root. */
export function applyI18n(root = document) {
  for (const e of root.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n, { origin: location.origin });
  for (const e of root.querySelectorAll("[data-i18n-aria-label]")) e.setAttribute("aria-label", t(e.dataset.i18nAriaLabel));
  for (const e of root.querySelectorAll("[data-i18n-placeholder]")) e.setAttribute("placeholder", t(e.dataset.i18nPlaceholder));
  document.documentElement.lang = getLocale() === "zh_CN" ? "zh-CN" : "en";
  document.title = t("title");
}

/** The user's choice: stored, then one state change. */
export function setLocale(next) {
  if (!LOCALES.includes(next)) return;
  saveLocale(next);
  store.set({ locale: next });
}

/** Applies the static text now and after every language switch; subscribed first, so the
 * views that subscribe later already see the page's new `lang`. */
export function wireI18n() {
  applyI18n(document);
  store.subscribe(["locale"], () => applyI18n(document));
}
