// The query panels: each endpoint's form (forms.js) with a status line and its results. This
// module holds the forms, runs a query (busy state, errors, status) and shows the four single-call
// endpoints; call-results.js shows the first one.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { buildForm } from "../forms.js";
import { manualDetailTable, transferTable, detailList, transcript } from "../views.js";
import { showError, clearErrorFor, notConnected } from "./errors.js";
import { openCall } from "./callview.js";

/** Each endpoint's form controller (forms.js), by endpoint name. */
export const forms = {};

/** Builds an endpoint's form into its panel; the form relabels itself on a language switch. */
export function buildQueryForm(panel, name, options) {
  const form = buildForm(panel, name, store.get().lib, options);
  store.subscribe(["locale"], () => form.relabel());
  forms[name] = form;
  return form;
}

/** Sets an endpoint's status line (its text follows the language). */
export function setStatus(name, key, params = {}) {
  store.set({ statuses: { ...store.get().statuses, [name]: { key, params } } });
}

function renderStatuses() {
  for (const [name, { key, params }] of Object.entries(store.get().statuses)) $(`status-${name}`).textContent = t(key, params);
}

/** Runs one query of an endpoint with the client: its form is busy meanwhile, a failure goes to
 * the Errors panel and the status line. */
export async function run(name, op) {
  const form = forms[name];
  const status = $(`status-${name}`);
  form.setBusy(true);
  status.setAttribute("aria-busy", "true");
  try {
    const { client } = store.get();
    if (!client) throw notConnected();
    return await op(client);
  } catch (e) {
    showError(e, `op.${name}`);
    setStatus(name, "res.failed", { kind: e?.kind ?? "internal", code: e?.code ? ` ${e.code}` : "" });
    return undefined;
  } finally {
    status.removeAttribute("aria-busy");
    form.setBusy(false);
  }
}

/** Opens the call view for a row, with the forms' VDN and subCcNo where the row has none. */
export function openCallFromForms(row) {
  openCall(row, { vdnId: forms.callResults.request().vdnId, subCcNo: forms.callManualDetail.request().subCcNo });
}

/** The status line and the results box of an endpoint's panel. */
function resultsBox(name, body) {
  return h("div", { id: `results-${name}`, class: "results" }, h("p", { id: `status-${name}`, class: "status", role: "status" }), body);
}

/** The panels of the four single-call endpoints, and every panel's status line. */
export function mountQueries() {
  const panel = (name) => $(`panel-${name}`);

  buildQueryForm(panel("callResultDetail"), "callResultDetail", { onSubmit: queryDetail });
  panel("callResultDetail").append(resultsBox("callResultDetail", h("div", { id: "out-callResultDetail" })));

  buildQueryForm(panel("callRecords"), "callRecords", { onSubmit: queryRecords });
  panel("callRecords").append(resultsBox("callRecords", h("div", { id: "out-callRecords" })));

  const cdrTable = manualDetailTable();
  buildQueryForm(panel("callManualDetail"), "callManualDetail", { onSubmit: (req) => queryList("callManualDetail", req, cdrTable) });
  panel("callManualDetail").append(resultsBox("callManualDetail", cdrTable.el));

  const trTable = transferTable();
  buildQueryForm(panel("transferRecords"), "transferRecords", { onSubmit: (req) => queryList("transferRecords", req, trTable) });
  panel("transferRecords").append(resultsBox("transferRecords", trTable.el));

  store.subscribe(["locale"], () => {
    cdrTable.refresh();
    trTable.refresh();
  });
  store.subscribe(["statuses", "locale"], renderStatuses);
}

async function queryDetail(req) {
  setStatus("callResultDetail", "busy");
  await run("callResultDetail", async (c) => {
    const res = await c.getCallResultDetail(req);
    const d = res.data ?? res;
    const open = h("button", { type: "button", id: "detail-open-call" }, t("btn.open", { id: d.callId ?? req.callId }));
    open.addEventListener("click", () => openCallFromForms({ ...d, callId: d.callId ?? req.callId, vdnId: d.vdnId ?? req.vdnId }));
    $("out-callResultDetail").replaceChildren(detailList(d), open);
    setStatus("callResultDetail", "res.count", { n: 1, total: 1 });
    clearErrorFor("op.callResultDetail");
  });
}

async function queryRecords(req) {
  setStatus("callRecords", "busy");
  await run("callRecords", async (c) => {
    const res = await c.queryCallRecords(req);
    const list = res.recordList ?? [];
    $("out-callRecords").replaceChildren(transcript(list));
    setStatus("callRecords", "res.count", { n: list.length, total: list.length });
    clearErrorFor("op.callRecords");
  });
}

/** The endpoints whose answer is a list for a table: the method and the list's field. */
const LIST_QUERIES = {
  callManualDetail: { method: "queryCallManualDetail", list: "results" },
  transferRecords: { method: "queryTransferRecords", list: "transferRecordList" },
};

async function queryList(name, req, table) {
  const { method, list: field } = LIST_QUERIES[name];
  setStatus(name, "busy");
  await run(name, async (c) => {
    const res = await c[method](req);
    const list = res[field] ?? [];
    table.setRows(list);
    setStatus(name, list.length ? "res.count" : "res.empty", { n: list.length, total: res.total ?? list.length });
    clearErrorFor(`op.${name}`);
  });
}
