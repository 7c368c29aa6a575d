// Fault injection: the checkboxes set the simulator's faults (POST/DELETE /__sim/faults), so its
// 503s and delays show up as retries in the request log and as errors in the Errors panel. The
// checkboxes are the state: they show what was last set on the simulator.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $ } from "../dom.js";
import { showError } from "./errors.js";

/** Each checkbox's fault, as the simulator takes it, and its label. */
const FAULTS = {
  "fault-503": { endpoint: "callResults", kind: "status", status: 503, every: 2 },
  "fault-latency": { endpoint: "*", kind: "latency", ms: 1500 },
  "fault-cdr500": { endpoint: "callManualDetail", kind: "status", status: 500 },
};
const LABELS = { "fault-503": "fault.503", "fault-latency": "fault.latency", "fault-cdr500": "fault.auth" };

export function mountFaults() {
  for (const id of Object.keys(FAULTS)) $(id).addEventListener("change", () => pushFaults());
  store.subscribe(["conn", "simUrl", "locale"], renderFaultStatus);
  renderFaultStatus();
}

const checkedIds = () => Object.keys(FAULTS).filter((id) => $(id).checked);

async function pushFaults() {
  const { simUrl } = store.get();
  const list = checkedIds().map((id) => FAULTS[id]);
  try {
    const res = list.length
      ? await fetch(`${simUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(list) })
      : await fetch(`${simUrl}/__sim/faults`, { method: "DELETE" });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  } catch (e) {
    showError(e, "op.faults");
  }
  renderFaultStatus();
}

/** Reflects faults already set on the simulator (by another tab, or a previous visit). */
export async function loadFaults() {
  const { simUrl } = store.get();
  try {
    const res = await fetch(`${simUrl}/__sim/faults`, { cache: "no-store" });
    if (!res.ok) return;
    const body = await res.json();
    const list = Array.isArray(body) ? body : body.faults ?? [];
    for (const [id, f] of Object.entries(FAULTS)) {
      $(id).checked = list.some((x) => x.endpoint === f.endpoint && x.kind === f.kind && (x.status ?? null) === (f.status ?? null) && (x.ms ?? x.latencyMs ?? null) === (f.ms ?? null));
    }
  } catch {
    /* the checkboxes stay as they are */
  }
  renderFaultStatus();
}

function renderFaultStatus() {
  const { conn, simUrl } = store.get();
  const enabled = conn.mode === "sim" && !!simUrl;
  $("fault-set").disabled = !enabled;
  const labels = checkedIds().map((id) => t(LABELS[id]));
  $("fault-status").textContent = !enabled ? t("fault.unavailable") : labels.length ? t("fault.on", { list: labels.join("; ") }) : t("fault.off");
}
