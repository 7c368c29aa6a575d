// failCode values of outbound calls (RELATED.md, "failCode values seen in CEC docs"), in English
// and Chinese. Where the docs only give the category (user side, platform, resources, system),
// the category is the description. Unknown codes are shown bare: the full list is tenant/platform specific.
const FAIL_CODES = {
  "00000": ["Success", "成功"],
  "0": ["Success", "成功"],
  "00129": ["Unallocated number", "空号"],
  "00145": ["User busy", "用户忙"],
  "00208": ["Powered off", "关机"],
  "00209": ["Suspended (out of service)", "停机"],
  "00531": ["Callee rejected the call", "被叫拒接"],
  "00537": ["User-side failure", "用户侧原因"],
  "00538": ["User-side failure", "用户侧原因"],
  "00548": ["User-side failure", "用户侧原因"],
  "00549": ["User-side failure", "用户侧原因"],
  "00551": ["User-side failure", "用户侧原因"],
  "00601": ["No answer", "无人接听"],
  "00602": ["No resources available", "资源不足"],
  "00603": ["Callee hung up while ringing", "振铃时被叫挂机"],
  "00604": ["Callee unreachable", "被叫无法接通"],
  "00605": ["Resource shortage", "资源不足"],
  "00606": ["System failure", "系统故障"],
  "00701": ["User-side failure", "用户侧原因"],
  "00702": ["Platform failure", "平台侧原因"],
  "01040": ["Platform failure", "平台侧原因"],
  "01043": ["Platform failure", "平台侧原因"],
  "01046": ["Platform failure", "平台侧原因"],
  "01048": ["Resource shortage", "资源不足"],
  "01049": ["Platform failure", "平台侧原因"],
  "34601": ["Platform failure", "平台侧原因"],
  "34605": ["Platform failure", "平台侧原因"],
  "34606": ["Platform failure", "平台侧原因"],
  "34608": ["Platform failure", "平台侧原因"],
  "34611": ["System failure", "系统故障"],
};

/** The description of a failCode in the locale, or null when the code is not in the table. */
export function describeFailCode(code, locale) {
  const entry = FAIL_CODES[String(code ?? "")];
  if (!entry) return null;
  return locale === "zh_CN" ? entry[1] : entry[0];
}

/** "00601 · No answer", or the bare code. */
export function failCodeLabel(code, locale) {
  const d = describeFailCode(code, locale);
  return d ? `${code} · ${d}` : String(code ?? "");
}
