// The console's DOM helpers: an element by id, and HTML / SVG elements built from attributes and
// children.

export const $ = (id) => document.getElementById(id);

/** An HTML element. Attributes that are undefined, null or false are left out (true is ""); the
 * attribute `text` sets the text content; children that are null, undefined or false are skipped. */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c != null && c !== false) e.append(c);
  return e;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with its attributes and, optionally, its text. */
export function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
