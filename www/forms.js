// The five request forms. Each is built from a small spec; as the user types, the package's own
// wasm validator runs over the request the form would send, and its issues are shown beside
// their fields (aria-describedby) or, for whole-request and cross-field rules, at the form level.
// Submit stays disabled while any issue stands.
import { t, tOr, getLocale } from "./i18n/index.js";
import { h } from "./dom.js";

const CROSS_FIELD_RULES = new Set(["both-or-neither", "one-of-required", "date-order", "window-too-long"]);

const opt = (value, key) => ({ value, key });

/** Field kinds: int (sent as a number when it is one), text, select (values are strings or numbers). */
export const FORM_SPECS = {
  callResults: {
    validator: "validateCallResultsRequest",
    fields: [
      { name: "vdnId", kind: "int", required: true },
      { name: "campaignId", kind: "int", required: true },
      { name: "beginTime", kind: "text", placeholder: "YYYY-MM-DD", hint: true, group: "range" },
      { name: "endTime", kind: "text", placeholder: "YYYY-MM-DD", hint: true, group: "range" },
      { name: "showDetail", kind: "select", options: [opt("", "opt.default"), opt(0, "opt.showDetail0"), opt(1, "opt.showDetail1")] },
      { name: "pageSize", kind: "int", hint: true },
      { name: "pageNum", kind: "int" },
      { name: "sessionId", kind: "text" },
      { name: "customField", kind: "text" },
    ],
  },
  callResultDetail: {
    validator: "validateCallResultDetailRequest",
    fields: [
      { name: "vdnId", kind: "int", required: true },
      { name: "callId", kind: "text", required: true, placeholder: "1644464743-1388" },
    ],
  },
  callRecords: {
    validator: "validateCallRecordsRequest",
    fields: [
      { name: "vdnId", kind: "int", required: true },
      { name: "callId", kind: "text", required: true, placeholder: "1644464743-1388" },
    ],
  },
  callManualDetail: {
    validator: "validateCallManualDetailRequest",
    fields: [
      { name: "subCcNo", kind: "text", required: true },
      { name: "vdn", kind: "text", required: true },
      { name: "callId", kind: "text", hint: true, group: "key" },
      { name: "beginDate", kind: "text", hint: true, group: "key" },
      { name: "endDate", kind: "text", hint: true, group: "key" },
      { name: "callerNo", kind: "text" },
      { name: "calleeNo", kind: "text" },
      {
        name: "callType",
        kind: "select",
        options: [opt("", "opt.any"), ...["0", "1", "2", "3", "4", "10", "11", "12"].map((v) => opt(v, `opt.callType${v}`))],
      },
      {
        name: "mediaType",
        kind: "select",
        options: [opt("", "opt.any"), ...["2", "5", "18", "19", "53"].map((v) => opt(v, `opt.mediaType${v}`))],
      },
      { name: "evaluationValue", kind: "text" },
    ],
  },
  transferRecords: {
    validator: "validateTransferRecordRequest",
    fields: [
      { name: "callId", kind: "text", hint: true, group: "key" },
      { name: "userMobile", kind: "text", group: "key" },
      { name: "ctiCallId", kind: "text", group: "key" },
      { name: "beginTime", kind: "text", placeholder: "yyyy-MM-dd HH:mm:ss" },
      { name: "endTime", kind: "text", placeholder: "yyyy-MM-dd HH:mm:ss" },
      { name: "pageNum", kind: "int" },
      { name: "pageSize", kind: "select", options: [opt("", "opt.default"), ...["5", "10", "20", "50", "100"].map((v) => opt(v, null))] },
    ],
  },
};

/** One issue as a list item / span: the vendor code chip (when the rule has one) and the message. */
export function issueNode(issue, tag = "span") {
  // A range over 30 days is what "Export all" is for: shown as a pointer there, not as an error.
  const hint = issue.rule === "window-too-long";
  const n = h(tag, { class: hint ? "issue-item hint" : "issue-item", "data-rule": issue.rule, "data-code": issue.code, "data-field": issue.field });
  if (issue.code) n.append(h("code", { class: "chip", text: issue.code }), " ");
  n.append(issue.message);
  if (hint) n.append(" ", h("strong", { text: t("hint.useExport") }));
  return n;
}

/**
 * Builds a form into `host`. Returns a controller:
 *   request()          the request object the form would send now
 *   issues             the current issues
 *   set(values)        fills fields (undefined/null → empty) and revalidates
 *   validate()         reruns the validator (after a language switch)
 *   relabel()          re-renders the labels in the current language
 *   setBusy(bool)      disables submitting while a request runs
 * `actions` are extra buttons: { id, key, allow(issues) → bool, onClick(request) }.
 */
export function buildForm(host, name, lib, { onSubmit, actions = [] }) {
  const spec = FORM_SPECS[name];
  const validate = lib[spec.validator];
  const prefix = `${name}-`;
  const form = h("form", { class: "req-form", id: `form-${name}`, novalidate: true, "aria-describedby": `${prefix}summary` });
  const grid = h("div", { class: "fields" });
  const inputs = new Map();
  const labels = [];

  for (const f of spec.fields) {
    const id = `${prefix}${f.name}`;
    const wrap = h("div", { class: "field", "data-field": f.name });
    const label = h("label", { for: id });
    labels.push([label, f]);
    let input;
    if (f.kind === "select") {
      input = h("select", { id, name: f.name });
      for (const o of f.options) {
        const option = h("option", { value: o.value });
        option.dataset.key = o.key ?? "";
        option.textContent = o.key ? t(o.key) : String(o.value);
        input.append(option);
      }
    } else {
      input = h("input", {
        id,
        name: f.name,
        type: "text",
        autocomplete: "off",
        spellcheck: "false",
        inputmode: f.kind === "int" ? "numeric" : undefined,
        placeholder: f.placeholder,
        "aria-required": f.required ? "true" : undefined,
      });
    }
    const describedBy = [];
    let hint = null;
    if (f.hint) {
      hint = h("p", { class: "hint", id: `${id}-hint` });
      describedBy.push(hint.id);
    }
    const err = h("p", { class: "field-issues", id: `${id}-issues` });
    describedBy.push(err.id);
    input.setAttribute("aria-describedby", describedBy.join(" "));
    wrap.append(label, input);
    if (hint) wrap.append(hint);
    wrap.append(err);
    grid.append(wrap);
    inputs.set(f.name, { f, input, err, hint });
  }

  const summary = h("div", { class: "form-issues", id: `${prefix}summary`, role: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary", id: `${prefix}submit` });
  const bar = h("div", { class: "form-actions" }, submit);
  const actionButtons = actions.map((a) => {
    const b = h("button", { type: "button", id: `${prefix}${a.id}` });
    b.dataset.key = a.key;
    b.addEventListener("click", () => {
      if (!b.disabled) a.onClick(ctl.request());
    });
    bar.append(b);
    return [b, a];
  });
  form.append(grid, summary, bar);
  host.append(form);

  let busy = false;
  const ctl = {
    form,
    issues: [],
    request() {
      const req = {};
      for (const [key, { f, input }] of inputs) {
        const raw = input.value;
        if (raw === "") continue;
        if (f.kind === "int") {
          const s = raw.trim();
          req[key] = /^[+-]?\d{1,15}$/.test(s) ? Number(s) : raw;
        } else if (f.kind === "select") {
          const o = f.options.find((o) => String(o.value) === raw);
          req[key] = o ? o.value : raw;
        } else {
          req[key] = raw;
        }
      }
      return req;
    },
    set(values) {
      for (const [key, v] of Object.entries(values)) {
        const entry = inputs.get(key);
        if (entry) entry.input.value = v === undefined || v === null ? "" : String(v);
      }
      ctl.validate();
    },
    validate() {
      let issues;
      try {
        issues = validate(ctl.request(), { locale: getLocale() });
      } catch (e) {
        issues = [{ field: "", rule: "type", message: String(e?.message ?? e) }];
      }
      ctl.issues = Array.isArray(issues) ? issues : [];
      render();
      return ctl.issues;
    },
    relabel() {
      for (const [label, f] of labels) {
        label.textContent = tOr(`f.${name}.${f.name}`, `f.${f.name}`);
        if (f.required) label.append(h("span", { class: "req", "aria-hidden": "true", text: " *" }));
      }
      for (const { f, input, hint } of inputs.values()) {
        if (hint) hint.textContent = tOr(`h.${name}.${f.name}`, `h.${f.name}`);
        if (f.kind === "select") for (const o of input.options) if (o.dataset.key) o.textContent = t(o.dataset.key);
      }
      submit.textContent = t(`submit.${name}`);
      for (const [b] of actionButtons) b.textContent = t(b.dataset.key);
      ctl.validate();
    },
    setBusy(b) {
      busy = b;
      render();
    },
  };

  function render() {
    const issues = ctl.issues;
    const byField = new Map();
    const formLevel = [];
    for (const issue of issues) {
      const known = inputs.has(issue.field);
      if (known) {
        if (!byField.has(issue.field)) byField.set(issue.field, []);
        byField.get(issue.field).push(issue);
      }
      if (!known || CROSS_FIELD_RULES.has(issue.rule)) formLevel.push(issue);
    }
    // A cross-field issue also marks the other fields of its group, so both ends of a date
    // window (or all three one-of-required keys) read as invalid.
    const groupInvalid = new Set();
    for (const issue of formLevel) {
      if (!CROSS_FIELD_RULES.has(issue.rule)) continue;
      const g = inputs.get(issue.field)?.f.group;
      for (const { f } of inputs.values()) if (f.group && (f.group === g || !g)) groupInvalid.add(f.name);
    }
    for (const [key, { input, err }] of inputs) {
      const list = byField.get(key) ?? [];
      err.replaceChildren(...list.map((i) => issueNode(i)));
      const invalid = list.length > 0 || groupInvalid.has(key);
      if (invalid) {
        input.setAttribute("aria-invalid", "true");
        if (!input.getAttribute("aria-describedby").includes(summary.id)) {
          input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby")} ${summary.id}`);
        }
      } else {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", input.getAttribute("aria-describedby").replace(` ${summary.id}`, ""));
      }
    }
    if (formLevel.length) {
      summary.replaceChildren(h("ul", {}, ...formLevel.map((i) => issueNode(i, "li"))));
    } else {
      summary.replaceChildren();
    }
    form.dataset.issues = String(issues.length);
    submit.disabled = busy || issues.length > 0;
    for (const [b, a] of actionButtons) b.disabled = busy || !(a.allow ? a.allow(issues) : issues.length === 0);
  }

  form.addEventListener("input", () => ctl.validate());
  form.addEventListener("change", () => ctl.validate());
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (busy || ctl.validate().length) return;
    onSubmit(ctl.request());
  });
  ctl.relabel();
  return ctl;
}
