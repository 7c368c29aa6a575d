// Assembles pkg/ (the npm package) from the wasm-bindgen outputs in target/pkg-build and the
// hand-written JS layer in js/ (js/runtime.js and the entry points in js/entries/). Generated
// output: nobody edits pkg/ by hand.
//
// Entries (HACKING.md, "Package layout"):
//   index.cjs / index.node.mjs  Node (require / import), one shared instance, bytes inlined
//   index.web.js                browser default: top-level await, .wasm next to it (new URL)
//   web.js                      browser, explicit `await init()`, .wasm next to it
//   inline.js                   any bundler/runtime: no top-level await, no asset (base64)
//   workerd.js                  Cloudflare Workers: `.wasm` imported as a module
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "target/pkg-build");
const pkg = join(root, "pkg");
const entries = join(root, "js/entries");
const read = (p) => readFileSync(p, "utf8");

for (const f of readdirSync(pkg)) if (f !== ".gitkeep") rmSync(join(pkg, f), { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

const wasmBytes = readFileSync(join(build, "cec_calldata_bg.opt.wasm"));
copyFileSync(join(build, "cec_calldata_bg.opt.wasm"), join(pkg, "cec_calldata_bg.wasm"));
const wasmBase64 = wasmBytes.toString("base64");
writeFileSync(join(pkg, "wasm-bytes.js"), `// The wasm module, base64 (generated).\nexport const wasmBase64 = "${wasmBase64}";\n`);
writeFileSync(
  join(pkg, "wasm-bytes.cjs"),
  `"use strict";\n// The wasm module, base64 (generated).\nexports.bytes = () => Buffer.from("${wasmBase64}", "base64");\n`,
);

// The nodejs glue reads `${__dirname}/cec_calldata_bg.wasm`; a bundled Node app has no such file
// (and ESM output has no __dirname), so it takes the inlined bytes instead.
const nodeGlue = read(join(build, "node/cec_calldata.js"));
const fileRead = /const wasmPath = `\$\{__dirname\}\/cec_calldata_bg\.wasm`;\nconst wasmBytes = require\('fs'\)\.readFileSync\(wasmPath\);/;
if (!fileRead.test(nodeGlue)) throw new Error("the nodejs glue no longer reads the .wasm the expected way: update assemble-pkg.mjs");
writeFileSync(join(pkg, "cec_calldata_node.cjs"), nodeGlue.replace(fileRead, `const wasmBytes = require('./wasm-bytes.cjs').bytes();`));
writeFileSync(join(pkg, "cec_calldata_web.js"), read(join(build, "web/cec_calldata.js")));

// The JS layer is written once as an ES module; esbuild derives the CommonJS copy.
copyFileSync(join(root, "js/runtime.js"), join(pkg, "runtime.js"));
buildSync({ entryPoints: [join(root, "js/runtime.js")], outfile: join(pkg, "runtime.cjs"), format: "cjs", platform: "neutral", logLevel: "error" });

copyFileSync(join(entries, "index.cjs"), join(pkg, "index.cjs"));

// The export list comes from the built module itself, so the ESM entries never drift from it.
const require = createRequire(import.meta.url);
const names = Object.keys(require(join(pkg, "index.cjs"))).sort();
const wasmNames = names.filter((n) => n !== "CecError" && n !== "__testing");
const fill = (file) => {
  const text = read(join(entries, file)).replace("/*NAMES*/", names.join(", ")).replace("/*WASM_NAMES*/", wasmNames.join(", "));
  if (/\/\*(WASM_)?NAMES\*\//.test(text)) throw new Error(`${file}: unfilled placeholder`);
  writeFileSync(join(pkg, file), text);
};
for (const f of ["index.node.mjs", "web.js", "index.web.js", "inline.js", "workerd.js"]) fill(f);

// Types: the generated declarations (tsify models + exports) plus the JS layer's own.
const generated = read(join(build, "node/cec_calldata.d.ts"));
const extra = read(join(root, "js/extra.d.ts"));
// wasm-bindgen classes declare [Symbol.dispose]; the reference keeps strict users on older
// `lib` settings compiling.
const types = `/// <reference lib="esnext.disposable" />\n${generated}\n${extra}`;
writeFileSync(join(pkg, "index.d.ts"), types);
writeFileSync(join(pkg, "index.d.cts"), types);
const initTypes = (what) => `export * from "./index.js";
/** ${what} Idempotent. */
export declare function init(
  input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
`;
writeFileSync(join(pkg, "web.d.ts"), initTypes("Loads and instantiates the wasm module; resolves when the exports are usable."));
writeFileSync(join(pkg, "inline.d.ts"), initTypes("Optional: compiles the inlined module asynchronously now (the first call would otherwise compile it synchronously)."));
writeFileSync(join(pkg, "workerd.d.ts"), initTypes("Already initialised at import; kept for code shared with the browser entries."));

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
  repository: { type: "git", url: "git+https://github.com/cec-calldata/cec-calldata.git" },
  homepage: "https://github.com/cec-calldata/cec-calldata#readme",
  bugs: { url: "https://github.com/cec-calldata/cec-calldata/issues" },
  type: "module",
  engines: { node: ">=22" },
  main: "./index.cjs",
  module: "./index.web.js",
  types: "./index.d.ts",
  exports: {
    ".": {
      workerd: { types: "./workerd.d.ts", default: "./workerd.js" },
      node: {
        import: { types: "./index.d.ts", default: "./index.node.mjs" },
        require: { types: "./index.d.cts", default: "./index.cjs" },
      },
      types: "./index.d.ts",
      default: "./index.web.js",
    },
    "./web": { types: "./web.d.ts", default: "./web.js" },
    "./inline": { types: "./inline.d.ts", default: "./inline.js" },
    "./cec_calldata_bg.wasm": "./cec_calldata_bg.wasm",
    "./sync": { types: "./sync/index.d.ts", node: "./sync/index.js" },
    "./package.json": "./package.json",
  },
  files: [
    "cec_calldata_bg.wasm",
    "cec_calldata_node.cjs",
    "cec_calldata_web.js",
    "wasm-bytes.js",
    "wasm-bytes.cjs",
    "runtime.js",
    "runtime.cjs",
    "index.cjs",
    "index.node.mjs",
    "index.web.js",
    "web.js",
    "inline.js",
    "workerd.js",
    "index.d.ts",
    "index.d.cts",
    "web.d.ts",
    "inline.d.ts",
    "workerd.d.ts",
    "README.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "CHANGELOG.md",
    "sync/",
  ],
  bin: { "cec-calldata": "./sync/cli.js" },
  // Drivers of cec-calldata/sync, loaded only when that store is opened.
  peerDependencies: { "better-sqlite3": ">=11", pg: ">=8" },
  peerDependenciesMeta: { "better-sqlite3": { optional: true }, pg: { optional: true } },
  sideEffects: ["./index.web.js", "./index.cjs", "./index.node.mjs", "./workerd.js"],
  keywords: ["huawei", "cec", "aicc", "call-center", "wasm", "outbound"],
};
writeFileSync(join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, "js/PACKAGE_README.md"), join(pkg, "README.md"));
for (const f of ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"]) copyFileSync(join(root, f), join(pkg, f));
console.log(`pkg/ assembled: ${names.length} exports`);
