// The console's source layout, without a browser: no import cycle between its modules, no
// hand-written file over 600 lines, and the UI text in both languages, key for key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const wwwDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The console's own modules (not the installed package in .deps, not the tests). */
function sourceFiles(dir = wwwDir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== ".deps" && entry.name !== "tests") out.push(...sourceFiles(path));
    } else if (/\.(m?js)$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** The relative imports of a module (static `import … from`, `export … from` and `import()`). */
function importsOf(file) {
  const src = readFileSync(file, "utf8");
  const specs = [...src.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s));
}

test("the console's modules import each other without a cycle", () => {
  const files = sourceFiles();
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  for (const [file, deps] of graph) {
    for (const d of deps) assert.ok(graph.has(d), `${relative(wwwDir, file)} imports ${relative(wwwDir, d)}, which is not there`);
  }
  const done = new Set();
  const visit = (file, path) => {
    const at = path.indexOf(file);
    if (at >= 0) assert.fail(`import cycle: ${[...path.slice(at), file].map((f) => relative(wwwDir, f)).join(" → ")}`);
    if (done.has(file)) return;
    for (const d of graph.get(file)) visit(d, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
});

test("no hand-written file of the console is over 600 lines", () => {
  for (const file of sourceFiles()) {
    const lines = readFileSync(file, "utf8").split("\n").length - 1;
    assert.ok(lines <= 600, `${relative(wwwDir, file)}: ${lines} lines`);
  }
});

test("every UI text has an English and a Chinese version", async () => {
  const en = (await import(join(wwwDir, "i18n/en.js"))).default;
  const zh = (await import(join(wwwDir, "i18n/zh.js"))).default;
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], "keys only in zh.js");
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], "keys only in en.js");
  for (const [lang, texts] of [["en", en], ["zh", zh]]) {
    for (const [key, text] of Object.entries(texts)) assert.ok(typeof text === "string" && text.trim() !== "", `${lang} ${key} is empty`);
  }
  // The keys the page itself names (index.html's data-i18n attributes) are in the catalogue.
  const html = readFileSync(join(wwwDir, "index.html"), "utf8");
  const named = [...html.matchAll(/data-i18n(?:-[\w-]+)?="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(named.length > 20, `index.html names ${named.length} texts`);
  assert.deepEqual(named.filter((k) => !(k in en)), [], "index.html names texts that are not in en.js");
});
