// A small sortable table. Columns: { key, label: () => string, value(row) (sort + default text),
// render?(row) → string | Node, numeric? }. Sorting is by the header buttons (aria-sort on the <th>).
// Rows open with a click anywhere on the row, or Enter/Space on the row's focusable button.
import { h } from "./dom.js";

export function createTable({ id, columns, caption, onOpen, empty, onSort }) {
  const table = h("table", { id, class: "data" });
  const cap = h("caption");
  const thead = h("thead");
  const tbody = h("tbody");
  table.append(cap, thead, tbody);
  const wrap = h("div", { class: "table-wrap", tabindex: "0", role: "region" }, table);
  let rows = [];
  let sort = { key: null, dir: 1 };

  function header() {
    const tr = h("tr");
    for (const c of columns) {
      const th = h("th", { scope: "col", class: c.numeric ? "num" : undefined });
      const active = sort.key === c.key;
      th.setAttribute("aria-sort", active ? (sort.dir > 0 ? "ascending" : "descending") : "none");
      const b = h("button", { type: "button", class: "sort" });
      b.append(c.label(), h("span", { class: "sort-mark", "aria-hidden": "true" }, active ? (sort.dir > 0 ? " ▲" : " ▼") : " ↕"));
      b.addEventListener("click", () => {
        sort = sort.key === c.key ? { key: c.key, dir: -sort.dir } : { key: c.key, dir: 1 };
        render();
        onSort?.(sort);
        thead.querySelector(`th:nth-child(${columns.indexOf(c) + 1}) button`)?.focus();
      });
      th.append(b);
      tr.append(th);
    }
    thead.replaceChildren(tr);
  }

  function sorted() {
    if (!sort.key) return rows;
    const c = columns.find((c) => c.key === sort.key);
    const val = (r) => c.value(r);
    return [...rows].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      if (x === y) return 0;
      if (x === undefined || x === null || x === "") return 1;
      if (y === undefined || y === null || y === "") return -1;
      if (typeof x === "number" && typeof y === "number") return (x - y) * sort.dir;
      return String(x).localeCompare(String(y), undefined, { numeric: true }) * sort.dir;
    });
  }

  function render() {
    header();
    cap.textContent = caption ? caption() : "";
    wrap.setAttribute("aria-label", cap.textContent);
    if (!rows.length) {
      tbody.replaceChildren(h("tr", {}, h("td", { colspan: columns.length, class: "empty" }, empty ? empty() : "—")));
      return;
    }
    const frag = document.createDocumentFragment();
    for (const r of sorted()) {
      const tr = h("tr", { class: onOpen ? "openable" : undefined });
      for (const c of columns) {
        const td = h("td", { class: c.numeric ? "num" : undefined });
        const content = c.render ? c.render(r) : c.value(r);
        td.append(content instanceof Node ? content : String(content ?? ""));
        tr.append(td);
      }
      if (onOpen) {
        tr.addEventListener("click", (ev) => {
          // Links and buttons inside the row act on their own (the open button calls onOpen itself).
          if (ev.target.closest("a, button")) return;
          onOpen(r, tr);
        });
      }
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
  }

  render();
  return {
    el: wrap,
    table,
    setRows(next) {
      rows = Array.isArray(next) ? next : [];
      render();
    },
    get rows() {
      return rows;
    },
    refresh: render,
  };
}
