// The language choice: the only thing the console ever stores.
const STORAGE_KEY = "cec-console-locale";
export const LOCALES = ["en_US", "zh_CN"];

export function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch {
    /* storage may be disabled */
  }
  return /^zh\b/i.test(navigator.language ?? "") ? "zh_CN" : "en_US";
}

export function saveLocale(locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* ignore */
  }
}
