// The campaign overview: success rate per day (columns) and the distribution of failCodes
// (horizontal bars) of the rows the last Export all / Overview fetched (the store's `overview`),
// as hand-drawn SVG. Each chart is an <svg role="img"> with a title and a description, followed by
// a <details> data table for screen readers and exact values.
import { store } from "../state.js";
import { t, getLocale } from "../i18n/index.js";
import { $, h, svg as s } from "../dom.js";
import { failCodeLabel } from "../failcodes.js";

export function mountOverview() {
  store.subscribe(["overview", "locale"], renderOverview);
  renderOverview();
}

function renderOverview() {
  const { overview } = store.get();
  const box = $("ov-charts");
  if (!overview) {
    $("ov-caption").textContent = t("ov.none");
    box.replaceChildren();
    return;
  }
  const { req, summary } = overview;
  const range = req.beginTime ? `${req.beginTime} → ${req.endTime}` : t("ov.allTime");
  const rate = summary.total ? ((100 * summary.succeeded) / summary.total).toFixed(1) : "0.0";
  $("ov-caption").textContent = t("ov.caption", { c: req.campaignId, v: req.vdnId, range, n: summary.total, rate });
  const locale = getLocale();
  box.replaceChildren(successRateChart(summary.days), failCodeChart(summary.failCodes, (code) => failCodeLabel(code, locale)));
}

/** Numbers the charts, for ids unique in the page (aria-labelledby). */
let uid = 0;

/** Aggregates call results into per-day success and failCode counts. */
export function summarize(rows) {
  const days = new Map();
  const fails = new Map();
  let succeeded = 0;
  for (const r of rows) {
    const day = String(r.callTimeStr ?? "").slice(0, 10) || "?";
    const d = days.get(day) ?? { day, total: 0, succeeded: 0 };
    d.total += 1;
    if (Number(r.callStatus) === 6) {
      d.succeeded += 1;
      succeeded += 1;
    } else {
      const code = String(r.failCode ?? "");
      fails.set(code, (fails.get(code) ?? 0) + 1);
    }
    days.set(day, d);
  }
  return {
    total: rows.length,
    succeeded,
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    failCodes: [...fails.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

function dataTable(caption, heads, rows) {
  const table = h("table", { class: "data compact" }, h("caption", {}, caption));
  table.append(h("thead", {}, h("tr", {}, ...heads.map((x, i) => h("th", { scope: "col", class: i ? "num" : undefined }, x)))));
  table.append(h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((x, i) => h(i ? "td" : "th", i ? { class: "num" } : { scope: "row" }, String(x)))))));
  return table;
}

/** Success rate per day as columns, 0–100 %. */
function successRateChart(days) {
  const id = `chart-${++uid}`;
  const W = 720;
  const H = 240;
  const m = { l: 44, r: 12, t: 14, b: 38 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${id}-t ${id}-d`, class: "chart" });
  const total = days.reduce((a, d) => a + d.total, 0);
  const ok = days.reduce((a, d) => a + d.succeeded, 0);
  svg.append(s("title", { id: `${id}-t` }, t("chart.rateTitle")));
  svg.append(s("desc", { id: `${id}-d` }, t("chart.rateDesc", { days: days.length, rate: total ? ((100 * ok) / total).toFixed(1) : "0" })));
  const g = s("g", { transform: `translate(${m.l},${m.t})` });
  for (const p of [0, 25, 50, 75, 100]) {
    const y = ih - (ih * p) / 100;
    g.append(s("line", { x1: 0, x2: iw, y1: y, y2: y, class: "grid" }));
    g.append(s("text", { x: -6, y: y + 4, "text-anchor": "end", class: "tick" }, `${p}%`));
  }
  const n = Math.max(days.length, 1);
  const step = iw / n;
  const bw = Math.max(1, step * 0.72);
  const labelEvery = Math.ceil(n / 12);
  days.forEach((d, i) => {
    const rate = d.total ? d.succeeded / d.total : 0;
    const bh = ih * rate;
    const x = i * step + (step - bw) / 2;
    const bar = s("rect", { x: x.toFixed(2), y: (ih - bh).toFixed(2), width: bw.toFixed(2), height: bh.toFixed(2), class: "bar ok" });
    bar.append(s("title", {}, t("chart.rateBar", { day: d.day, rate: (100 * rate).toFixed(1), ok: d.succeeded, total: d.total })));
    g.append(bar);
    if (i % labelEvery === 0) {
      g.append(s("text", { x: (i * step + step / 2).toFixed(2), y: ih + 16, "text-anchor": "middle", class: "tick" }, d.day.slice(5)));
    }
  });
  g.append(s("line", { x1: 0, x2: iw, y1: ih, y2: ih, class: "axis" }));
  svg.append(g);
  const details = h(
    "details",
    {},
    h("summary", {}, t("chart.showData")),
    dataTable(
      t("chart.rateTitle"),
      [t("chart.day"), t("chart.calls"), t("chart.succeeded"), t("chart.rate")],
      days.map((d) => [d.day, d.total, d.succeeded, `${d.total ? ((100 * d.succeeded) / d.total).toFixed(1) : "0.0"}%`]),
    ),
  );
  return h("figure", { class: "chart-figure" }, svg, h("figcaption", {}, t("chart.rateCaption")), details);
}

/** failCode distribution as horizontal bars; `label(code)` gives "code · description". */
function failCodeChart(failCodes, label) {
  const id = `chart-${++uid}`;
  const W = 720;
  const row = 24;
  const m = { l: 300, r: 90, t: 8, b: 8 };
  const H = m.t + m.b + Math.max(failCodes.length, 1) * row;
  const iw = W - m.l - m.r;
  const max = Math.max(1, ...failCodes.map((f) => f.count));
  const sum = failCodes.reduce((a, f) => a + f.count, 0);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${id}-t ${id}-d`, class: "chart" });
  svg.append(s("title", { id: `${id}-t` }, t("chart.failTitle")));
  svg.append(s("desc", { id: `${id}-d` }, t("chart.failDesc", { n: failCodes.length, failed: sum })));
  const g = s("g", { transform: `translate(${m.l},${m.t})` });
  if (!failCodes.length) g.append(s("text", { x: 0, y: row * 0.65, class: "tick" }, t("chart.noFailures")));
  failCodes.forEach((f, i) => {
    const y = i * row;
    const w = (iw * f.count) / max;
    g.append(s("text", { x: -8, y: y + row * 0.65, "text-anchor": "end", class: "label" }, label(f.code)));
    const bar = s("rect", { x: 0, y: y + 4, width: w.toFixed(2), height: row - 8, class: "bar fail" });
    bar.append(s("title", {}, `${label(f.code)}: ${f.count}`));
    g.append(bar);
    g.append(s("text", { x: w + 6, y: y + row * 0.65, class: "tick" }, `${f.count} (${((100 * f.count) / sum).toFixed(1)}%)`));
  });
  svg.append(g);
  const details = h(
    "details",
    {},
    h("summary", {}, t("chart.showData")),
    dataTable(t("chart.failTitle"), [t("chart.failCode"), t("chart.calls")], failCodes.map((f) => [label(f.code), f.count])),
  );
  return h("figure", { class: "chart-figure" }, svg, h("figcaption", {}, t("chart.failCaption")), details);
}
