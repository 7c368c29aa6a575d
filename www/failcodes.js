// What a failCode or a resultCode means: the package's describeFailCode (the vendor tables of
// FAILCODES.md, en + zh) and the tenant's own table from queryOBSResultCode (the store's
// `tenantCodes`, loaded once the client is connected). No hand-made texts here: they drifted from
// the vendor's (00601/00603).
import { describeFailCode as describe } from "cec-calldata";
import { store } from "./state.js";

/** The vendor's meaning of a failCode in the locale, or null when no vendor table lists it. */
export function describeFailCode(code, locale) {
  if (code === undefined || code === null || code === "") return null;
  const info = describe(String(code), { locale });
  return info.known ? info.message : null;
}

/** The tenant's own description of a code (failCode or resultCode), or null. */
export function tenantDescription(code, locale) {
  const table = store.get().tenantCodes;
  if (code === undefined || code === null || code === "" || !table.length) return null;
  const info = describe(String(code), { locale, table });
  return info.source === "tenant" ? info.message : null;
}

/** The vendor category label of a failCode ("User-side release"), or null. */
export function failCategory(code, locale) {
  if (code === undefined || code === null || code === "") return null;
  return describe(String(code), { locale }).categoryLabel ?? null;
}

/** "00601 · User hung up before answering.", or the bare code. */
export function failCodeLabel(code, locale) {
  const d = describeFailCode(code, locale);
  return d ? `${code} · ${d}` : String(code ?? "");
}
