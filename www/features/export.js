// Export all / Overview: iterateCallResults over any range (it splits 30-day windows itself),
// with a progress bar, a working Cancel and a CSV download at the end; a cancelled or failed
// export still offers the rows fetched so far as `…-partial.csv`. A finished run draws the
// overview charts. The running run is the store's `exportRun`, the finished one `lastExport`.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { csvLink } from "../csv.js";
import { showError, clearErrorFor, notConnected } from "./errors.js";
import { summarize } from "./charts.js";

export function mountExport(panel) {
  panel.append(
    h(
      "div",
      { id: "export-area", class: "export", hidden: true },
      h("label", { for: "export-progress", id: "export-progress-label" }, t("exp.progress")),
      h("progress", { id: "export-progress", max: "1", value: "0" }),
      h("p", { id: "export-status", role: "status", "aria-live": "polite" }),
      h("div", { class: "form-actions" }, h("button", { type: "button", id: "export-cancel" }, t("btn.cancel")), h("a", { id: "export-download", class: "button primary", hidden: true })),
    ),
  );
  $("export-cancel").addEventListener("click", () => store.get().exportRun?.cancel());
  store.subscribe(["exportRun", "lastExport", "locale"], renderExport);
}

function progressOf(it) {
  try {
    return typeof it?.progress === "function" ? it.progress() ?? {} : {};
  } catch {
    return {};
  }
}

/** Runs an export (`purpose` "export") or collects the rows for the overview ("overview");
 * `form` is the call-results form, busy meanwhile. */
export async function startCollect(formReq, purpose, form) {
  const { exportRun, client } = store.get();
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
  const run = {
    purpose,
    rows,
    req,
    state: "running",
    progress: {},
    download: null, // { file, rows } once there is a CSV to offer
    cancel() {
      cancelled = true;
      controller.abort();
    },
  };
  form.setBusy(true);
  store.set({ exportRun: run });
  $("export-cancel").focus();
  // Progress is drawn at most once a frame.
  let frame = 0;
  const tick = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      run.progress = progressOf(it);
      store.set({ exportRun: run });
    });
  };
  try {
    it = client.iterateCallResults(req, { signal: controller.signal });
    for await (const row of it) {
      if (cancelled) break;
      rows.push(row);
      tick();
    }
    run.progress = progressOf(it);
    run.state = cancelled ? "cancelled" : "done";
    if (!cancelled) clearErrorFor("op.export");
  } catch (e) {
    run.progress = progressOf(it);
    if (cancelled || e?.kind === "aborted") {
      run.state = "cancelled";
    } else {
      run.state = "failed";
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
  form.setBusy(false);
  const done = run.state === "done";
  // A cancelled or failed export still offers what it fetched, named as partial.
  const file = done
    ? `call-results-${req.vdnId}-${req.campaignId}${req.beginTime ? `-${req.beginTime}_${req.endTime}` : ""}.csv`
    : purpose === "export" && rows.length > 0
      ? `call-results-${req.vdnId}-${req.campaignId}-partial.csv`
      : null;
  if (file) {
    csvLink($("export-download"), rows, file);
    run.download = { file, rows: rows.length };
  }
  if (done) {
    store.set({ overview: { req, summary: summarize(rows) } });
    if (purpose === "overview") $("overview").scrollIntoView({ block: "start" });
  }
  store.set({ exportRun: null, lastExport: run });
  if (done && purpose === "export") $("export-download").focus();
}

function renderExport() {
  const { exportRun, lastExport } = store.get();
  const area = $("export-area");
  const r = exportRun ?? lastExport;
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
  link.hidden = !r.download;
  if (r.download) link.textContent = t("exp.download", { file: r.download.file, n: r.download.rows });
}
