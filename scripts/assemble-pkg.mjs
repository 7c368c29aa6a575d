// Assembles pkg/ (the npm package) from the wasm-bindgen outputs in target/pkg-build and the
// hand-written JS layer in js/. Generated output: nobody edits pkg/ by hand.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "target/pkg-build");
const pkg = join(root, "pkg");
const read = (p) => readFileSync(p, "utf8");

for (const f of readdirSync(pkg)) if (f !== ".gitkeep") rmSync(join(pkg, f), { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

copyFileSync(join(build, "cec_calldata_bg.opt.wasm"), join(pkg, "cec_calldata_bg.wasm"));
writeFileSync(join(pkg, "cec_calldata_node.cjs"), read(join(build, "node/cec_calldata.js")));
writeFileSync(join(pkg, "cec_calldata_web.js"), read(join(build, "web/cec_calldata.js")));

// The JS layer is written once as an ES module; the CommonJS copy is derived mechanically.
const runtime = read(join(root, "js/runtime.js"));
writeFileSync(join(pkg, "runtime.js"), runtime);
const exported = [...runtime.matchAll(/^export (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
writeFileSync(
  join(pkg, "runtime.cjs"),
  `"use strict";\n${runtime.replace(/^export /gm, "")}\nmodule.exports = { ${exported.join(", ")} };\n`,
);

writeFileSync(
  join(pkg, "index.cjs"),
  `"use strict";
// Node CommonJS entry: the wasm instance is created synchronously on require.
const wasm = require("./cec_calldata_node.cjs");
const { setup, publicExports } = require("./runtime.cjs");
setup(wasm);
module.exports = publicExports(wasm);
`,
);

// The export list comes from the built module itself, so the ESM entries never drift from it.
const require = createRequire(import.meta.url);
const names = Object.keys(require(join(pkg, "index.cjs"))).sort();
const wasmNames = names.filter((n) => n !== "CecError" && n !== "__testing");

writeFileSync(
  join(pkg, "index.node.mjs"),
  `// Node ES-module entry: re-exports the CommonJS entry so require() and import share one instance.
import cjs from "./index.cjs";
export const { ${names.join(", ")} } = cjs;
`,
);

writeFileSync(
  join(pkg, "web.js"),
  `// Browser entry with explicit initialisation: call \`await init()\` (or init(url | Response |
// BufferSource | WebAssembly.Module)) before using the exports. Safe to call more than once.
import initWasm, * as wasm from "./cec_calldata_web.js";
import { setup, publicExports, CecError } from "./runtime.js";

let ready;
export function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => {
    setup(wasm);
  });
  return ready;
}
const surface = publicExports(wasm);
export { CecError };
export const { ${wasmNames.join(", ")}, __testing } = surface;
`,
);

writeFileSync(
  join(pkg, "index.web.js"),
  `// Default browser entry: initialised on import (top-level await), shares its instance with
// "cec-calldata/web".
import { init } from "./web.js";
await init();
export * from "./web.js";
`,
);

// Types: the generated declarations (tsify models + exports) plus the JS layer's own.
const generated = read(join(build, "node/cec_calldata.d.ts"));
const extra = read(join(root, "js/extra.d.ts"));
// wasm-bindgen classes declare [Symbol.dispose]; the reference keeps strict users on older
// `lib` settings compiling.
const types = `/// <reference lib="esnext.disposable" />\n${generated}\n${extra}`;
writeFileSync(join(pkg, "index.d.ts"), types);
writeFileSync(join(pkg, "index.d.cts"), types);
writeFileSync(
  join(pkg, "web.d.ts"),
  `export * from "./index.js";
/** Loads and instantiates the wasm module; resolves when the exports are usable. Idempotent. */
export declare function init(
  input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
`,
);

// cec-calldata/sync: Node-only ES modules copied as they are (own subpath, never in the main entry).
mkdirSync(join(pkg, "sync"));
for (const f of readdirSync(join(root, "js/sync"))) copyFileSync(join(root, "js/sync", f), join(pkg, "sync", f));

const cargo = read(join(root, "Cargo.toml"));
const version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? "0.0.0";
const manifest = {
  name: "cec-calldata",
  version,
  description:
    "Typed, validated client for Huawei Cloud CEC call-data APIs (CC-iSales, API Fabric, OIFDE), in Rust compiled to WebAssembly",
  license: "MIT OR Apache-2.0",
  type: "module",
  engines: { node: ">=20" },
  main: "./index.cjs",
  module: "./index.web.js",
  types: "./index.d.ts",
  exports: {
    ".": {
      node: {
        import: { types: "./index.d.ts", default: "./index.node.mjs" },
        require: { types: "./index.d.cts", default: "./index.cjs" },
      },
      types: "./index.d.ts",
      default: "./index.web.js",
    },
    "./web": { types: "./web.d.ts", default: "./web.js" },
    "./sync": { types: "./sync/index.d.ts", node: "./sync/index.js" },
    "./package.json": "./package.json",
  },
  files: [
    "cec_calldata_bg.wasm",
    "cec_calldata_node.cjs",
    "cec_calldata_web.js",
    "runtime.js",
    "runtime.cjs",
    "index.cjs",
    "index.node.mjs",
    "index.web.js",
    "web.js",
    "index.d.ts",
    "index.d.cts",
    "web.d.ts",
    "README.md",
    "sync/",
  ],
  bin: { "cec-calldata": "./sync/cli.js" },
  // Drivers of cec-calldata/sync, loaded only when that store is opened.
  peerDependencies: { "better-sqlite3": ">=11", pg: ">=8" },
  peerDependenciesMeta: { "better-sqlite3": { optional: true }, pg: { optional: true } },
  sideEffects: ["./index.web.js", "./index.cjs", "./index.node.mjs"],
  keywords: ["huawei", "cec", "aicc", "call-center", "wasm", "outbound"],
};
writeFileSync(join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, "js/PACKAGE_README.md"), join(pkg, "README.md"));
console.log(`pkg/ assembled: ${names.length} exports`);
