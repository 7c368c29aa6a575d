// The console: boots the package, fills the connection from the simulator, wires the five forms
// to a CecClient, and shows results, the export, the overview, errors and the request log.
// Secrets (SK, app secrets) live only in the `secrets` object below: never in the DOM, the URL,
// storage or the console.
import { t, getLocale, setLocale, applyI18n, onLocaleChange } from "./i18n/index.js";
import { $, h } from "./dom.js";
import { buildForm, issueNode } from "./forms.js";
import { callResultsTable, manualDetailTable, transferTable, detailList, transcript, cdrView, transferView } from "./views.js";
import { summarize, successRateChart, failCodeChart } from "./charts.js";
import { csvLink } from "./csv.js";
import { setTenantTable, failCodeLabel } from "./failcodes.js";
import { wireLog, renderLog, onHookRequest, onHookResponse, onHookEvent } from "./requestlog.js";
const ENDPOINTS = ["callResults", "callResultDetail", "callRecords", "callManualDetail", "transferRecords"];

let lib = null;
let client = null;
let simUrl = null;
/** The server's auth-v2 signing endpoint (serve.mjs /sign), used instead of an SK in the page. */
let signerPath = null;
let dataset = null;
/** Credentials that are not secret (shown in inputs) and the secrets (memory only). */
const conn = { mode: "none", isalesUrl: "", accessKey: "", fabricUrl: "", appKey: "", oifdeUrl: "", tenantId: "" };
const secrets = { secretKey: null, appSecret: null, oifdeSecret: null, demo: false };
const forms = {};
const ui = {};
let lastError = null;
let overviewData = null;
let exportRun = null;

// ---------------------------------------------------------------- boot

async function boot() {
  applyI18n(document);
  wireLanguage();
  try {
    lib = await import("cec-calldata");
  } catch (e) {
    $("boot-status").textContent = t("bootFailed", { msg: e?.message ?? String(e) });
    $("boot-status").classList.add("error");
    return;
  }
  buildWorkspace();
  wireConnection();
  wireFaults();
  wireLog();
  wireCallView();
  renderError();
  renderOverview();
  onLocaleChange(relabelAll);

  try {
    const config = await (await fetch("/config.json", { cache: "no-store" })).json();
    simUrl = typeof config.simUrl === "string" && config.simUrl ? config.simUrl.replace(/\/+$/, "") : null;
    signerPath = typeof config.signer === "string" ? config.signer : null;
  } catch {
    simUrl = null;
  }
  if (simUrl) await useSimulator();
  else setConnStatus(null, "conn.noSim");
  $("conn-details").open = conn.mode !== "sim";
  $("boot-status").textContent = t("ready");
  $("boot-status").classList.add("done");
  document.body.dataset.ready = "true";
}

function wireLanguage() {
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => setLocale(b.dataset.lang));
  }
  syncLanguageButtons();
}

function syncLanguageButtons() {
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === getLocale()));
}

function relabelAll() {
  syncLanguageButtons();
  for (const name of ENDPOINTS) {
    forms[name].relabel();
    $(`tab-${name}`).textContent = t(`tab.${name}`);
    $(`desc-${name}`).textContent = t(`desc.${name}`);
  }
  ui.resultsTable.refresh();
  ui.cdrTable.refresh();
  ui.transferTable.refresh();
  renderCampaignPicker();
  renderPager();
  renderSecretStates();
  renderConnStatus();
  renderError();
  renderOverview();
  renderFaultStatus();
  renderExport();
  renderLog();
  for (const el of document.querySelectorAll("[data-status-key]")) el.textContent = t(el.dataset.statusKey, JSON.parse(el.dataset.statusParams || "{}"));
  if ($("call-view").open && ui.callView) renderCallView();
  // The client's own messages (errors) follow the language too.
  if (client) makeClient();
}

// ---------------------------------------------------------------- workspace: tabs, forms, results

function buildWorkspace() {
  const tabs = $("tabs");
  const panels = $("panels");
  for (const [i, name] of ENDPOINTS.entries()) {
    const tab = h("button", {
      type: "button",
      role: "tab",
      id: `tab-${name}`,
      "aria-controls": `panel-${name}`,
      "aria-selected": String(i === 0),
      tabindex: i === 0 ? "0" : "-1",
    }, t(`tab.${name}`));
    tab.addEventListener("click", () => selectTab(name));
    tab.addEventListener("keydown", (ev) => {
      const idx = ENDPOINTS.indexOf(name);
      const next = { ArrowRight: idx + 1, ArrowLeft: idx - 1, Home: 0, End: ENDPOINTS.length - 1 }[ev.key];
      if (next === undefined) return;
      ev.preventDefault();
      const target = ENDPOINTS[(next + ENDPOINTS.length) % ENDPOINTS.length];
      selectTab(target);
      $(`tab-${target}`).focus();
    });
    tabs.append(tab);
    const panel = h("div", { role: "tabpanel", id: `panel-${name}`, "aria-labelledby": `tab-${name}`, class: "panel", tabindex: "0" });
    panel.hidden = i !== 0;
    panel.append(h("p", { class: "desc", id: `desc-${name}` }, t(`desc.${name}`)));
    panels.append(panel);
  }

  // Call results: campaign picker, form with Query / Export all / Overview, export progress,
  // status + table + pager.
  const crPanel = $("panel-callResults");
  const picker = h("div", { class: "field picker" }, h("label", { for: "campaign-pick", id: "campaign-pick-label" }), h("select", { id: "campaign-pick" }));
  crPanel.append(picker);
  $("campaign-pick").addEventListener("change", () => pickCampaign($("campaign-pick").value));
  forms.callResults = buildForm(crPanel, "callResults", lib, {
    onSubmit: (req) => queryCallResults(req),
    actions: [
      { id: "export", key: "btn.export", allow: exportAllowed, onClick: (req) => startCollect(req, "export") },
      { id: "overview", key: "btn.overview", allow: exportAllowed, onClick: (req) => startCollect(req, "overview") },
    ],
  });
  const exp = h(
    "div",
    { id: "export-area", class: "export", hidden: true },
    h("label", { for: "export-progress", id: "export-progress-label" }, t("exp.progress")),
    h("progress", { id: "export-progress", max: "1", value: "0" }),
    h("p", { id: "export-status", role: "status", "aria-live": "polite" }),
    h("div", { class: "form-actions" }, h("button", { type: "button", id: "export-cancel" }, t("btn.cancel")), h("a", { id: "export-download", class: "button primary", hidden: true })),
  );
  crPanel.append(exp);
  $("export-cancel").addEventListener("click", () => exportRun?.cancel());
  ui.resultsTable = callResultsTable((row) => openCall(row), () => sortAcrossPages());
  const crResults = h(
    "div",
    { id: "results-callResults", class: "results" },
    h("p", { id: "status-callResults", class: "status", role: "status" }),
    ui.resultsTable.el,
    h(
      "nav",
      { class: "pager", id: "pager-callResults", "aria-label": "pager" },
      h("button", { type: "button", id: "page-prev" }),
      h("span", { id: "page-info" }),
      h("button", { type: "button", id: "page-next" }),
    ),
  );
  crPanel.append(crResults);
  $("page-prev").addEventListener("click", () => turnPage(-1));
  $("page-next").addEventListener("click", () => turnPage(1));

  // Result detail.
  const rdPanel = $("panel-callResultDetail");
  forms.callResultDetail = buildForm(rdPanel, "callResultDetail", lib, { onSubmit: (req) => queryDetail(req) });
  rdPanel.append(h("div", { id: "results-callResultDetail", class: "results" }, h("p", { id: "status-callResultDetail", class: "status", role: "status" }), h("div", { id: "out-callResultDetail" })));

  // Bot conversation.
  const recPanel = $("panel-callRecords");
  forms.callRecords = buildForm(recPanel, "callRecords", lib, { onSubmit: (req) => queryRecords(req) });
  recPanel.append(h("div", { id: "results-callRecords", class: "results" }, h("p", { id: "status-callRecords", class: "status", role: "status" }), h("div", { id: "out-callRecords" })));

  // CDRs.
  const cdrPanel = $("panel-callManualDetail");
  forms.callManualDetail = buildForm(cdrPanel, "callManualDetail", lib, { onSubmit: (req) => queryCdr(req) });
  ui.cdrTable = manualDetailTable();
  cdrPanel.append(h("div", { id: "results-callManualDetail", class: "results" }, h("p", { id: "status-callManualDetail", class: "status", role: "status" }), ui.cdrTable.el));

  // Transfers.
  const trPanel = $("panel-transferRecords");
  forms.transferRecords = buildForm(trPanel, "transferRecords", lib, { onSubmit: (req) => queryTransfers(req) });
  ui.transferTable = transferTable();
  trPanel.append(h("div", { id: "results-transferRecords", class: "results" }, h("p", { id: "status-transferRecords", class: "status", role: "status" }), ui.transferTable.el));

  renderCampaignPicker();
  renderPager();
}

function selectTab(name) {
  for (const n of ENDPOINTS) {
    const on = n === name;
    $(`tab-${n}`).setAttribute("aria-selected", String(on));
    $(`tab-${n}`).tabIndex = on ? 0 : -1;
    $(`panel-${n}`).hidden = !on;
  }
}

/** Export and overview may span any range: every rule but the 30-day window must hold. */
function exportAllowed(issues) {
  return issues.every((i) => i.rule === "window-too-long" || (i.field === "pageSize" || i.field === "pageNum"));
}

/** Sets a status line whose text follows the language. */
function setStatus(id, key, params = {}) {
  const el = $(id);
  el.dataset.statusKey = key;
  el.dataset.statusParams = JSON.stringify(params);
  el.textContent = t(key, params);
}

async function run(name, op) {
  const form = forms[name];
  form?.setBusy(true);
  const status = $(`status-${name}`);
  status?.setAttribute("aria-busy", "true");
  try {
    if (!client) throw notConnected();
    return await op(client);
  } catch (e) {
    showError(e, `op.${name}`);
    if (status) setStatus(status.id, "res.failed", { kind: e?.kind ?? "internal", code: e?.code ? ` ${e.code}` : "" });
    return undefined;
  } finally {
    status?.removeAttribute("aria-busy");
    form?.setBusy(false);
  }
}

function notConnected() {
  return new lib.CecError(t("conn.statusNone"), { kind: "auth" });
}

// ---- call results: one page

let lastPage = null; // { request, totalCount }

async function queryCallResults(req) {
  setStatus("status-callResults", "busy");
  await run("callResults", async (c) => {
    const res = await c.queryCallResults(req);
    const rows = res.data ?? [];
    lastPage = { request: req, totalCount: Number(res.totalCount ?? rows.length) };
    ui.resultsTable.setRows(rows);
    if (!rows.length) setStatus("status-callResults", "res.empty");
    else setStatus("status-callResults", "res.count", { n: rows.length, total: lastPage.totalCount });
    clearErrorFor("op.callResults");
  });
  renderPager();
}

/** The server cannot sort: sorting a result of several pages loads all of it (up to this many
 * rows, through iterateCallResults) so the order covers every page, not just the one shown. */
const SORT_ALL_LIMIT = 5000;

async function sortAcrossPages() {
  const p = pageInfo();
  if (!p || p.pages <= 1 || lastPage.all || p.total > SORT_ALL_LIMIT || !client) return;
  const { pageNum, pageSize, ...req } = lastPage.request;
  const page = lastPage;
  setStatus("status-callResults", "busy");
  await run("callResults", async (c) => {
    const rows = [];
    for await (const r of c.iterateCallResults(req)) rows.push(r);
    if (lastPage !== page) return; // another query replaced this result meanwhile
    lastPage = { ...page, all: true };
    ui.resultsTable.setRows(rows);
    setStatus("status-callResults", "res.sortedAll", { n: rows.length });
  });
  renderPager();
}

function pageInfo() {
  if (!lastPage) return null;
  const size = Number(lastPage.request.pageSize) || 10;
  const page = Number(lastPage.request.pageNum) || 1;
  const pages = Math.max(1, Math.ceil(lastPage.totalCount / size));
  return { size, page, pages, total: lastPage.totalCount };
}

function renderPager() {
  $("page-prev").textContent = `‹ ${t("btn.prev")}`;
  $("page-next").textContent = `${t("btn.next")} ›`;
  const p = pageInfo();
  const all = !!lastPage?.all;
  $("page-info").textContent = !p ? "" : all ? t("res.sortedAll", { n: p.total }) : t("res.page", { page: p.page, pages: p.pages, total: p.total });
  $("page-prev").disabled = !p || all || p.page <= 1;
  $("page-next").disabled = !p || all || p.page >= p.pages;
}

function turnPage(delta) {
  const p = pageInfo();
  if (!p) return;
  const next = Math.min(Math.max(1, p.page + delta), p.pages);
  forms.callResults.set({ ...lastPage.request, pageNum: next, pageSize: p.size });
  if (forms.callResults.issues.length) return;
  queryCallResults(forms.callResults.request());
}

// ---- the other endpoints

async function queryDetail(req) {
  setStatus("status-callResultDetail", "busy");
  await run("callResultDetail", async (c) => {
    const res = await c.getCallResultDetail(req);
    const d = res.data ?? res;
    const open = h("button", { type: "button", id: "detail-open-call" }, t("btn.open", { id: d.callId ?? req.callId }));
    open.addEventListener("click", () => openCall({ ...d, callId: d.callId ?? req.callId, vdnId: d.vdnId ?? req.vdnId }));
    $("out-callResultDetail").replaceChildren(detailList(d), open);
    setStatus("status-callResultDetail", "res.count", { n: 1, total: 1 });
    clearErrorFor("op.callResultDetail");
  });
}

async function queryRecords(req) {
  setStatus("status-callRecords", "busy");
  await run("callRecords", async (c) => {
    const res = await c.queryCallRecords(req);
    const list = res.recordList ?? [];
    $("out-callRecords").replaceChildren(transcript(list));
    setStatus("status-callRecords", "res.count", { n: list.length, total: list.length });
    clearErrorFor("op.callRecords");
  });
}

async function queryCdr(req) {
  setStatus("status-callManualDetail", "busy");
  await run("callManualDetail", async (c) => {
    const res = await c.queryCallManualDetail(req);
    const list = res.results ?? [];
    ui.cdrTable.setRows(list);
    setStatus("status-callManualDetail", list.length ? "res.count" : "res.empty", { n: list.length, total: res.total ?? list.length });
    clearErrorFor("op.callManualDetail");
  });
}

async function queryTransfers(req) {
  setStatus("status-transferRecords", "busy");
  await run("transferRecords", async (c) => {
    const res = await c.queryTransferRecords(req);
    const list = res.transferRecordList ?? [];
    ui.transferTable.setRows(list);
    setStatus("status-transferRecords", list.length ? "res.count" : "res.empty", { n: list.length, total: res.total ?? list.length });
    clearErrorFor("op.transferRecords");
  });
}

// ---------------------------------------------------------------- export all / overview

function progressOf(it) {
  try {
    return typeof it?.progress === "function" ? it.progress() ?? {} : {};
  } catch {
    return {};
  }
}

async function startCollect(formReq, purpose) {
  if (exportRun || !client) {
    if (!client) showError(notConnected(), "op.export");
    return;
  }
  // The iterator pages by itself: paging fields of the form do not apply.
  const { pageNum, pageSize, ...req } = formReq;
  const controller = new AbortController();
  const rows = [];
  let it;
  let cancelled = false;
  exportRun = {
    purpose,
    rows,
    req,
    state: "running",
    progress: {},
    cancel() {
      cancelled = true;
      controller.abort();
    },
  };
  forms.callResults.setBusy(true);
  $("export-download").hidden = true;
  renderExport();
  $("export-cancel").focus();
  let frame = 0;
  const tick = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      exportRun && (exportRun.progress = progressOf(it));
      renderExport();
    });
  };
  try {
    it = client.iterateCallResults(req, { signal: controller.signal });
    for await (const row of it) {
      if (cancelled) break;
      rows.push(row);
      tick();
    }
    exportRun.progress = progressOf(it);
    exportRun.state = cancelled ? "cancelled" : "done";
    if (!cancelled) clearErrorFor("op.export");
  } catch (e) {
    exportRun.progress = progressOf(it);
    if (cancelled || e?.kind === "aborted") {
      exportRun.state = "cancelled";
    } else {
      exportRun.state = "failed";
      showError(e, "op.export");
    }
  } finally {
    if (frame) cancelAnimationFrame(frame);
    try {
      await it?.return?.();
    } catch {
      /* already finished */
    }
  }
  const finished = exportRun;
  exportRun = null;
  forms.callResults.setBusy(false);
  ui.lastExport = finished;
  // A cancelled or failed export still offers what it fetched, named as partial.
  const partial = finished.state !== "done" && purpose === "export" && rows.length > 0;
  if (partial) {
    const file = `call-results-${req.vdnId}-${req.campaignId}-partial.csv`;
    csvLink($("export-download"), rows, file);
    $("export-download").dataset.rows = String(rows.length);
    $("export-download").dataset.file = file;
    $("export-download").hidden = false;
  }
  if (finished.state === "done") {
    const file = `call-results-${req.vdnId}-${req.campaignId}${req.beginTime ? `-${req.beginTime}_${req.endTime}` : ""}.csv`;
    csvLink($("export-download"), rows, file);
    $("export-download").dataset.rows = String(rows.length);
    $("export-download").dataset.file = file;
    $("export-download").hidden = false;
    overviewData = { req, summary: summarize(rows) };
    renderOverview();
    if (purpose === "overview") $("overview").scrollIntoView({ block: "start" });
  }
  renderExport(finished);
  if (finished.state === "done" && purpose === "export") $("export-download").focus();
}

function renderExport(finished = ui.lastExport) {
  const area = $("export-area");
  const r = exportRun ?? finished;
  $("export-cancel").textContent = t("btn.cancel");
  $("export-progress-label").textContent = t("exp.progress");
  if (!r) {
    area.hidden = true;
    return;
  }
  area.hidden = false;
  area.dataset.state = r.state;
  const p = r.progress ?? {};
  const n = r.rows.length;
  // totalCount is the sum of the totals of the windows fetched so far; totalKnown says whether
  // every window has reported, i.e. whether it is the grand total.
  const total = Number(p.totalCount ?? 0);
  const known = p.totalKnown === true;
  const bar = $("export-progress");
  if (r.state === "done") {
    bar.max = Math.max(n, 1);
    bar.value = bar.max;
  } else if (total > 0) {
    bar.max = Math.max(total, n);
    bar.value = n;
  } else if (r.state === "running") {
    bar.removeAttribute("value"); // indeterminate until the first page tells a total
  } else {
    bar.max = 1;
    bar.value = 0;
  }
  const w = p.windowsDone ?? 0;
  const wt = p.windowsTotal ?? "?";
  const pages = p.pagesFetched ?? 0;
  let text;
  if (r.state === "running") {
    text = total > 0 ? t(known ? "exp.running" : "exp.runningPartial", { n, total, w, wt, pages }) : t("exp.runningUnknown", { n, w, wt, pages });
  } else if (r.state === "done") text = t("exp.done", { n, wt });
  else if (r.state === "cancelled") text = t("exp.cancelled", { n });
  else text = t("exp.failed", { n });
  $("export-status").textContent = text;
  $("export-cancel").hidden = r.state !== "running";
  const link = $("export-download");
  if (!link.hidden) link.textContent = t("exp.download", { file: link.dataset.file, n: link.dataset.rows });
}

function renderOverview() {
  const box = $("ov-charts");
  if (!overviewData) {
    $("ov-caption").textContent = t("ov.none");
    box.replaceChildren();
    return;
  }
  const { req, summary } = overviewData;
  const range = req.beginTime ? `${req.beginTime} → ${req.endTime}` : t("ov.allTime");
  const rate = summary.total ? ((100 * summary.succeeded) / summary.total).toFixed(1) : "0.0";
  $("ov-caption").textContent = t("ov.caption", { c: req.campaignId, v: req.vdnId, range, n: summary.total, rate });
  const locale = getLocale();
  box.replaceChildren(successRateChart(summary.days, t), failCodeChart(summary.failCodes, (code) => failCodeLabel(code, locale), t));
}

// ---------------------------------------------------------------- call view

function wireCallView() {
  $("cv-close").addEventListener("click", () => $("call-view").close());
  $("call-view").addEventListener("close", () => {
    ui.callView?.controller.abort();
    ui.callView?.returnFocus?.focus?.();
  });
  // A click on the backdrop closes the dialog.
  $("call-view").addEventListener("click", (ev) => {
    if (ev.target === $("call-view")) $("call-view").close();
  });
}

/** The operation (Errors panel label) of each part of the call view. */
const PART_OPS = { detail: "op.callResultDetail", records: "op.callRecords", cdr: "op.callManualDetail", transfer: "op.transferRecords" };

/** Opens the call view for one call: detail, transcript, CDR with satisfaction, transfers. */
function openCall(row) {
  if (!client) return showError(notConnected(), "op.callResultDetail");
  ui.callView?.controller.abort();
  const controller = new AbortController();
  const vdnId = Number(row.vdnId ?? forms.callResults.request().vdnId);
  const callId = String(row.callId);
  const cdrReq = forms.callManualDetail.request();
  const cv = {
    row,
    callId,
    controller,
    returnFocus: document.activeElement,
    parts: { detail: { state: "loading" }, records: { state: "loading" }, cdr: { state: "loading" }, transfer: { state: "loading" } },
  };
  ui.callView = cv;
  const signal = controller.signal;
  const part = (key, promise) =>
    promise.then(
      (value) => {
        if (ui.callView !== cv) return;
        cv.parts[key] = { state: "done", value };
        renderCallView();
      },
      (error) => {
        if (ui.callView !== cv || error?.kind === "aborted") return;
        cv.parts[key] = { state: "error", error };
        renderCallView();
        // The Errors panel lists it too, under the query that failed.
        showError(error, PART_OPS[key]);
      },
    );
  part("detail", client.getCallResultDetail({ vdnId, callId }, { signal }));
  part("records", client.queryCallRecords({ vdnId, callId }, { signal }));
  part("cdr", client.queryCallManualDetail({ subCcNo: cdrReq.subCcNo ?? dataset?.subCcNo ?? "1", vdn: String(vdnId), callId }, { signal }));
  part("transfer", client.queryTransferRecords({ callId }, { signal }));
  renderCallView();
  const dialog = $("call-view");
  if (!dialog.open) dialog.showModal();
  $("cv-close").focus();
}

function renderCallView() {
  const cv = ui.callView;
  if (!cv) return;
  $("cv-title").textContent = t("cv.title", { id: cv.callId });
  const show = (id, p, render) => {
    const box = $(id);
    box.setAttribute("aria-busy", String(p.state === "loading"));
    if (p.state === "loading") box.replaceChildren(h("p", { class: "muted" }, t("cv.loading")));
    else if (p.state === "error") box.replaceChildren(errorCard(p.error, null, false));
    else box.replaceChildren(render(p.value));
  };
  show("cv-detail", cv.parts.detail, (v) => detailList(v?.data ?? v ?? {}));
  show("cv-transcript", cv.parts.records, (v) => transcript(v?.recordList));
  show("cv-cdr", cv.parts.cdr, (v) => cdrView(v?.results));
  show("cv-transfer", cv.parts.transfer, (v) => transferView(v?.transferRecordList));
}

// ---------------------------------------------------------------- errors

function showError(e, opKey) {
  lastError = { error: e, opKey };
  renderError();
}

function clearErrorFor(opKey) {
  if (lastError && lastError.opKey === opKey) {
    lastError = null;
    renderError();
  }
}

/** A card with every field of a CecError (or any other thrown value, as kind "internal"). */
function errorCard(e, opKey, dismissable = true) {
  const isCec = lib && e instanceof lib.CecError;
  const kind = isCec ? e.kind : "internal";
  const card = h("div", { class: "error-card", "data-kind": kind, "data-code": isCec ? e.code : undefined });
  const head = h("div", { class: "error-head" }, h("strong", {}, opKey ? t("err.title", { op: t(opKey) }) : t("err.h")), " ", h("span", { class: `badge kind-${kind}` }, kind));
  if (dismissable) {
    const b = h("button", { type: "button", class: "small", id: "error-dismiss" }, t("btn.dismiss"));
    b.addEventListener("click", () => {
      lastError = null;
      renderError();
    });
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
      const info = safeDescribe(e.code, e.endpoint);
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

function safeDescribe(code, endpoint) {
  try {
    return lib.describeErrorCode(String(code), { endpoint: endpoint ?? undefined, locale: getLocale() });
  } catch {
    return undefined;
  }
}

function renderError() {
  const box = $("error-box");
  if (!lastError) {
    box.replaceChildren(h("p", { class: "muted" }, t("err.none")));
    return;
  }
  box.replaceChildren(errorCard(lastError.error, lastError.opKey));
}

// ---------------------------------------------------------------- connection

function wireConnection() {
  $("conn-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    applyConnectionForm();
  });
  $("conn-use-sim").addEventListener("click", () => {
    if (simUrl) useSimulator();
    else setConnStatus(null, "conn.noSim");
  });
  $("conn-forget").addEventListener("click", () => {
    secrets.secretKey = secrets.appSecret = secrets.oifdeSecret = null;
    secrets.demo = false;
    client = null; // the wasm side is freed by its finalizer once nothing holds it
    conn.mode = "none";
    renderSecretStates();
    setConnStatus(null, "conn.forgotten");
  });
  renderSecretStates();
}

function readConnectionInputs() {
  conn.isalesUrl = $("conn-isales-url").value.trim().replace(/\/+$/, "");
  conn.accessKey = $("conn-isales-ak").value.trim();
  conn.fabricUrl = $("conn-fabric-url").value.trim().replace(/\/+$/, "");
  conn.appKey = $("conn-fabric-key").value.trim();
  conn.oifdeUrl = $("conn-oifde-url").value.trim().replace(/\/+$/, "");
  conn.tenantId = $("conn-oifde-tenant").value.trim();
  // Secrets: read once, then the input is cleared; an empty input keeps the secret in memory.
  for (const [id, key] of [["conn-isales-sk", "secretKey"], ["conn-fabric-secret", "appSecret"], ["conn-oifde-secret", "oifdeSecret"]]) {
    const input = $(id);
    if (input.value !== "") {
      secrets[key] = input.value;
      secrets.demo = false;
    }
    input.value = "";
  }
}

function applyConnectionForm() {
  readConnectionInputs();
  // Still the simulator when its URL and demo secrets are kept (e.g. only the retries changed).
  conn.mode = simUrl && secrets.demo && conn.isalesUrl === simUrl ? "sim" : "custom";
  if (makeClient()) setConnStatus(null, conn.mode === "sim" ? "conn.statusSim" : "conn.statusCustom", { url: simUrl });
  renderSecretStates();
  renderFaultStatus();
}

function fillConnectionInputs() {
  $("conn-isales-url").value = conn.isalesUrl;
  $("conn-isales-ak").value = conn.accessKey;
  $("conn-fabric-url").value = conn.fabricUrl;
  $("conn-fabric-key").value = conn.appKey;
  $("conn-oifde-url").value = conn.oifdeUrl;
  $("conn-oifde-tenant").value = conn.tenantId;
}

function renderSecretStates() {
  for (const [id, key] of [["conn-isales-sk-state", "secretKey"], ["conn-fabric-secret-state", "appSecret"], ["conn-oifde-secret-state", "oifdeSecret"]]) {
    $(id).textContent = secrets[key] ? (secrets.demo ? t("conn.secretDemo") : t("conn.secretSet")) : t("conn.secretUnset");
  }
}

let connStatus = { key: null, params: {} };
function setConnStatus(text, key = null, params = {}) {
  connStatus = { key, params, text };
  renderConnStatus();
}
function renderConnStatus() {
  $("conn-status").textContent = connStatus.key ? t(connStatus.key, connStatus.params) : connStatus.text ?? "";
}

function clientOptions() {
  const num = (id, dflt) => {
    const v = Number($(id).value);
    return Number.isFinite(v) && $(id).value !== "" ? v : dflt;
  };
  // A gateway without a base URL is left out: the client then reports calls to it as
  // not configured, and the other gateways still work.
  return {
    isales: !conn.isalesUrl
      ? undefined
      : signerPath && !secrets.secretKey
        ? { baseUrl: conn.isalesUrl, sign: serverSign }
        : { baseUrl: conn.isalesUrl, accessKey: conn.accessKey, secretKey: secrets.secretKey ?? "" },
    apiFabric: conn.fabricUrl ? { baseUrl: conn.fabricUrl, appKey: conn.appKey, appSecret: secrets.appSecret ?? "" } : undefined,
    oifde: conn.oifdeUrl ? { baseUrl: conn.oifdeUrl, tenantId: conn.tenantId, appSecret: secrets.oifdeSecret ?? "" } : undefined,
    locale: getLocale(),
    maxRetries: num("conn-retries", 3),
    timeoutMs: num("conn-timeout", 15000),
    maxConcurrency: num("conn-concurrency", 10),
    batchIntervalMs: num("conn-interval", 1000),
    onRequest: onHookRequest,
    onResponse: onHookResponse,
    logger: onHookEvent,
    // A console where the user types app secrets is a local tool; the SK can stay on the server.
    dangerouslyAllowSecretsInBrowser: true,
  };
}

/** isales.sign: the server (serve.mjs /sign, createSigningHandler) returns the Authorization value. */
async function serverSign(request) {
  const res = await fetch(signerPath, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  const answer = await res.json();
  if (!res.ok || typeof answer.authorization !== "string") throw new Error(answer.error?.message ?? `signer answered HTTP ${res.status}`);
  return answer.authorization;
}

/** (Re)creates the client from the connection state; returns whether it worked. */
function makeClient() {
  if (exportRun) return !!client; // never swap the client under a running export
  try {
    // The previous client is not freed by hand: a request may still be running on it.
    client = new lib.CecClient(clientOptions());
    loadTenantCodes(client);
    return true;
  } catch (e) {
    client = null;
    showError(e, "op.connect");
    return false;
  }
}

/** The tenant's result-code table (queryOBSResultCode, every page) for the code columns. A
 * gateway without the interface leaves the codes described by the vendor tables alone. */
async function loadTenantCodes(c) {
  if (!conn.isalesUrl) return setTenantTable([]);
  try {
    const table = [];
    for await (const code of c.iterateOBSResultCodes({ vdnId: 1 })) table.push(code);
    if (c !== client) return;
    setTenantTable(table);
    ui.resultsTable?.refresh();
  } catch {
    if (c === client) setTenantTable([]);
  }
}

async function useSimulator() {
  try {
    const res = await fetch(`${simUrl}/__sim/dataset`, { cache: "no-store" });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    dataset = readDataset(await res.json());
  } catch (e) {
    setConnStatus(null, "conn.simDown", { url: simUrl, msg: e?.message ?? String(e) });
    $("conn-details").open = true;
    return;
  }
  conn.mode = "sim";
  Object.assign(conn, dataset.public);
  // With the server's signer the page never keeps the SK.
  secrets.secretKey = signerPath ? null : dataset.secrets.secretKey;
  secrets.appSecret = dataset.secrets.appSecret;
  secrets.oifdeSecret = dataset.secrets.oifdeSecret;
  secrets.demo = true;
  delete dataset.secrets; // the copy above is the only one kept
  fillConnectionInputs();
  renderSecretStates();
  if (makeClient()) setConnStatus(null, "conn.statusSim", { url: simUrl });
  await prefillForms();
  renderFaultStatus();
  await loadFaults();
}

/** Normalises /__sim/dataset (sim/README.md) into what the console needs. */
function readDataset(ds) {
  const cred = ds.credentials ?? {};
  const isales = cred.isales ?? {};
  const fabric = cred.apiFabric ?? {};
  const oifde = cred.oifde ?? {};
  const ids = (x) => (Array.isArray(x) ? x.map(String) : []);
  return {
    public: {
      isalesUrl: simUrl,
      accessKey: String(isales.ak ?? isales.accessKey ?? ""),
      fabricUrl: simUrl,
      appKey: String(fabric.appKey ?? ""),
      oifdeUrl: simUrl,
      tenantId: String(oifde.tenantId ?? ""),
    },
    secrets: {
      secretKey: isales.sk ?? isales.secretKey ?? null,
      appSecret: fabric.appSecret ?? null,
      oifdeSecret: oifde.appSecret ?? null,
    },
    campaigns: (ds.campaigns ?? []).map((c) => ({
      id: c.campaignId,
      vdnId: c.vdnId,
      name: c.name ?? "",
      begin: c.firstCallDate ?? null,
      end: c.lastCallDate ?? null,
      calls: c.calls ?? null,
    })),
    connectedCallIds: ids(ds.sampleConnectedCallIds),
    transferCallIds: ids(ds.sampleTransferCallIds),
    subCcNo: String(ds.subCcNo ?? "1"),
  };
}

function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function renderCampaignPicker() {
  const sel = $("campaign-pick");
  $("campaign-pick-label").textContent = t("pick.campaign");
  const current = sel.value;
  const list = dataset?.campaigns ?? [];
  sel.replaceChildren(
    h("option", { value: "" }, t("pick.none")),
    ...list.map((c) => h("option", { value: String(c.id) }, `${c.id} · ${c.name} (VDN ${c.vdnId}${c.begin ? `, ${c.begin} → ${c.end}` : ""}${c.calls != null ? `, ${t("pick.calls", { n: c.calls })}` : ""})`)),
  );
  sel.value = current;
  sel.closest(".picker").hidden = !list.length;
}

function pickCampaign(id) {
  const c = dataset?.campaigns.find((x) => String(x.id) === String(id));
  if (!c) return;
  const begin = c.begin ? String(c.begin).slice(0, 10) : undefined;
  forms.callResults.set({ vdnId: c.vdnId, campaignId: c.id, beginTime: begin, endTime: begin ? addDays(begin, 30) : undefined, pageNum: 1 });
}

async function prefillForms() {
  renderCampaignPicker();
  const c = dataset.campaigns.find((x) => x.begin) ?? dataset.campaigns[0];
  if (c) {
    $("campaign-pick").value = String(c.id);
    forms.callResults.set({ pageSize: 20 });
    pickCampaign(c.id);
  }
  // A connected call (it has a bot conversation) with its VDN, for the single-call forms: the
  // simulator's ground truth for the campaign's first day (sample callIds come without VDNs).
  let call = null;
  if (c?.begin) {
    try {
      const q = new URLSearchParams({ vdnId: String(c.vdnId), campaignId: String(c.id), beginTime: c.begin, endTime: addDays(c.begin, 1) });
      const truth = await (await fetch(`${simUrl}/__sim/calls?${q}`, { cache: "no-store" })).json();
      call = (truth.data ?? []).find((r) => Number(r.callStatus) === 6) ?? null;
    } catch {
      call = null;
    }
  }
  const vdnId = call?.vdnId ?? c?.vdnId ?? 1;
  const callId = call?.callId ?? dataset.connectedCallIds[0] ?? "";
  forms.callResultDetail.set({ vdnId, callId });
  forms.callRecords.set({ vdnId, callId });
  forms.callManualDetail.set({ subCcNo: dataset.subCcNo, vdn: vdnId, callId });
  forms.transferRecords.set({ callId: dataset.transferCallIds[0] ?? callId, pageSize: "20" });
}

// ---------------------------------------------------------------- fault injection

const FAULTS = {
  "fault-503": { endpoint: "callResults", kind: "status", status: 503, every: 2 },
  "fault-latency": { endpoint: "*", kind: "latency", ms: 1500 },
  "fault-cdr500": { endpoint: "callManualDetail", kind: "status", status: 500 },
};
let faultState = { active: [], error: null };

function wireFaults() {
  for (const id of Object.keys(FAULTS)) $(id).addEventListener("change", () => pushFaults());
  renderFaultStatus();
}

async function pushFaults() {
  const list = Object.keys(FAULTS).filter((id) => $(id).checked).map((id) => FAULTS[id]);
  try {
    const res = list.length
      ? await fetch(`${simUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(list) })
      : await fetch(`${simUrl}/__sim/faults`, { method: "DELETE" });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    faultState = { active: list, error: null };
  } catch (e) {
    faultState = { active: faultState.active, error: e };
    showError(e, "op.faults");
  }
  renderFaultStatus();
}

/** Reflects faults already set on the simulator (by another tab, or a previous visit). */
async function loadFaults() {
  try {
    const res = await fetch(`${simUrl}/__sim/faults`, { cache: "no-store" });
    if (!res.ok) return;
    const body = await res.json();
    const list = Array.isArray(body) ? body : body.faults ?? [];
    for (const [id, f] of Object.entries(FAULTS)) {
      $(id).checked = list.some((x) => x.endpoint === f.endpoint && x.kind === f.kind && (x.status ?? null) === (f.status ?? null) && (x.ms ?? x.latencyMs ?? null) === (f.ms ?? null));
    }
    faultState.active = Object.keys(FAULTS).filter((id) => $(id).checked).map((id) => FAULTS[id]);
  } catch {
    /* the checkboxes stay as they are */
  }
  renderFaultStatus();
}

function renderFaultStatus() {
  const enabled = conn.mode === "sim" && !!simUrl;
  $("fault-set").disabled = !enabled;
  const labels = Object.keys(FAULTS).filter((id) => $(id).checked).map((id) => t(`fault.${id === "fault-503" ? "503" : id === "fault-latency" ? "latency" : "auth"}`));
  $("fault-status").textContent = !enabled ? t("fault.unavailable") : labels.length ? t("fault.on", { list: labels.join("; ") }) : t("fault.off");
}

// ----------------------------------------------------------------

boot().catch((e) => {
  $("boot-status").textContent = t("bootFailed", { msg: e?.message ?? String(e) });
  $("boot-status").classList.add("error");
});
