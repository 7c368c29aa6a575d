// The local simulator (cec-sim): its /__sim/dataset fills in the connection (gateways and demo
// credentials) and the forms, and its faults are reflected in the fault-injection panel.
import { store } from "../state.js";
import { $ } from "../dom.js";
import { setConnStatus, useDemoCredentials } from "./connection.js";
import { prefillForms } from "./campaigns.js";
import { loadFaults } from "./faults.js";

export function mountSimulator() {
  $("conn-use-sim").addEventListener("click", () => {
    if (store.get().simUrl) connectSimulator();
    else setConnStatus("conn.noSim");
  });
}

export async function connectSimulator() {
  const { simUrl } = store.get();
  let dataset;
  try {
    const res = await fetch(`${simUrl}/__sim/dataset`, { cache: "no-store" });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    dataset = readDataset(simUrl, await res.json());
  } catch (e) {
    setConnStatus("conn.simDown", { url: simUrl, msg: e?.message ?? String(e) });
    $("conn-details").open = true;
    return;
  }
  // The demo secrets go to the connection, the only place that keeps them.
  const { secrets, gateways, ...rest } = dataset;
  store.set({ dataset: rest });
  useDemoCredentials(gateways, secrets);
  await prefillForms();
  await loadFaults();
}

/** Normalises /__sim/dataset (sim/README.md) into what the console needs. */
function readDataset(simUrl, ds) {
  const cred = ds.credentials ?? {};
  const isales = cred.isales ?? {};
  const fabric = cred.apiFabric ?? {};
  const oifde = cred.oifde ?? {};
  const ids = (x) => (Array.isArray(x) ? x.map(String) : []);
  return {
    gateways: {
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
