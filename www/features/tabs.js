// The endpoint tabs and their panels (the ARIA tabs pattern: arrow keys, Home and End move
// between tabs). Each feature builds its form and results into its endpoint's panel.
import { store } from "../state.js";
import { t } from "../i18n/index.js";
import { $, h } from "../dom.js";

export const ENDPOINTS = ["callResults", "callResultDetail", "callRecords", "callManualDetail", "transferRecords"];

export function mountTabs() {
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
  store.subscribe(["locale"], () => {
    for (const name of ENDPOINTS) {
      $(`tab-${name}`).textContent = t(`tab.${name}`);
      $(`desc-${name}`).textContent = t(`desc.${name}`);
    }
  });
}

function selectTab(name) {
  for (const n of ENDPOINTS) {
    const on = n === name;
    $(`tab-${n}`).setAttribute("aria-selected", String(on));
    $(`tab-${n}`).tabIndex = on ? 0 : -1;
    $(`panel-${n}`).hidden = !on;
  }
}
