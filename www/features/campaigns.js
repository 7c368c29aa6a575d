// The campaign picker above the call-results form, and the forms' first values: both from the
// simulator's dataset (the store's `dataset`).
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";
import { forms } from "./query.js";

export function mountCampaignPicker(panel) {
  panel.append(h("div", { class: "field picker" }, h("label", { for: "campaign-pick", id: "campaign-pick-label" }), h("select", { id: "campaign-pick" })));
  $("campaign-pick").addEventListener("change", () => pickCampaign($("campaign-pick").value));
  store.subscribe(["dataset", "locale"], renderCampaignPicker);
  renderCampaignPicker();
}

function renderCampaignPicker() {
  const sel = $("campaign-pick");
  $("campaign-pick-label").textContent = t("pick.campaign");
  const current = sel.value;
  const list = store.get().dataset?.campaigns ?? [];
  sel.replaceChildren(
    h("option", { value: "" }, t("pick.none")),
    ...list.map((c) => h("option", { value: String(c.id) }, `${c.id} · ${c.name} (VDN ${c.vdnId}${c.begin ? `, ${c.begin} → ${c.end}` : ""}${c.calls != null ? `, ${t("pick.calls", { n: c.calls })}` : ""})`)),
  );
  sel.value = current;
  sel.closest(".picker").hidden = !list.length;
}

function pickCampaign(id) {
  const c = store.get().dataset?.campaigns.find((x) => String(x.id) === String(id));
  if (!c) return;
  const begin = c.begin ? String(c.begin).slice(0, 10) : undefined;
  forms.callResults.set({ vdnId: c.vdnId, campaignId: c.id, beginTime: begin, endTime: begin ? addDays(begin, 30) : undefined, pageNum: 1 });
}

/** Fills every form from the dataset: its first campaign, and one of its calls. */
export async function prefillForms() {
  const { dataset, simUrl } = store.get();
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

function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
