// The call view: a dialog that gathers, for one call, its result detail, the bot conversation, the
// CDR with its satisfaction value and any transfer with its recording path. Its four parts load at
// once; each shows its own error (the Errors panel lists it too).
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { detailList, transcript, cdrView, transferView } from "../views.js";
import { errorCard, notConnected, showError } from "./errors.js";

/** The operation (Errors panel label) of each part of the call view. */
const PART_OPS = { detail: "op.callResultDetail", records: "op.callRecords", cdr: "op.callManualDetail", transfer: "op.transferRecords" };

export function mountCallView() {
  const dialog = $("call-view");
  $("cv-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    const cv = store.get().callView;
    cv?.controller.abort();
    cv?.returnFocus?.focus?.();
  });
  // A click on the backdrop closes the dialog.
  dialog.addEventListener("click", (ev) => {
    if (ev.target === dialog) dialog.close();
  });
  store.subscribe(["callView"], renderCallView);
  store.subscribe(["locale"], () => {
    if (dialog.open) renderCallView();
  });
}

/**
 * Opens the call view for one call (a call-results row or a result detail). `vdnId` and `subCcNo`
 * are the forms' values, for a row that does not carry them.
 */
export function openCall(row, { vdnId: formVdnId, subCcNo }) {
  const { client, dataset, callView } = store.get();
  if (!client) return showError(notConnected(), "op.callResultDetail");
  callView?.controller.abort();
  const controller = new AbortController();
  const vdnId = Number(row.vdnId ?? formVdnId);
  const callId = String(row.callId);
  const cv = {
    callId,
    controller,
    returnFocus: document.activeElement,
    parts: { detail: { state: "loading" }, records: { state: "loading" }, cdr: { state: "loading" }, transfer: { state: "loading" } },
  };
  const signal = controller.signal;
  const part = (key, promise) =>
    promise.then(
      (value) => {
        if (store.get().callView !== cv) return;
        cv.parts = { ...cv.parts, [key]: { state: "done", value } };
        store.set({ callView: cv });
      },
      (error) => {
        if (store.get().callView !== cv || error?.kind === "aborted") return;
        cv.parts = { ...cv.parts, [key]: { state: "error", error } };
        store.set({ callView: cv });
        // The Errors panel lists it too, under the query that failed.
        showError(error, PART_OPS[key]);
      },
    );
  store.set({ callView: cv });
  part("detail", client.getCallResultDetail({ vdnId, callId }, { signal }));
  part("records", client.queryCallRecords({ vdnId, callId }, { signal }));
  part("cdr", client.queryCallManualDetail({ subCcNo: subCcNo ?? dataset?.subCcNo ?? "1", vdn: String(vdnId), callId }, { signal }));
  part("transfer", client.queryTransferRecords({ callId }, { signal }));
  const dialog = $("call-view");
  if (!dialog.open) dialog.showModal();
  $("cv-close").focus();
}

function renderCallView() {
  const cv = store.get().callView;
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
