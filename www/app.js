// The console: loads the package, mounts each feature (features/*.js) on the page, connects to the
// simulator when serve.mjs names one, and marks the page ready. The state is the store in
// state.js; each feature re-renders itself from it.
import { store } from "./state.js";
import { t, getLocale, setLocale, wireI18n } from "./i18n/index.js";
import { $ } from "./dom.js";
import { mountTabs } from "./features/tabs.js";
import { mountCallResults } from "./features/call-results.js";
import { mountQueries } from "./features/query.js";
import { mountConnection, setConnStatus } from "./features/connection.js";
import { mountSimulator, connectSimulator } from "./features/simulator.js";
import { mountFaults } from "./features/faults.js";
import { mountLog } from "./features/log.js";
import { mountCallView } from "./features/callview.js";
import { mountErrors } from "./features/errors.js";
import { mountOverview } from "./features/charts.js";

async function boot() {
  wireI18n();
  wireLanguageButtons();
  let lib;
  try {
    lib = await import("cec-calldata");
  } catch (e) {
    bootFailed(e);
    return;
  }
  store.set({ lib });
  mountTabs();
  mountCallResults();
  mountQueries();
  mountConnection();
  mountSimulator();
  mountFaults();
  mountLog();
  mountCallView();
  mountErrors();
  mountOverview();

  store.set(await readConfig());
  if (store.get().simUrl) await connectSimulator();
  else setConnStatus("conn.noSim");
  $("conn-details").open = store.get().conn.mode !== "sim";
  $("boot-status").textContent = t("ready");
  $("boot-status").classList.add("done");
  document.body.dataset.ready = "true";
}

function wireLanguageButtons() {
  const buttons = document.querySelectorAll("[data-lang]");
  const sync = () => {
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.lang === getLocale()));
  };
  for (const b of buttons) b.addEventListener("click", () => setLocale(b.dataset.lang));
  store.subscribe(["locale"], sync);
  sync();
}

/** serve.mjs's /config.json: the simulator's URL and the path of its signer, when it has them. */
async function readConfig() {
  try {
    const config = await (await fetch("/config.json", { cache: "no-store" })).json();
    return {
      simUrl: typeof config.simUrl === "string" && config.simUrl ? config.simUrl.replace(/\/+$/, "") : null,
      signerPath: typeof config.signer === "string" ? config.signer : null,
    };
  } catch {
    return { simUrl: null, signerPath: null };
  }
}

function bootFailed(e) {
  $("boot-status").textContent = t("bootFailed", { msg: e?.message ?? String(e) });
  $("boot-status").classList.add("error");
}

boot().catch(bootFailed);
