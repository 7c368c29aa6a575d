// The call-results panel: the campaign picker, the form (Query, Export all, Overview), the export
// progress, and one page of results (the store's `lastPage`) in a sortable table with a pager.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { callResultsTable } from "../views.js";
import { clearErrorFor } from "./errors.js";
import { forms, buildQueryForm, run, setStatus, openCallFromForms } from "./query.js";
import { mountCampaignPicker } from "./campaigns.js";
import { mountExport, startCollect } from "./export.js";

/** The server cannot sort: sorting a result of several pages loads all of it (up to this many
 * rows, through iterateCallResults) so the order covers every page, not just the one shown. */
const SORT_ALL_LIMIT = 5000;

export function mountCallResults() {
  const panel = $("panel-callResults");
  mountCampaignPicker(panel);
  const form = buildQueryForm(panel, "callResults", {
    onSubmit: queryCallResults,
    actions: [
      { id: "export", key: "btn.export", allow: exportAllowed, onClick: (req) => startCollect(req, "export", form) },
      { id: "overview", key: "btn.overview", allow: exportAllowed, onClick: (req) => startCollect(req, "overview", form) },
    ],
  });
  mountExport(panel);
  const table = callResultsTable(openCallFromForms, sortAcrossPages);
  panel.append(
    h(
      "div",
      { id: "results-callResults", class: "results" },
      h("p", { id: "status-callResults", class: "status", role: "status" }),
      table.el,
      h(
        "nav",
        { class: "pager", id: "pager-callResults", "aria-label": "pager" },
        h("button", { type: "button", id: "page-prev" }),
        h("span", { id: "page-info" }),
        h("button", { type: "button", id: "page-next" }),
      ),
    ),
  );
  $("page-prev").addEventListener("click", () => turnPage(-1));
  $("page-next").addEventListener("click", () => turnPage(1));
  store.subscribe(["lastPage"], ({ lastPage }) => table.setRows(lastPage.rows));
  store.subscribe(["locale", "tenantCodes"], () => table.refresh());
  store.subscribe(["lastPage", "locale"], renderPager);
  renderPager();
}

/** Export and overview may span any range: every rule but the 30-day window must hold. */
function exportAllowed(issues) {
  return issues.every((i) => i.rule === "window-too-long" || (i.field === "pageSize" || i.field === "pageNum"));
}

async function queryCallResults(req) {
  setStatus("callResults", "busy");
  await run("callResults", async (c) => {
    const res = await c.queryCallResults(req);
    const rows = res.data ?? [];
    const totalCount = Number(res.totalCount ?? rows.length);
    store.set({ lastPage: { request: req, totalCount, rows } });
    if (!rows.length) setStatus("callResults", "res.empty");
    else setStatus("callResults", "res.count", { n: rows.length, total: totalCount });
    clearErrorFor("op.callResults");
  });
}

async function sortAcrossPages() {
  const { lastPage: page, client } = store.get();
  const p = pageInfo(page);
  if (!p || p.pages <= 1 || page.all || p.total > SORT_ALL_LIMIT || !client) return;
  const { pageNum, pageSize, ...req } = page.request;
  setStatus("callResults", "busy");
  await run("callResults", async (c) => {
    const rows = [];
    for await (const r of c.iterateCallResults(req)) rows.push(r);
    if (store.get().lastPage !== page) return; // another query replaced this result meanwhile
    store.set({ lastPage: { ...page, rows, all: true } });
    setStatus("callResults", "res.sortedAll", { n: rows.length });
  });
}

function pageInfo(lastPage) {
  if (!lastPage) return null;
  const size = Number(lastPage.request.pageSize) || 10;
  const page = Number(lastPage.request.pageNum) || 1;
  const pages = Math.max(1, Math.ceil(lastPage.totalCount / size));
  return { size, page, pages, total: lastPage.totalCount };
}

function renderPager() {
  const { lastPage } = store.get();
  $("page-prev").textContent = `‹ ${t("btn.prev")}`;
  $("page-next").textContent = `${t("btn.next")} ›`;
  const p = pageInfo(lastPage);
  const all = !!lastPage?.all;
  $("page-info").textContent = !p ? "" : all ? t("res.sortedAll", { n: p.total }) : t("res.page", { page: p.page, pages: p.pages, total: p.total });
  $("page-prev").disabled = !p || all || p.page <= 1;
  $("page-next").disabled = !p || all || p.page >= p.pages;
}

function turnPage(delta) {
  const { lastPage } = store.get();
  const p = pageInfo(lastPage);
  if (!p) return;
  const next = Math.min(Math.max(1, p.page + delta), p.pages);
  forms.callResults.set({ ...lastPage.request, pageNum: next, pageSize: p.size });
  if (forms.callResults.issues.length) return;
  queryCallResults(forms.callResults.request());
}
